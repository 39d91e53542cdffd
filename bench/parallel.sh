#!/bin/sh
# bench/parallel.sh: the ring of recipes/ring-parallel.tcl with many cells (10,000 ball-and-stick
# hh cells by default) on 1 rank, 1 rank of 2 threads and 2 MPI ranks (gids round robin over
# the ranks, cells round robin over a rank's threads), ours (nrn-run under mpirun, --threads)
# against NEURON 8.2.2 with the same split (tests/golden/ring_parallel.py under mpirun,
# NTHREAD for pc.nthread). Prints the psolve seconds (the slowest rank's), the seconds in
# spike exchange, the speedup over one core per core used, and checks that every run gives
# the same spikes. Called by bench/run.sh.
#
# Environment: BENCH_PAR_N (cells, default 10000), BENCH_PAR_TSTOP (ms, default 20),
# BENCH_PAR_SPLITS (RANKSxTHREADS, default "1x1 1x2 2x1"), O, BIN. Skipped without mpirun or
# the plugin. Timing is each side's own: Tcl `pc time` / NEURON's pc.time() around psolve,
# the maximum over the ranks; exchange: `pc wait_time` / pc.wait_time(), the maximum over
# the ranks (--bind-to none: Open MPI binds a rank to one core, its threads included;
# ours: with threads, the time from a thread's last step of an interval to the
# end of the exchange, waiting for the other threads included; NEURON's counts MPI only).
# Setting up the cells is not timed. The machine may be shared: repeat before trusting a ratio.
set -u
cd "$(dirname "$0")/.." || exit 1
O=${O:-build}
BIN=${BIN:-bin}
N=${BENCH_PAR_N:-10000}
TSTOP=${BENCH_PAR_TSTOP:-20}
SPLITS=${BENCH_PAR_SPLITS:-"1x1 1x2 2x1"}
OUT=$O/bench/out/parallel
PY=/usr/bin/python3
echo "parallel: ring of $N ball-and-stick cells, psolve $TSTOP ms, round-robin gids"
if ! command -v mpirun >/dev/null 2>&1 || [ ! -f "$O/lib/nrnmpi.so" ]; then
    echo "  skipped: mpirun or $O/lib/nrnmpi.so missing"
    exit 0
fi
mkdir -p "$OUT" || exit 1
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
neuron=0
"$PY" -c 'import neuron' >/dev/null 2>&1 && neuron=1

# seconds FILE KEY: the number after "KEY " in the timing line of FILE
seconds() {
    sed -n "s/.*$2 \([0-9.]*\) s.*/\1/p" "$1" | head -n 1
}
printf '  %-6s %-5s %-7s %10s %10s %12s\n' side ranks threads "psolve s" "exchange s" "speedup/core"
status=0
for side in ours neuron; do
    [ $side = neuron ] && [ $neuron = 0 ] && { echo "  NEURON: python3 cannot import neuron, skipped"; continue; }
    base=""
    for split in $SPLITS; do
        np=${split%x*}; nt=${split#*x}
        f=$OUT/$side-np$np-t$nt
        if [ $side = ours ]; then
            mpirun --bind-to none -np "$np" "$BIN/nrn-run" --threads "$nt" -D N="$N" -D TSTOP="$TSTOP" \
                -D timing=1 --spikes "$f.spk" recipes/ring-parallel.tcl > /dev/null 2> "$f.err"
            awk -F, 'NR > 1 && $3 != "" { print $3 "," $2 }' "$f.spk" > "$f.cells"
        else
            NTHREAD=$nt RING_TSTOP=$TSTOP mpirun --bind-to none -np "$np" "$PY" tests/golden/ring_parallel.py \
                "$N" > "$f.out" 2> "$f.err"
            grep -v '^numprocs' "$f.out" | sed 1d > "$f.cells"
        fi
        rc=$?
        ps=$(seconds "$f.err" psolve); ex=$(seconds "$f.err" exchange)
        [ -n "$ps" ] || { echo "  $side $split FAILED (rc $rc): $(tail -n 2 "$f.err")"; status=1; continue; }
        [ -n "$base" ] || base=$ps
        sp=$(awk -v b="$base" -v t="$ps" -v n="$((np * nt))" 'BEGIN { if (t > 0) printf "%.2f", b / t / n }')
        printf '  %-6s %-5s %-7s %10s %10s %12s\n' "$side" "$np" "$nt" "$ps" "$ex" "$sp"
        if ! cmp -s "$f.cells" "$OUT/ours-np1-t1.cells"; then
            echo "  $side $split: spikes DIFFER from ours on 1 rank"; status=1
        fi
    done
done
[ $status = 0 ] && echo "  spikes identical across sides and splits ($(wc -l < "$OUT/ours-np1-t1.cells") spikes)"
exit $status
