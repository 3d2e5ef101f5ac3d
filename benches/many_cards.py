"""Writes a deck of generated cards for memory measurements (benches/rss.sh).

Usage: python3 benches/many_cards.py FOLDER [COUNT]   (COUNT defaults to 10,000)
Each card is a two-sum variant of about 2 KB of YAML, with both solutions and a quiz
item, in files of 250 cards (deck files are limited to 1 MiB).
"""

import pathlib
import sys

CARD = """id: gen-{i}
title: Two sum, variant {i}
topic: t
tags: [generated]
difficulty: easy
prompt: |
  Return the positions of two entries of a list that add up to {i}, or None.
python:
  solution: |
    def pair(values, goal):
        index = {{}}
        for j, v in enumerate(values):
            if goal - v in index:
                return index[goal - v], j
            index[v] = j
        return None
  tests: |
    assert pair([1, {i}], {i} + 1) == (0, 1)
rust:
  solution: |
    pub fn pair(values: &[i64], goal: i64) -> Option<(usize, usize)> {{
        let mut index = std::collections::HashMap::new();
        for (j, &v) in values.iter().enumerate() {{
            if let Some(&k) = index.get(&(goal - v)) {{
                return Some((k, j));
            }}
            index.insert(v, j);
        }}
        None
    }}
  tests: |
    #[test]
    fn finds() {{ assert_eq!(pair(&[1, {i}], {i} + 1), Some((0, 1))); }}
explanation: |
  Keep each value's position in a map and look up the complement first, so an
  entry never pairs with itself: one pass, linear time and space.
key_points: [look up before inserting, return positions not values]
pitfalls: [pairing an entry with itself]
follow_ups: [What if the list is sorted?]
complexity: {{time: O(n), space: O(n)}}
quiz:
  - kind: single
    question: Why look up the complement before inserting?
    options: [so an entry never pairs with itself, it is faster]
    answer: 0
    explanation: Inserting first lets v pair with itself when the goal is 2v.
"""

PER_FILE = 250


def main() -> None:
    root = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    root.mkdir(parents=True, exist_ok=True)
    root.joinpath("deck.yaml").write_text(
        "id: many\ntitle: Many\ndescription: generated cards\n"
        "topics:\n  - id: t\n    title: Generated\n"
    )
    for f, start in enumerate(range(0, count, PER_FILE)):
        cards = [CARD.format(i=i) for i in range(start, min(start + PER_FILE, count))]
        root.joinpath(f"cards-{f:03}.yaml").write_text("---\n".join(cards))


if __name__ == "__main__":
    main()
