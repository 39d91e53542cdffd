#!/bin/sh
# test_recipes.sh: the sweep recipes run and agree with one plain nrn-sweep of the same
# points: the Makefile (make -j 2, shards as file targets, resumed by a second make), the
# GNU parallel script (here through its xargs -P fallback: parallel is not installed) and
# the SLURM array script (its array tasks run here with xargs -P, SLURM is not installed).
. "$(dirname "$0")/../lib.sh"
# the recipes' make runs as from a shell: not as a child of make test -j2, whose MAKEFLAGS
# name a jobserver this script does not have (make then warns on stderr)
unset MAKEFLAGS MFLAGS MAKELEVEL
R="$ROOT/recipes"
cd "$TMP" || exit 1
P="-p ic.amp=0:0.5:6 -p soma.gnabar_hh=0.1,0.12,0.14"
M=Spikecount,mean_frequency
# shellcheck disable=SC2086
nrn-sweep "$R/sweep-cell.tcl" $P --measure $M | cut -d, -f1-4,8 > direct.csv
check_eq recipe-direct-rows "$(wc -l < direct.csv | tr -d ' ')" 19

make -s -f "$R/sweep-Makefile" -j 2 OUT=mk SHARDS=3 PARAMS="$P" MEASURE=$M > make.log 2>&1
check_eq recipe-make-status "$?" 0
cut -d, -f1-4,8 mk/results.csv > make.csv
check_files recipe-make-equals-direct make.csv direct.csv
check_eq recipe-make-up-to-date "$(make -s -f "$R/sweep-Makefile" OUT=mk SHARDS=3 PARAMS="$P" MEASURE=$M 2>&1)" ""

PARAMS="$P" MEASURE=$M JOBS=2 sh "$R/sweep-parallel.sh" par 4 2> par.log
check_eq recipe-parallel-status "$?" 0
cut -d, -f1-4,8 par/results.csv > par.csv
check_files recipe-parallel-equals-direct par.csv direct.csv

# SLURM: the array's tasks 1..3, two at a time
mkdir slurm && cd slurm || exit 1
ln -s "$R" recipes
seq 1 3 | xargs -P 2 -I{} env SLURM_ARRAY_TASK_ID={} SLURM_ARRAY_TASK_COUNT=3 SLURM_JOB_ID=42 \
    SLURM_CPUS_PER_TASK=1 TMPDIR="$TMP" PARAMS="$P" MEASURE=$M sh recipes/sweep-slurm.sbatch 2> slurm.log
check_eq recipe-slurm-status "$?" 0
check_eq recipe-slurm-shards "$(ls out/shard-*.sqlite | wc -l | tr -d ' ')" 3
nrn-sweep merge all.sqlite out/shard-*.sqlite
# shellcheck disable=SC2086
nrn-sweep recipes/sweep-cell.tcl $P --measure $M --db all.sqlite -o slurm.csv 2>/dev/null
sed "s|recipes/|$R/|" slurm.csv | cut -d, -f1-4,8 > ../slurm.csv
cd .. && check_files recipe-slurm-equals-direct slurm.csv direct.csv
