#!/bin/sh
# bench/tui.sh: what nrn-tui's screen costs during a run. Runs tests/tui/cable.tcl (a
# 1001-compartment HH axon, two traces) to 1200 ms (48000 steps, so that the run lasts long
# enough for nrn-tui to report its shares) in nrn-tui inside tmux at 120x40: r,
# then the figures nrn-tui prints when the run is done (wall time of the run, share of it
# spent drawing); and the same model in nrn-run (whole process, best of three). The target
# (issue 15) is a screen share under 10%.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$ROOT/bin/nrn-tui" ] || { echo "bench/tui.sh: build bin/nrn-tui first" >&2; exit 1; }
command -v tmux >/dev/null 2>&1 || { echo "bench/tui.sh: tmux missing, skipped"; exit 0; }
T=$(mktemp -d)
TM="tmux -L nrntuibench$$ -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
cp "$ROOT/tests/tui/cable.tcl" "$T/"
echo "setval tstop 1200" >> "$T/cable.tcl"

now() { date +%s.%N; }
best=""
for k in 1 2 3; do
    a=$(now); "$ROOT/bin/nrn-run" "$T/cable.tcl" >/dev/null; b=$(now)
    best=$(echo "$a $b $best" | awk '{ d = $2 - $1; if ($3 == "" || d < $3) print d; else print $3 }')
done

$TM new-session -d -x 120 -y 40 -e LANG=C.UTF-8 "cd '$T' && '$ROOT/bin/nrn-tui' cable.tcl; sleep 600"
i=0
until $TM capture-pane -p | grep -q "axon \[1001\]" || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
$TM send-keys r
i=0
until $TM capture-pane -p | grep -q "done at t = 1200 ms" || [ $i -ge 4800 ]; do sleep 0.05; i=$((i + 1)); done
line=$($TM capture-pane -p | grep "done at t = 1200 ms")
$TM send-keys q
tui=$(printf '%s\n' "$line" | sed -n 's/.*; \([0-9.]*\) s: integrating \([0-9.]*\)%, screen \([0-9.]*\)%.*/\1 \2 \3/p')
printf 'nrn-run cable.tcl (1001 compartments, 48000 steps): %6.3f s whole process (best of 3)\n' "$best"
if [ -n "$tui" ]; then
    set -- $tui
    printf 'nrn-tui r on the same model, 120x40:             %6.3f s run: integrating %s%%, screen %s%% (target < 10%%)\n' "$1" "$2" "$3"
else
    echo "nrn-tui: the run did not finish in time: $line"
fi
