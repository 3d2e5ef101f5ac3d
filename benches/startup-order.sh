#!/usr/bin/env bash
# Regenerates assets/startup.order: the functions a start of the release binary runs, in
# the order it first runs them. build.rs links the binary with this list so that code
# sits together (see `startup_order` there for why that matters to memory).
#
# How: builds the release binary with a link map, runs it under valgrind's callgrind in a
# tmux terminal (200x50) to the first frame: to the home screen and to a card, each after
# a start that filled the caches (as a user's second start finds them), then to a card on
# a first start (highlighting without the cache). Names every address that ran from the
# map, run by run, and writes the names: what a normal start runs comes first, what
# only a first start adds comes after it. Rebuild afterwards to link with the new list:
# `cargo build --release`.
#
# Usage: benches/startup-order.sh   (needs valgrind, tmux, python3; takes about 2 minutes)
# Regenerate after large changes (new dependencies, a new profile or Rust version): the
# names carry hashes of those, and a stale list only makes the start map more memory.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in valgrind tmux python3; do
  command -v "$tool" >/dev/null || { echo "startup-order: needs $tool" >&2; exit 1; }
done
work="$PWD/target/startup-order"
rm -rf "$work"; mkdir -p "$work"
TUTOR_LINK_MAP="$work/tutor.map" cargo build --release
bin="$PWD/target/release/tutor"
run() { # $1: name, $2: warm or cold, rest: tutor arguments
  local name=$1 start=$2; shift 2
  local data="$work/data-$name" sock="startup-order-$$-$name"
  if [ "$start" = warm ]; then
    tmux -L "$sock" -f /dev/null new-session -d -s w -x 200 -y 50 "$bin --data-dir $data $*"
    wait_for "$sock" w; sleep 2; tmux -L "$sock" send-keys -t w q; sleep 0.5
    tmux -L "$sock" kill-server 2>/dev/null || true
  fi
  tmux -L "$sock" -f /dev/null new-session -d -s m -x 200 -y 50 \
    "valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file=$work/$name.out $bin --data-dir $data $* 2>$work/$name.log"
  wait_for "$sock" m; tmux -L "$sock" send-keys -t m q
  for _ in $(seq 100); do tmux -L "$sock" has-session 2>/dev/null || break; sleep 0.2; done
  tmux -L "$sock" kill-server 2>/dev/null || true
}
wait_for() { # until the screen shows a frame: the footer's help key
  for _ in $(seq 300); do
    tmux -L "$1" capture-pane -p -t "$2" 2>/dev/null | grep -q '? help' && return 0
    sleep 0.2
  done
  echo "startup-order: no frame in 60 s" >&2; exit 1
}
run home warm
run card warm browse lru-cache
run first cold browse lru-cache
python3 - "$work/tutor.map" "$bin" "$work/home.out" "$work/card.out" "$work/first.out" \
  > assets/startup.order <<'PY'
import bisect, re, sys
map_path, binary, *runs = sys.argv[1:]
# The link map (LLD format): output sections, the input sections in them (with address
# and size), and after each input section the symbols it defines.
sections, current = [], None
for line in open(map_path):
    cols = line.split()
    if len(cols) < 5 or not re.fullmatch(r'[0-9a-f]+', cols[0]):
        continue
    if ':(.text' in line:
        current = [int(cols[0], 16), int(cols[2], 16), []]
        sections.append(current)
    elif ':(' in line or len(cols) == 5 and cols[4].startswith('.'):
        current = None  # another input or output section: not code
    elif current is not None and len(cols) == 5:
        current[2].append(cols[4])
sections.sort(key=lambda s: s[0])
starts = [s[0] for s in sections]
def section_of(address):
    i = bisect.bisect_right(starts, address) - 1
    if i >= 0 and address < starts[i] + max(sections[i][1], 1):
        return sections[i]
    return None
# Callgrind with --dump-instr=yes: cost lines start with an address (0x.., +n, -n or *).
order, seen = [], set()
for run in runs:
    ours, last, objects, added = False, 0, {}, []
    for line in open(run):
        ob = re.match(r'(c?)ob=\((\d+)\)\s*(.*)', line)
        if ob:  # an object is named the first time it appears, as caller or callee
            if ob.group(3).strip():
                objects[ob.group(2)] = ob.group(3).strip()
            if not ob.group(1):
                ours = objects.get(ob.group(2)) == binary
            continue
        m = re.match(r'(0x[0-9a-f]+|[+-]\d+|\*)\s', line)
        if not m:
            continue
        token = m.group(1)
        last = int(token, 16) if token.startswith('0x') else last + int(token) if token != '*' else last
        if not ours:
            continue
        section = section_of(last)
        if section and id(section) not in seen:
            seen.add(id(section))
            added.extend(section[2])
    # Each run's new names sorted: the order within a run does not matter, and a sorted
    # list changes little when it is regenerated.
    order.extend(sorted(added))
print('\n'.join(order))
PY
echo "startup-order: $(wc -l < assets/startup.order) functions in assets/startup.order; now run cargo build --release" >&2
