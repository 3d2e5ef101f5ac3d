#!/usr/bin/env bash
# Removes from content/ every `accept` or `said` entry that another entry of the same
# list makes redundant, as tests/redundant_phrases.rs decides it (see its module docs
# for the rule), then checks the deck. Safe to run again at any time, e.g. after merging
# branches that edit the same cards: it recomputes everything from the files as they
# are, and does nothing when nothing is redundant.
#
#   tests/prune_redundant_phrases.sh           # remove, then `tutor check content/`
#   tests/prune_redundant_phrases.sh --dry-run # only list what would go
#
# Afterwards, compare the ratchet figures with a run from before (they must not move):
#   cargo test --test recall_items --test misconception_phrasings \
#     --test bundled_examples --test recall_negation --test recall_matcher \
#     -- --skip fourteenth --nocapture
set -euo pipefail
cd "$(dirname "$0")/.."

dry=false
[ "${1:-}" = "--dry-run" ] && dry=true

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan="$dir/plan.jsonl"

# The test writes the plan whether or not it finds anything; it fails when it does.
TUTOR_PRUNE_PLAN="$plan" cargo test -q --test redundant_phrases \
  no_accept_or_said_entry_is_made_redundant_by_another >"$dir/test.log" 2>&1 || true
if [ ! -e "$plan" ]; then
  echo "the test did not run:" >&2
  cat "$dir/test.log" >&2
  exit 1
fi
if [ ! -s "$plan" ]; then
  echo "nothing redundant"
  if grep -q "could not be read back" "$dir/test.log"; then
    grep "could not be read back" "$dir/test.log" >&2
    exit 1
  fi
  exit 0
fi

python3 - "$plan" "$dry" <<'EOF'
import collections, json, sys

plan, dry = sys.argv[1], sys.argv[2] == "true"
cuts = [json.loads(line) for line in open(plan, encoding="utf-8")]
by_file = collections.defaultdict(list)
for cut in cuts:
    by_file[cut["file"]].append(cut)
total = 0
for file, cuts in sorted(by_file.items()):
    data = open(file, "rb").read()
    n = sum(len(c["entries"]) for c in cuts)
    total += n
    print(f"{file}: {n} entries")
    for c in cuts:
        for e in c["entries"]:
            print(f"    - {e}")
    if dry:
        continue
    # From the end, so earlier byte ranges stay where they are.
    for c in sorted(cuts, key=lambda c: c["start"], reverse=True):
        want = c["text"].encode("utf-8")
        got = data[c["start"]:c["end"]]
        if got != want:
            sys.exit(f"{file}: bytes {c['start']}..{c['end']} are {got!r}, not {want!r}; "
                     "the file changed since the plan was made: run again")
        data = data[:c["start"]] + data[c["end"]:]
    open(file, "wb").write(data)
print(f"{total} entries {'would be ' if dry else ''}removed")
EOF

$dry && exit 0

# Nothing may be left over, and the deck must still check.
if ! cargo test -q --test redundant_phrases >"$dir/test.log" 2>&1; then
  echo "still failing after the removal:" >&2
  cat "$dir/test.log" >&2
  exit 1
fi
cargo run -q -- check content/
