#!/bin/sh
# bench/startup.sh: whole-process time of `nrn-run recipes/hh.tcl` (Tcl start, model, 400
# steps, CSV out) against `nrniv -nopython` running the same model (bench/neuron/hh1.hoc
# with REPS=0). Median of 11 runs each; needs bin/nrn-run and build/bench/proctime.
cd "$(dirname "$0")/.." || exit 1
O=${O:-build}
P="$O/bench/proctime"
[ -x "$P" ] || ${CC:-cc} -O2 -o "$P" bench/proctime.c || exit 1
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
# time_cmd CMD...: median wall seconds of 11 runs
time_cmd() {
    for i in 1 2 3 4 5 6 7 8 9 10 11; do
        "$P" "$@" 2>&1 >/dev/null </dev/null | sed -n 's/.*PROC wall_s=\([0-9.e-]*\).*/\1/p'
    done | median
}
ours=$(time_cmd bin/nrn-run recipes/hh.tcl)
echo "startup: nrn-run recipes/hh.tcl (whole process, CSV to /dev/null): ${ours} s (median of 11)"
if command -v nrniv >/dev/null 2>&1; then
    theirs=$(time_cmd nrniv -nobanner -nopython -c REPS=0 bench/neuron/hh1.hoc)
    echo "startup: nrniv -nopython -c REPS=0 hh1.hoc (whole process): ${theirs} s (median of 11)"
    awk -v a="$ours" -v b="$theirs" 'BEGIN { if (a > 0) printf "startup: ratio NEURON / ours = %.1f\n", b / a }'
else
    echo "startup: nrniv not installed"
fi
