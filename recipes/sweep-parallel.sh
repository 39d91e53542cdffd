#!/bin/sh
# sweep-parallel.sh: a sweep spread with GNU parallel, one process per shard, on this
# machine or on others over SSH; then one database.
#
#   sh recipes/sweep-parallel.sh [OUT] [SHARDS]          # default sweep-par, 8 shards
#   SSHLOGINS=nodes.txt sh recipes/sweep-parallel.sh     # nodes.txt: one ssh login a line
#
# Each shard writes its own database (SQLite's WAL needs a local disk, so keep OUT local;
# with SSH, parallel's --return brings each shard back). Run the same line again after an
# interruption: finished points are skipped; --joblog/--resume-failed skip finished shards.
# Without GNU parallel the same plan runs with xargs -P (that is what the test runs).
#
# GNU parallel can also take one point per job from `nrn-sweep plan` (each line is the -p
# options of one point), all writing one database, which SQLite serialises:
#   nrn-sweep plan recipes/sweep-cell.tcl $PARAMS |
#       parallel --colsep ' ' nrn-sweep recipes/sweep-cell.tcl --db one.sqlite -j 1 {}
set -eu
here=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-sweep-par}
SHARDS=${2:-8}
SCRIPT=${SCRIPT:-$here/sweep-cell.tcl}
PARAMS=${PARAMS:-"-p ic.amp=0:0.5:11 -p soma.gnabar_hh=0.08:0.16:5"}
MEASURE=${MEASURE:-Spikecount,mean_frequency,time_to_first_spike}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
mkdir -p "$OUT"

# one line per shard: its I/N
seq 1 "$SHARDS" | sed "s|\$|/$SHARDS|" > "$OUT/shards.txt"

if command -v parallel >/dev/null 2>&1; then
    set -- --jobs "$JOBS" --joblog "$OUT/joblog" --resume-failed --halt never
    if [ -n "${SSHLOGINS:-}" ]; then
        set -- "$@" --sshloginfile "$SSHLOGINS" --transferfile "$SCRIPT" --return "$OUT/shard-{#}.sqlite" --cleanup
    fi
    # shellcheck disable=SC2086
    parallel "$@" nrn-sweep "$SCRIPT" $PARAMS --measure "$MEASURE" -j 1 \
        --shard {} --db "$OUT/shard-{#}.sqlite" :::: "$OUT/shards.txt"
else
    # the same jobs with xargs -P: shard I/N writes shard-I.sqlite
    # shellcheck disable=SC2086
    xargs -P "$JOBS" -I{} sh -c 'i=${1%/*}; shift; exec "$@" --shard "$i/'"$SHARDS"'" --db "'"$OUT"'/shard-$i.sqlite"' \
        sh {} nrn-sweep "$SCRIPT" $PARAMS --measure "$MEASURE" -j 1 < "$OUT/shards.txt"
fi

rm -f "$OUT/all.sqlite" "$OUT/all.sqlite-wal" "$OUT/all.sqlite-shm"
nrn-sweep merge "$OUT/all.sqlite" "$OUT"/shard-*.sqlite
# shellcheck disable=SC2086
nrn-sweep "$SCRIPT" $PARAMS --measure "$MEASURE" --db "$OUT/all.sqlite" -o "$OUT/results.csv"
echo "sweep-parallel: $(($(wc -l < "$OUT/results.csv") - 1)) points in $OUT/results.csv" >&2
