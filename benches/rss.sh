#!/usr/bin/env bash
# Memory at the first frame: runs the release binary in a tmux terminal (200x50), waits
# for the first frame (the footer's `? help`), then reads the process's resident set size
# (VmRSS, split into anonymous memory and mapped files) and its peak (VmHWM) from /proc.
# Each case is run 5 times; medians printed:
#   normal start: the caches filled by an earlier start, as every start but the first;
#   first start:  empty data and cache folders, so syntect loads and highlights;
#   10,000 cards: benches/many_cards.py writes a deck of 10,000 cards, added with
#                 --decks (normal start).
# Usage: benches/rss.sh [BINARY]   (default target/release/tutor, after
# `cargo build --release`; needs tmux and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/tutor}")
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
wait_for_frame() {
  for _ in $(seq 200); do
    tmux -L "$1" capture-pane -p -t "$2" | grep -q "? help" && return 0
    sleep 0.05
  done
  echo "rss: no frame within 10 s" >&2
  tmux -L "$1" kill-server 2>/dev/null || true
  exit 1
}
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
measure() { # $1: label, $2: warm or cold, rest: tutor arguments
  local label=$1 start=$2; shift 2
  local rss=() anon=() file=() hwm=()
  for run in 1 2 3 4 5; do
    local dir sock
    dir=$(mktemp -d); sock="rss-$$-$run"
    if [ "$start" = warm ]; then
      tmux -L "$sock" -f /dev/null new-session -d -s w -x 200 -y 50 "$bin --data-dir $dir/data $*"
      wait_for_frame "$sock" w
      # Let the background job finish filling the highlight cache: its spinner
      # ("highlighting cards") shows in the footer while it runs. On a loaded machine it
      # takes more than a second, and a cache left unfilled made the measured start
      # load syntect on its worker thread (2 MB more, read while it loaded).
      sleep 1
      for _ in $(seq 600); do
        tmux -L "$sock" capture-pane -p -t w | grep -q "highlighting cards" || break
        sleep 0.1
      done
      tmux -L "$sock" send-keys -t w q; sleep 0.3
      tmux -L "$sock" kill-server 2>/dev/null || true
    fi
    tmux -L "$sock" -f /dev/null new-session -d -s m -x 200 -y 50 \
      "echo \$\$ > $dir/pid; exec $bin --data-dir $dir/data $*"
    wait_for_frame "$sock" m
    local pid; pid=$(cat "$dir/pid")
    local status; status=$(cat /proc/"$pid"/status)
    rss+=("$(awk '/VmRSS/ {print $2}' <<<"$status")")
    anon+=("$(awk '/RssAnon/ {print $2}' <<<"$status")")
    file+=("$(awk '/RssFile/ {print $2}' <<<"$status")")
    hwm+=("$(awk '/VmHWM/ {print $2}' <<<"$status")")
    tmux -L "$sock" kill-server 2>/dev/null || true
    # Wait for the process to be gone: its cache-warming thread may still be writing.
    for _ in $(seq 100); do [ -e /proc/"$pid" ] || break; sleep 0.05; done
    rm -rf "$dir"
  done
  echo "$label: median VmRSS $(median "${rss[@]}") kB (anonymous $(median "${anon[@]}"), files $(median "${file[@]}")), VmHWM $(median "${hwm[@]}") kB; runs: ${rss[*]}"
}
measure "normal start, home screen (tutor)" warm
measure "normal start, card view (tutor browse lru-cache)" warm browse lru-cache
measure "first start, card view (tutor browse lru-cache)" cold browse lru-cache
deck=$(mktemp -d)
trap 'rm -rf "$deck"' EXIT
python3 benches/many_cards.py "$deck" 10000
"$bin" check "$deck" >/dev/null
measure "normal start with 10,000 more cards, home screen (tutor --decks DIR)" warm --decks "$deck"
