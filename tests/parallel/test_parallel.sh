#!/bin/sh
# test_parallel.sh: networks written with pc (NEURON's ParallelContext). One rank: the ring
# of recipes/ring-parallel.tcl gives NEURON 8.2.2's spikes (tests/golden/ring_parallel.py,
# which gives the same on 1 to 4 MPI ranks) and recipes/ring.tcl's; on 1 to 4 threads
# (pc nthread, --threads) the same spikes, records and output bit for bit.
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

# threads (pc nthread, --threads): the same spikes, rows and columns as one thread, bit for
# bit, and NEURON's with pc.nthread(2) (tests/golden/*_threads.csv)
for n in 1 2 3 4; do
    nrn-run --threads $n --spikes rt$n.spk -D N=7 -D record_v=1 -o rt$n.csv "$R/ring-parallel.tcl" > rt$n.out 2> rt$n.err
    check_eq "threads-ring-$n-status" "$?" 0
    nrn-run --threads $n --spikes rect$n.spk "$T/recurrent.tcl" > /dev/null 2> rect$n.err
    check_eq "threads-recurrent-$n-status" "$?" 0
done
for n in 2 3 4; do
    check_files "threads-ring-$n-spikes-as-1" rt$n.spk rt1.spk
    check_files "threads-ring-$n-records-as-1" rt$n.csv rt1.csv
    check_files "threads-ring-$n-stdout-as-1" rt$n.out rt1.out
    check_files "threads-recurrent-$n-spikes-as-1" rect$n.spk rect1.spk
done
check_eq threads-ring-spikes "$(wc -l < rt1.spk)" 16
nrn-run --threads 2 "$R/ring-parallel.tcl" > ring_t2.csv 2>/dev/null
check_files threads-ring-2-neuron ring_t2.csv "$G/ring_parallel_threads.csv"
{ echo gid,t; awk -F, 'NR > 1 && $1 ~ /^c[0-9]+\.soma/ { sub(/^c/, "", $1); sub(/\..*/, "", $1); print $1 "," $2 }' rect2.spk | sort -t, -k2,2g -k1,1n; } > rect2.csv
check_files threads-recurrent-2-neuron rect2.csv "$G/recurrent_parallel_threads.csv"
# a script's pc nthread wins over --threads; a larger ring (many cells a thread)
printf 'pc nthread 3\n' > three.tcl
nrn-run --threads 2 -D N=40 -D TSTOP=60 --spikes r40t.spk three.tcl "$R/ring-parallel.tcl" > /dev/null 2>&1
nrn-run -D N=40 -D TSTOP=60 --spikes r40.spk "$R/ring-parallel.tcl" > /dev/null 2>&1
check_files threads-ring40-3-as-1 r40t.spk r40.spk
# run and continuerun are split too: recipes/ring.tcl (plain NetCons, no gids), every
# step and with --every, and every recipe's output on 3 threads as on one
for n in 1 2 3; do
    nrn-run --threads $n --spikes rr$n.spk -o rr$n.csv "$R/ring.tcl" > /dev/null 2>&1
    nrn-run --threads $n --every 0.1 -r 'cell1.soma(0.5).v' -o re$n.csv "$R/ring.tcl" > /dev/null 2>&1
done
for n in 2 3; do
    check_files "threads-run-ring-$n-spikes-as-1" rr$n.spk rr1.spk
    check_files "threads-run-ring-$n-records-as-1" rr$n.csv rr1.csv
    check_files "threads-run-ring-$n-every-as-1" re$n.csv re1.csv
done
check_eq threads-run-ring-spikes "$(wc -l < rr1.spk)" 16
bad=""
for f in "$R"/*.tcl; do
    case $f in *ring-parallel.tcl) continue ;; esac
    nrn-run --spikes s1 "$f" > o1 2> e1
    nrn-run --threads 3 --spikes s3 "$f" > o3 2> e3
    cmp -s o1 o3 && cmp -s s1 s3 && cmp -s e1 e3 || bad="$bad $(basename "$f")"
done
check_eq threads-recipes-as-1 "$bad" ""
# bad input
for bad in 0 -1 x; do
    nrn-run --threads $bad "$R/ring-parallel.tcl" > out 2> err
    check_eq "threads-bad-$bad-status" "$?" 2
    check_eq "threads-bad-$bad-one-line" "$(wc -l < err)" 1
done
check_grep threads-bad-message "^nrn-run: --threads: " err

printf 'pc nthread 0\n' > nt0.tcl
nrn-run nt0.tcl > out 2> err
check_eq threads-pc-nthread-0-status "$?" 1
check_grep threads-pc-nthread-0-message "^nrn-run: nt0.tcl:1: pc nthread: N must be >= 1, got 0$" err

# parts renumber their objects, NetCons, records, plays and vectors (threads_split.c):
# tests/parallel/renumber.tcl, built out of cell order and stopped with events in flight,
# gives on 2 and 3 threads the rows, spikes and vectors of one thread
for n in 1 2 3; do
    nrn-run --threads $n --spikes rn$n.spk -o rn$n.csv "$T/renumber.tcl" 2> rn$n.err
    check_eq "threads-renumber-$n-status" "$?" 0
done
for n in 2 3; do
    check_files "threads-renumber-$n-records-as-1" rn$n.csv rn1.csv
    check_files "threads-renumber-$n-spikes-as-1" rn$n.spk rn1.spk
    check_files "threads-renumber-$n-vectors-as-1" rn$n.err rn1.err
done
check_eq threads-renumber-spikes "$(grep -c '^soma' rn1.spk) $(grep -c '^ns,' rn1.spk)" "4 6"
check_eq threads-renumber-apcounts "$(grep -c '^aptimes[0-3] [0-9]' rn1.err)" 4
check_eq threads-renumber-play-drives "$(awk -F, 'NR > 1 && $8 != 0' rn1.csv | wc -l)" 80
