"""Measures the answer cues a test-wise learner could use in the bundled quiz items (issue 16).

Usage: python3 benches/quiz_cues.py [DECK_FOLDER ...] [--items]
(DECK_FOLDER defaults to every folder under content/; --items also lists, per item,
the figures behind the totals, so an author can find the items to fix.)

For `single` items it prints the share answered by picking the unique longest option,
by picking the first option, and by picking the unique shortest one (chance with 3-4
options is 25-33%). For `multiple`
items it prints the mean, over items, of (mean length of right options) / (mean
length of wrong options), and how many items exceed 1.2. Length is counted in
characters (code points), as the options are shown. The Rust deck-wide test lives in
tests/; this script is the author's quick look and the before/after figure.
"""

import pathlib
import statistics
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
RATIO_LIMIT = 1.2


def cards(folders):
    """Yields (file, card) for every card of every deck file in `folders`."""
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            if path.name == "deck.yaml":
                continue
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            for card in doc if isinstance(doc, list) else [doc]:
                if isinstance(card, dict):
                    yield path, card


def unique_extreme(options, pick):
    """The index of the one longest (pick=max) or shortest (pick=min) option, or None
    when that length is shared."""
    lengths = [len(o) for o in options]
    top = pick(lengths)
    return lengths.index(top) if lengths.count(top) == 1 else None


def measure(folders, show_items):
    singles = longest = shortest = first = 0
    ratios = []
    for path, card in cards(folders):
        for i, item in enumerate(card.get("quiz") or []):
            kind = item.get("kind")
            options = [str(o) for o in item.get("options") or []]
            where = f"{path.name} {card.get('id')} quiz[{i}]"
            if kind == "single":
                singles += 1
                answer = item["answer"]
                is_longest = unique_extreme(options, max) == answer
                longest += is_longest
                shortest += unique_extreme(options, min) == answer
                first += answer == 0
                if show_items:
                    lengths = [len(o) for o in options]
                    mark = " LONGEST" if is_longest else ""
                    print(f"single   {where}: answer {answer}, lengths {lengths}{mark}")
            elif kind == "multiple":
                right = [len(o) for j, o in enumerate(options) if j in item["answers"]]
                wrong = [len(o) for j, o in enumerate(options) if j not in item["answers"]]
                if right and wrong:
                    ratio = statistics.mean(right) / statistics.mean(wrong)
                    ratios.append(ratio)
                    if show_items:
                        mark = " OVER" if ratio > RATIO_LIMIT else ""
                        print(f"multiple {where}: right {right} wrong {wrong} ratio {ratio:.2f}{mark}")
    if singles:
        print(f"single items: {singles}")
        print(f"  answered by picking the unique longest option: {longest}/{singles} = {longest / singles:.0%}")
        print(f"  answered by picking the first option: {first}/{singles} = {first / singles:.0%}")
        # Overcorrecting turns length into the opposite cue.
        print(f"  answered by picking the unique shortest option: {shortest}/{singles} = {shortest / singles:.0%}")
    if ratios:
        over = sum(r > RATIO_LIMIT for r in ratios)
        print(f"multiple items: {len(ratios)}")
        print(f"  mean length ratio right/wrong: {statistics.mean(ratios):.2f} (max {max(ratios):.2f})")
        print(f"  items with ratio > {RATIO_LIMIT}: {over}")


def main(argv):
    show_items = "--items" in argv
    folders = [pathlib.Path(a) for a in argv if a != "--items"]
    if not folders:
        folders = sorted(p for p in (ROOT / "content").iterdir() if p.is_dir())
    measure(folders, show_items)


if __name__ == "__main__":
    main(sys.argv[1:])
