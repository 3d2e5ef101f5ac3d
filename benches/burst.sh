#!/bin/bash
# How long a burst of typed characters (a paste the terminal did not bracket) takes to
# go into a recall answer: tutor runs in tmux, N characters are sent as keystrokes
# (`send-keys -l`), then Ctrl-D; the time is from the last key sent until the verdict
# shows, polled every 0.1 s (so 0.1 s is the floor this can measure).
# usage: benches/burst.sh [BINARY] [N...]   (default target/release/tutor, 5000 10000)
set -u
bin=${1:-target/release/tutor}
shift || true
sizes=${*:-5000 10000}
for n in $sizes; do
    data=$(mktemp -d)
    sock="tutor-burst-$$"
    tmux -L "$sock" -f /dev/null new-session -d -s b -x 160 -y 48 "$bin --data-dir $data quiz --card parking-lot"
    sleep 1
    # The quiz's items come in a shuffled order: skip (s, Enter) to the recall item.
    for _ in 1 2 3 4 5; do
        tmux -L "$sock" capture-pane -p -t b | grep -q "Free recall" && break
        tmux -L "$sock" send-keys -t b s; sleep 0.3
        tmux -L "$sock" send-keys -t b Enter; sleep 0.3
    done
    tmux -L "$sock" send-keys -t b i; sleep 0.3
    text=$(python3 -c "print(('two gates race for the last spot so lock park ' * 400)[:$n])")
    tmux -L "$sock" send-keys -t b -l "$text"
    tmux -L "$sock" send-keys -t b C-d
    start=$(date +%s.%N)
    result="no verdict in 30 s"
    for _ in $(seq 1 300); do
        sleep 0.1
        if tmux -L "$sock" capture-pane -p -t b | grep -q "Enter goes on"; then
            result="$(echo "$(date +%s.%N) - $start" | bc) s"
            break
        fi
    done
    echo "$n characters: $result"
    tmux -L "$sock" kill-server
    rm -rf "$data"
done
