#!/bin/sh
# test_parallel.sh: networks written with pc (NEURON's ParallelContext). One rank: the ring
# of recipes/ring-parallel.tcl gives NEURON 8.2.2's spikes (tests/golden/ring_parallel.py,
# which gives the same on 1 to 4 MPI ranks) and recipes/ring.tcl's.
. "$(dirname "$0")/../lib.sh"
G="$ROOT/tests/golden"
R="$ROOT/recipes"
cd "$TMP" || exit 1

nrn-run "$R/ring-parallel.tcl" > ring1.csv 2> ring1.err
check_files parallel-ring-1rank-neuron ring1.csv "$G/ring_parallel.csv"
# ring.tcl's spikes of the cells (source cellI.soma(0.5).v) as gid,t sorted by time
nrn-run --spikes ring.spk "$R/ring.tcl" > /dev/null 2>&1
{ echo gid,t; sed -n 's/^cell\([0-9]*\)\.soma(0\.5)\.v,/\1,/p' ring.spk | sort -t, -k2,2g; } > ring_want.csv
check_files parallel-ring-1rank-equals-ring.tcl ring1.csv ring_want.csv
nrn-run -D N=8 "$R/ring-parallel.tcl" > ring8.csv 2>/dev/null
check_eq parallel-ring-n8-gids "$(sed 1d ring8.csv | cut -d, -f1 | sort -un | tr '\n' ' ')" "0 1 2 3 4 5 6 7 "
# a recurrent network (many spikes per interval, convergent inputs): NEURON's spikes
T="$ROOT/tests/parallel"
nrn-run --spikes rec.spk "$T/recurrent.tcl" > /dev/null 2>&1
{ echo gid,t; awk -F, 'NR > 1 && $1 ~ /^c[0-9]+\.soma/ { sub(/^c/, "", $1); sub(/\..*/, "", $1); print $1 "," $2 }' rec.spk | sort -t, -k2,2g -k1,1n; } > rec.csv
check_files parallel-recurrent-1rank-neuron rec.csv "$G/recurrent_parallel.csv"
