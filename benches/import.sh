#!/usr/bin/env bash
# Importing a long review history: `tutor import revlog` of 1,000,000 rows over 10,000
# cards with a deck of those 10,000 cards loaded (--decks), against a plain Python csv +
# sqlite3 import of the same file (benches/revlog_1m.py), alternated, each into a new
# data dir; then `tutor optimize` on the imported million (peak memory from
# /usr/bin/time -v). Wall-clock seconds per run and the median of RUNS runs (default 3).
# Usage: benches/import.sh [BINARY] [RUNS]   (default target/release/tutor)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/tutor}")
runs=${2:-3}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benches/many_cards.py "$work/deck" 10000 >/dev/null
python3 benches/revlog_1m.py csv "$work/log.csv"
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
seconds() { # the elapsed wall-clock seconds of a command, from bash's time
  local TIMEFORMAT=%R
  { time "$@" >/dev/null 2>&1; } 2>&1
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
# The deck's parse cache is filled once, so each import loads the deck as a normal start.
"$bin" --data-dir "$work/warm" --decks "$work/deck" stats >/dev/null 2>&1
ours=() python=()
for run in $(seq "$runs"); do
  rm -rf "$work/data" "$work/py.db"*
  cp -r "$work/warm" "$work/data"
  t=$(seconds "$bin" --data-dir "$work/data" --decks "$work/deck" import revlog "$work/log.csv")
  ours+=("$t")
  p=$(seconds python3 benches/revlog_1m.py import "$work/log.csv" "$work/py.db")
  python+=("$p")
  echo "run $run: tutor $t s, python $p s"
done
mo=$(median "${ours[@]}") mp=$(median "${python[@]}")
echo "median: tutor $mo s, python $mp s, ratio $(python3 -c "print(f'{$mo / $mp:.2f}')")"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$bin" --data-dir "$work/data" optimize >"$work/optimize.txt" 2>"$work/time.txt"
head -2 "$work/optimize.txt"
grep -E "Maximum resident|Elapsed" "$work/time.txt"
