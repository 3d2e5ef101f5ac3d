#!/usr/bin/env bash
# Memory at the first frame: runs the release binary in a tmux terminal (200x50), waits
# for the card view to be drawn, then reads the process's resident set size (VmRSS) and
# its peak (VmHWM) from /proc. Runs each case 5 times and prints the median.
# Usage: benches/rss.sh   (after `cargo build --release`; needs tmux)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/target/release/tutor"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
measure() { # $1: label, rest: tutor arguments
  local label=$1; shift
  local rss=() hwm=()
  for run in 1 2 3 4 5; do
    local dir sock
    dir=$(mktemp -d); sock="rss-$$-$run"
    # Warm the caches first, as a second start would find them.
    tmux -L "$sock" -f /dev/null new-session -d -s w -x 200 -y 50 "$bin --data-dir $dir/data $*"
    for _ in $(seq 100); do tmux -L "$sock" capture-pane -p -t w | grep -q "Console" && break; sleep 0.05; done
    sleep 1; tmux -L "$sock" send-keys -t w q; sleep 0.3; tmux -L "$sock" kill-server 2>/dev/null || true
    tmux -L "$sock" -f /dev/null new-session -d -s m -x 200 -y 50 "echo \$\$ > $dir/pid; exec $bin --data-dir $dir/data $*"
    for _ in $(seq 100); do tmux -L "$sock" capture-pane -p -t m | grep -q "Console" && break; sleep 0.05; done
    local pid; pid=$(cat "$dir/pid")
    rss+=("$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)")
    hwm+=("$(awk '/VmHWM/ {print $2}' /proc/"$pid"/status)")
    tmux -L "$sock" kill-server 2>/dev/null || true
    rm -rf "$dir"
  done
  local mrss mhwm
  mrss=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n 3p)
  mhwm=$(printf '%s\n' "${hwm[@]}" | sort -n | sed -n 3p)
  echo "$label: median VmRSS ${mrss} kB, median VmHWM ${mhwm} kB (runs: ${rss[*]})"
}
measure "first frame, card view (browse lru-cache)" browse lru-cache
