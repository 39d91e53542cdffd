#!/bin/sh
# bench/sweep.sh: 1000 points of the HH soma (recipes/hh.tcl: 10 ms each, IClamp amplitude
# 0.1 to 1 nA), Spikecount and maximum_voltage per point, with `nrn-sweep -j 2` (batches of
# replicas on 2 threads; also timed with --batch 1, a point per simulation), against
# NEURON 8.2.2 doing the same in a Python loop (/usr/bin/python3 with neuron): set ic.amp,
# finitialize(-65), continuerun(10), count threshold crossings and the maximum from the
# recorded Vectors (the maximum within the stimulus, as eFEL's maximum_voltage). Whole-process wall time (interpreter and library start included, as a
# user waits for it), median of BENCH_REPS runs (default 5); NEURON's loop alone too.
# Needs bin/nrn-sweep and build/bench/proctime (made here).
#   BENCH_POINTS=N (default 1000)   BENCH_JOBS=N (default 2)   PYTHON=... (default /usr/bin/python3)
cd "$(dirname "$0")/.." || exit 1
O=${O:-build}
N=${BENCH_POINTS:-1000}
J=${BENCH_JOBS:-2}
REPS=${BENCH_REPS:-5}
PY=${PYTHON:-/usr/bin/python3}
P="$O/bench/proctime"
mkdir -p "$O/bench"
[ -x "$P" ] || ${CC:-cc} -O2 -o "$P" bench/proctime.c || exit 1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
wall() { "$P" "$@" 2>&1 >/dev/null </dev/null | sed -n 's/.*PROC wall_s=\([0-9.e-]*\).*/\1/p'; }

i=0
while [ $i -lt "$REPS" ]; do
    wall bin/nrn-sweep recipes/hh.tcl -p ic.amp=0.1:1:"$N" -j "$J" --measure Spikecount,maximum_voltage
    i=$((i + 1))
done | median > "$T/ours"
ours=$(cat "$T/ours")
bin/nrn-sweep recipes/hh.tcl -p ic.amp=0.1:1:"$N" -j "$J" --measure Spikecount,maximum_voltage > "$T/ours.csv"
echo "nrn-sweep -j $J, $N points of the HH soma (10 ms): ${ours} s whole process (median of $REPS)"
# for reference: one point per simulation, in forked workers (no batches of replicas)
i=0
while [ $i -lt "$REPS" ]; do
    wall bin/nrn-sweep recipes/hh.tcl -p ic.amp=0.1:1:"$N" -j "$J" --batch 1 --measure Spikecount,maximum_voltage
    i=$((i + 1))
done | median > "$T/single"
echo "  the same with --batch 1 (a point per simulation, forked workers): $(cat "$T/single") s"

cat > "$T/loop.py" <<PY
import sys, time
t0 = time.time()
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = 10; soma.diam = 10
soma.insert("hh")
ic = h.IClamp(soma(0.5)); ic.delay = 2; ic.dur = 0.1
v = h.Vector().record(soma(0.5)._ref_v)
tv = h.Vector().record(h._ref_t)
N = $N
t1 = time.time()
out = open(sys.argv[1], "w")
out.write("ic.amp,Spikecount,maximum_voltage\n")
for i in range(N):
    ic.amp = 0.1 + i * (0.9 / (N - 1)) if i < N - 1 else 1.0
    h.finitialize(-65)
    h.continuerun(10)
    a = v.as_numpy()
    t = tv.as_numpy()
    n = int(((a[1:] > -20) & (a[:-1] < -20)).sum())
    m = a[(t >= ic.delay) & (t <= ic.delay + ic.dur)].max()   # eFEL: within the stimulus
    out.write("%r,%d,%r\n" % (ic.amp, n, m))
out.close()
print("LOOP %.6f START %.6f" % (time.time() - t1, t1 - t0), file=sys.stderr)
PY
if "$PY" -c 'import neuron' >/dev/null 2>&1; then
    i=0
    while [ $i -lt "$REPS" ]; do
        wall "$PY" "$T/loop.py" "$T/neuron.csv"
        i=$((i + 1))
    done | median > "$T/theirs"
    theirs=$(cat "$T/theirs")
    loop=$("$PY" "$T/loop.py" "$T/neuron.csv" 2>&1 >/dev/null | sed -n 's/.*LOOP \([0-9.]*\).*/\1/p' | tail -1)
    echo "NEURON 8.2.2 Python loop, same $N points: ${theirs} s whole process (median of $REPS); loop alone ${loop} s"
    awk -v a="$ours" -v b="$theirs" -v l="$loop" 'BEGIN {
        printf "speed-up: %.1fx whole process against whole process, %.1fx against NEURON'"'"'s loop alone\n", b / a, l / a }'
    # the spike counts agree point by point (the maximum too, to 1e-9 mV)
    cut -d, -f2 "$T/ours.csv" > "$T/a"
    cut -d, -f2 "$T/neuron.csv" > "$T/b"
    if cmp -s "$T/a" "$T/b"; then echo "check: Spikecount equal at every point"; else echo "check: Spikecount DIFFERS"; fi
    paste -d, "$T/ours.csv" "$T/neuron.csv" | awk -F, 'NR > 1 { d = $3 - $10; if (d < 0) d = -d; if (d > m) m = d }
        END { printf "check: max |maximum_voltage difference| = %g mV\n", m }'
else
    echo "NEURON: $PY cannot import neuron; skipped"
fi
