#!/bin/sh
# test_cvode_local.sh: the local variable time step (cvode -local 1, NEURON's
# use_local_dt; src/engine/cvode_local.c): the setting, the network of tests/cvode/net.tcl
# against the global step (same spikes; times within the tolerance), rows on a common grid
# (every dt, or every record -dt), threads giving the same numbers, statistics summed over
# the cells, and what is refused (a zero delay between cells, fadvance).
. "$(dirname "$0")/../lib.sh"
C="$ROOT/tests/cvode"
cd "$TMP" || exit 1

printf 'cvode -local 1\nputs [dict get [cvode] local]\n' | nrn-run > set.txt 2>&1
check_eq "cvode -local 1: reported by cvode" "$(cat set.txt)" 1
printf 'cvode -local 2\n' | nrn-run > /dev/null 2> err.txt; rc=$?
check_eq "cvode -local 2: one-line error, exit 1" "$rc $(wc -l < err.txt)" "1 1"

# 20 cells, chains of five from 4 driven cells; atol 1e-6 and interpolated crossings both
# ways (with crossings at step ends the times differ by the steps' lengths)
run_net() { # LOCAL ATOL THREADS OUT
    printf 'cvode -active 1 -atol %s -condition_order 2 -local %s\nrecord t\nrecord soma0(0.5).v\nrecord soma19(0.5).v\nfinitialize -65\ncontinuerun 60\nputs stderr "stats [cvode stats]"\n' "$2" "$1" > run.tcl
    nrn-run --threads "$3" -D ncell=20 -D ndrive=4 --spikes "$4.spk" -o "$4.csv" "$C/net.tcl" run.tcl 2> "$4.err"
}
run_net 0 1e-6 1 g; check_eq "local: global step runs" "$?" 0
run_net 1 1e-6 1 l; check_eq "local: local step runs" "$?" 0
check_eq "local: spike count as the global step" "$(wc -l < l.spk)" "$(wc -l < g.spk)"
check_eq "local: 100 spikes of the cells" "$(grep -c soma l.spk)" 100
paste -d, g.spk l.spk | awk -F, 'NR > 1 { d = $2 - $4; if (d < 0) d = -d; if ($1 != $3 || d > 1e-4) bad++ }
    END { exit bad > 0 }'
check_eq "local: same sources, spike times within 1e-4 ms of the global step (atol 1e-6)" "$?" 0
check_eq "local: rows every dt (60 ms / 0.025 + 1)" "$(($(wc -l < l.csv) - 1))" 2401
awk -F, 'NR > 2 { d = $1 - (NR - 2) * 0.025; if (d < 0) d = -d; if (d > 1e-9) bad++ } END { exit bad > 0 }' l.csv
check_eq "local: the rows' t on the dt grid" "$?" 0
# (the grid's times add dt up, as NEURON's record(&x, Dt) events do)
check_eq "local: a row at t = 40" "$(awk -F, 'NR > 1 && $1 > 39.99 && $1 < 40.01' l.csv | wc -l)" 1
steps_l=$(sed -n 's/.*steps \([0-9]*\) .*/\1/p' l.err); steps_g=$(sed -n 's/.*steps \([0-9]*\) .*/\1/p' g.err)
[ "${steps_l:-0}" -gt "${steps_g:-0}" ] && pass "local: cvode stats sums the 20 cells' steps ($steps_l > global $steps_g)" ||
    fail "local: cvode stats sums the cells' steps" "local $steps_l global $steps_g"
run_net 1 1e-6 3 l3; check_eq "local: 3 threads run" "$?" 0
check_files "local: 3 threads give the same spikes" l3.spk l.spk
check_files "local: 3 threads give the same rows" l3.csv l.csv
check_grep "local: 3 threads give the same statistics" "$(sed 's/[][\.*^$]/./g' l.err)" l3.err

# record -dt 0.5: rows every 0.5 ms
printf 'cvode -active 1 -local 1\nrecord t -dt 0.5\nrecord soma3(0.5).v -dt 0.5\nfinitialize -65\ncontinuerun 20\n' > rdt.tcl
nrn-run -D ncell=10 -D ndrive=2 -o rdt.csv "$C/net.tcl" rdt.tcl 2> rdt.err
check_eq "local: record -dt 0.5 gives 41 rows" "$(($(wc -l < rdt.csv) - 1))" 41

# errs NAME GOLDEN COL OURS [SMAX SMEAN]: the errors of column COL of GOLDEN (NEURON's local
# step) and of OURS (source,t rows in the same order) against GOLDEN's truth column: the same
# sources row by row, largest and mean errors within FACTOR times NEURON's, or within
# NEURON's own spread SMAX, SMEAN where given (its runs whose steps differ by rounding only)
FACTOR=1.1
errs() {
    res=$(grep -v '^#\|^source' "$2" | paste -d, - "$4" | awk -F, -v c="$3" -v f=$FACTOR \
        -v smax="${5:-0}" -v smean="${6:-0}" '
        { if ($1 != $5) bad++; e = $6 - $4; if (e < 0) e = -e; n = $c - $4; if (n < 0) n = -n
          if (e > me) me = e; if (n > mn) mn = n; se += e; sn += n }
        END { ok = !bad && ((me <= f * mn && se <= f * sn) || (me <= smax && se / NR <= smean))
              printf "%s max %.3g (NEURON %.3g) mean %.3g (NEURON %.3g)", ok ? "ok" : "worse", me, mn, se / NR, sn / NR }')
    case $res in ok*) pass "$1: $res" ;; *) fail "$1 within $FACTOR x NEURON's" "$res" ;; esac
}

# against NEURON 8.2.2's use_local_dt (tests/golden/cvode_net50_local.py): the 50-cell
# network at atol 1e-3 and 1e-5, every cell's spikes: the same counts as NEURON's and as the
# truth (global step, atol 1e-8, interpolated crossings), the spike times' errors against
# the truth (its spikes are chaotic in the step sequence: or within NEURON's own spread,
# cvode_net50_local_spread.py), f-evaluations (all, as NEURON counts them, summed over the
# cells) within 3% of NEURON's: the rounds' ends add interpolations that NEURON's local step
# does not make (2.4% more at atol 1e-3, 0.9% at 1e-5)
G="$ROOT/tests/golden/cvode_net50_local.csv"
for a in 1e-3:2 1e-5:3; do
    at=${a%:*}; col=${a#*:}
    printf 'cvode -active 1 -atol %s -local 1\nfinitialize -65\ncontinuerun 100\nputs [dict get [cvode stats] fevals]\n' "$at" > n.tcl
    nrn-run -D ncell=50 --spikes n$at.spk "$C/net.tcl" n.tcl > n$at.fe 2> /dev/null
    grep soma n$at.spk | sort -t, -k1.5,1n -k2,2g > n$at.sorted
    check_eq "local vs NEURON, 50 cells, atol $at: spikes per cell as NEURON's and the truth's" \
        "$(grep -v '^#\|^source' "$G" | cut -d, -f1 | uniq -c | tr -s ' ')" "$(cut -d, -f1 n$at.sorted | uniq -c | tr -s ' ')"
    spread=$(awk -v a="$at" '$1 + 0 == a + 0 { print $2, $3 }' "$ROOT/tests/golden/cvode_net50_local_spread.txt")
    errs "local vs NEURON, 50 cells, atol $at: spike time errors against the truth" "$G" $col n$at.sorted $spread
    nfe=$(sed -n "s/^# local atol $at: steps [0-9]* fevals \([0-9]*\)/\1/p" "$G")
    [ "$(cat n$at.fe)" -le "$(( ${nfe:-0} * 103 / 100 ))" ] && pass "local vs NEURON, 50 cells, atol $at: f-evaluations $(cat n$at.fe), NEURON's $nfe" ||
        fail "local vs NEURON, 50 cells, atol $at: f-evaluations within 3% of NEURON's" "ours $(cat n$at.fe) NEURON $nfe"
done
# the ring of recipes/ring.tcl (tests/golden/cvode_ring_local.py): spikes as above, and
# cell 2's v every 1 ms (rows every dt under the local step) against the truth at atol 1e-5
G="$ROOT/tests/golden/cvode_ring_local.csv"
for a in 1e-3:2 1e-5:3; do
    at=${a%:*}; col=${a#*:}
    printf 'cvode -active 1 -local 1 -atol %s\n' "$at" > pre.tcl
    nrn-run --spikes ring$at.spk -o ring$at.csv pre.tcl "$ROOT/recipes/ring.tcl" 2> /dev/null
    grep -v '^source' ring$at.spk | sort -t, -k1,1 -s > ring$at.sorted
    errs "local vs NEURON, ring, atol $at: the spikes and their errors against the truth" "$G" $col ring$at.sorted
done
grep '^# v' "$G" | sed 's/^# v,//' | awk -F, '{ print "v" int($1 + 0.5) ",-," $2 "," $3 }' > ringv.golden
awk -F, 'NR > 1 { r = $1 - int($1 + 0.5); if (r < 0) r = -r; if (r < 1e-6) print "v" int($1 + 0.5) "," $4 }' ring1e-5.csv |
    head -n "$(wc -l < ringv.golden)" > ringv.ours
errs "local vs NEURON, ring, atol 1e-5: cell2's v every 1 ms against the truth" ringv.golden 3 ringv.ours

# pc psolve under the local step (NEURON's psolve with use_local_dt gives its continuerun's
# spikes): the ring of recipes/ring-parallel.tcl gives ring.tcl's local spikes bit for bit;
# tests/parallel/recurrent.tcl at atol 1e-5 the spikes of NEURON's psolve
# (tests/golden/recurrent_parallel.py, LOCAL_ATOL=1e-5) in the same order, within 0.05 ms
printf 'cvode -active 1 -local 1 -atol 1e-3\n' > pre.tcl
nrn-run --spikes ringp.spk pre.tcl "$ROOT/recipes/ring-parallel.tcl" > /dev/null 2>&1
check_eq "local: pc psolve runs" "$?" 0
nrn-run --spikes ringc.spk pre.tcl "$ROOT/recipes/ring.tcl" > /dev/null 2>&1
check_files "local: pc psolve gives continuerun's spikes" ringp.spk ringc.spk
# (the global step's pc psolve stops at T too, with continuerun's spikes: it took T/dt
# variable steps before)
printf 'cvode -active 1 -atol 1e-3\n' > preg.tcl
printf 'puts [getval t]\n' > post.tcl
nrn-run --spikes ringpg.spk preg.tcl "$ROOT/recipes/ring-parallel.tcl" post.tcl > ringpg.out 2>&1
check_eq "global step: pc psolve 100 stops at t = 100" "$(tail -n 1 ringpg.out)" 100.0
nrn-run --spikes ringcg.spk preg.tcl "$ROOT/recipes/ring.tcl" > /dev/null 2>&1
check_files "global step: pc psolve gives continuerun's spikes" ringpg.spk ringcg.spk
printf 'cvode -active 1 -local 1 -atol 1e-5\n' > pre5.tcl
nrn-run --spikes rec.spk pre5.tcl "$ROOT/tests/parallel/recurrent.tcl" > /dev/null 2>&1
G="$ROOT/tests/golden/recurrent_parallel_local.csv"
sed -n 's/^c\([0-9]*\)\.soma(0\.5)\.v,\([^,]*\).*/\1,\2/p' rec.spk > rec.csv
check_eq "local: pc psolve, recurrent network: NEURON's spike count" "$(wc -l < rec.csv)" \
    "$(($(wc -l < "$G") - 1))"
check_eq "local: pc psolve, recurrent network: NEURON's cells in NEURON's order, within 0.05 ms" \
    "$(sed 1d "$G" | paste -d, rec.csv - |
        awk -F, 'NR > 0 { d = $2 - $4; if (d < 0) d = -d; if ($1 != $3 || d > 0.05) print }' | head -3)" ""

# a zero delay between two cells (NEURON takes it): the cells share one integrator. The
# ring of 3 with zero delays (tests/golden/cvode_ring0_local.py): NEURON's spikes within
# 0.02 ms; the 10-cell network with one: the global step's spike count
sed 's/-delay 5/-delay 0/; s/continuerun 100/continuerun 60/' "$ROOT/recipes/ring.tcl" > ring0.tcl
printf 'cvode -active 1 -local 1 -atol 1e-3\n' > pre0.tcl
nrn-run -D N=3 --spikes ring0.spk pre0.tcl ring0.tcl > /dev/null 2> zero.err
check_eq "local: zero delays between cells run" "$?" 0
check_eq "local: zero delays: NEURON's spikes within 0.02 ms" \
    "$(sort ring0.spk | paste -d, - "$(sort "$ROOT/tests/golden/cvode_ring0_local.csv" > g0.csv; echo g0.csv)" |
        awk -F, 'NR > 0 { d = $2 - $4; if (d < 0) d = -d; if ($1 != $3 || d > 0.02) print }')" ""
for l in 0 1; do
    printf 'NetCon z soma0(0.5).v syn1 -delay 0 -weight 0.04\ncvode -active 1 -local %s\nfinitialize -65\ncontinuerun 40\n' $l > zero$l.tcl
    nrn-run -D ncell=10 -D ndrive=2 --spikes zero$l.spk "$C/net.tcl" zero$l.tcl > /dev/null 2>&1
done
check_eq "local: a zero-delay NetCon in the network: the global step's spike count" \
    "$(wc -l < zero1.spk)" "$(wc -l < zero0.spk)"
# fadvance as NEURON's lvardt fadvance (tests/golden/cvode_fadvance_local.py): the ring of
# 3 to 40 ms, t after each fadvance as NEURON's, as many fadvances, the same spikes
G="$ROOT/tests/golden/cvode_fadvance_local.csv"
grep -v '^ *record \|^continuerun\|^finitialize\|puts' "$ROOT/recipes/ring.tcl" > ringm.tcl
printf 'cvode -active 1 -local 1 -atol 1e-3\nfinitialize -65\nset k 0\nwhile {[getval t] < 40} { fadvance; incr k; puts "$k,[format %%.17g [getval t]]" }\n' > fa.tcl
nrn-run -D N=3 --spikes fa.spk ringm.tcl fa.tcl > fa.out 2> fa.err
check_eq "local: fadvance runs" "$?" 0
check_eq "local: fadvance: as many fadvances to 40 ms as NEURON" "$(wc -l < fa.out)" "$(grep -c '^[0-9]' "$G")"
check_eq "local: fadvance: t after each fadvance as NEURON's (within 1e-6 ms)" \
    "$(grep '^[0-9]' "$G" | paste -d, - fa.out | awk -F, '{ d = $2 - $4; if (d < 0) d = -d; if ($1 != $3 || d > 1e-6) print }' | head -3)" ""
check_eq "local: fadvance: NEURON's spikes (within 1e-6 ms)" \
    "$(sed -n 's/^# spike,//p' "$G" | paste -d, - "$(sed 1d fa.spk | sort -t, -k1,1 -s > fa.sorted; echo fa.sorted)" |
        awk -F, '{ d = $2 - $4; if (d < 0) d = -d; if ($1 != $3 || d > 1e-6) print }')" ""
# between fadvances the model holds the cells' state: a row per fadvance, a value changed
# (the stimulus' weight) is taken up, continuerun goes on from the last fadvance, savestate
printf 'cvode -active 1 -local 1\nrecord t\nrecord cell1.soma(0.5).v\nfinitialize -65\nfor {set i 0} {$i < 50} {incr i} { fadvance }\nputs [getval t]\ncontinuerun 60\n' > fr.tcl
nrn-run -D N=3 -o fr.csv --spikes fr.spk ringm.tcl fr.tcl > fr.out 2> fr.err
check_eq "local: fadvance then continuerun runs" "$?" 0
check_eq "local: a row per fadvance (finitialize's, 50, then continuerun's on the dt grid)" \
    "$(awk -F, 'NR > 1 && NR <= 52' fr.csv | wc -l) $(awk -F, -v t0="$(cat fr.out)" 'NR == 52 { print ($1 == t0) }' fr.csv)" "51 1"
check_eq "local: fadvance then continuerun: the ring's spikes to 60 ms" "$(grep -c soma fr.spk)" 8
printf 'cvode -active 1 -local 1\nfinitialize -65\nfor {set i 0} {$i < 10} {incr i} { fadvance }\nsetval ncstim.weight 0\nwhile {[getval t] < 30} { fadvance }\n' > fw.tcl
nrn-run -D N=3 --spikes fw.spk ringm.tcl fw.tcl > /dev/null 2>&1
check_eq "local: a weight set between fadvances is taken up (no spike)" "$(grep -c soma fw.spk)" 0
# the model's write counter (nrn_model.wseq) is what tells fadvance that a value changed:
# a parameter (cell 0 loses its sodium: no wave), a voltage and a mechanism state (cell 2
# fires at once, before the stimulus at 9 ms)
for set in "cell0.soma.gnabar_hh 0" "cell2.soma(0.5).v -40" "cell2.soma(0.5).m_hh 0.9"; do
    printf 'cvode -active 1 -local 1\nfinitialize -65\nfor {set i 0} {$i < 10} {incr i} { fadvance }\nsetval %s\nwhile {[getval t] < 30} { fadvance }\n' "$set" > fw.tcl
    nrn-run -D N=3 --spikes fw.spk ringm.tcl fw.tcl > /dev/null 2>&1
    echo "$set: $(grep -c soma fw.spk) $(awk -F, '/^cell2/ && $2 < 9' fw.spk | wc -l)"
done > fw.out
check_eq "local: a parameter and states set between fadvances are taken up" "$(cat fw.out)" \
    "cell0.soma.gnabar_hh 0: 0 0
cell2.soma(0.5).v -40: 4 1
cell2.soma(0.5).m_hh 0.9: 5 1"
# savestate: a snapshot at 30 ms restored at once and run to 60 equals the same snapshot
# restored after that run and run to 60 (a restore starts the cells' integrators again from
# the state it restores, as NEURON's; without it the cells would go on from their steps)
printf 'cvode -active 1 -local 1\nfinitialize -65\ncontinuerun 30\nsavestate save s\nsavestate restore s\nset n0 [llength [vector get sp]]\ncontinuerun 60\nset n1 [llength [vector get sp]]\nputs [lrange [vector get sp] $n0 end]\nsavestate restore s\ncontinuerun 60\nputs [lrange [vector get sp] $n1 end]\n' > ss.tcl
printf 'det5 record sp\n' > ssrec.tcl
nrn-run -D ncell=20 -D ndrive=4 "$C/net.tcl" ssrec.tcl ss.tcl > ss.out 2> ss.err
check_eq "local: a snapshot restored after a run runs as when restored at once" "$(sed -n 1p ss.out)" "$(sed -n 2p ss.out)"
check_eq "local: the snapshot's run has spikes" "$(sed -n 1p ss.out | wc -w)" 3
# nrn-sweep: a script under the local step gives the global step's spike counts, and the
# provenance names the solver
for l in 0 1; do
    printf 'section soma -L 20 -diam 20\ninsert hh soma\nIClamp ic soma(0.5) -del 1 -dur 20 -amp 0.1\nrecord soma(0.5).v\ncvode -active 1 -atol 1e-5 -local %s\n' $l > swl$l.tcl
    nrn-sweep --tstop 30 swl$l.tcl -p ic.amp=0.05,0.2 --measure Spikecount --db swl$l.sqlite \
        -o swl$l.csv 2> /dev/null
done
check_eq "local: nrn-sweep's spike counts" "$(cut -d, -f1,2 swl1.csv | tr '\n' ' ')" "ic.amp,Spikecount 0.05,1 0.2,2 "
check_eq "local: nrn-sweep's provenance" \
    "$(sqlite3 swl1.sqlite 'select solver, atol from provenance' 2>/dev/null)" \
    "local variable step (a CVODE, BDF, per cell)|1.0e-05"
# the global step after a local run goes on from the joined state
printf 'cvode -active 1 -local 1\nfinitialize -65\ncontinuerun 30\ncvode -local 0\ncontinuerun 60\n' > mix.tcl
nrn-run -D ncell=20 -D ndrive=4 --spikes mix.spk "$C/net.tcl" mix.tcl > /dev/null 2>&1
check_eq "local then global: the spike count of either" "$(wc -l < mix.spk)" "$(wc -l < g.spk)"
# v every 1 ms by interpolation: the local step's rows against the global step's
for l in 0 1; do
    printf 'cvode -active 1 -atol 1e-6 -condition_order 2 -local %s\nrecord t -dt 1\nrecord soma9(0.5).v -dt 1\nrecord dend19(0.5).v -dt 1\nfinitialize -65\ncontinuerun 60\n' $l > v$l.tcl
    nrn-run -D ncell=20 -D ndrive=4 -o v$l.csv "$C/net.tcl" v$l.tcl 2> /dev/null
done
check_eq "local: 61 rows every 1 ms" "$(($(wc -l < v1.csv) - 1))" 61
check_eq "local: v every 1 ms within 0.05 mV of the global step's" \
    "$(paste -d, v0.csv v1.csv | awk -F, 'NR > 1 { for (i = 2; i <= 3; i++) { d = $i - $(i + 3); if (d < 0) d = -d; if (d > 0.05 || $1 != $4) print } }')" ""

# a part per cell keeps its cell's objects, NetCons, records, plays and vectors only, each
# renumbered (threads_split.c, clone.c): tests/parallel/renumber.tcl (built out of cell
# order, stopped with events in flight) gives the rows, spikes and vectors it gave before
# the renumbering (tests/parallel/renumber_local.ref, made by commit 70b19c4's engine:
# the spikes, the vectors, and the checksum of the rows)
P="$ROOT/tests/parallel"
nrn-run -D local=1 --spikes rn.spk -o rn.csv "$P/renumber.tcl" 2> rn.err
check_eq "local: renumbered parts run" "$?" 0
{ cat rn.spk rn.err; echo "csv_md5 $(md5sum < rn.csv | cut -d' ' -f1)"; } > rn.ref
check_files "local: renumbered parts give the same rows, spikes and vectors" rn.ref "$P/renumber_local.ref"
# and cost a cell's memory, not the model's: with a record and a spike vector per cell, the
# peak memory grows by less than 150 KB a cell from 500 to 2000 cells (each part copied
# every cell's records, objects and vectors before: 600 KB a cell at 2000 cells)
cat > mem.tcl <<'TCL'
for {set i 0} {$i < $ncell} {incr i} { det$i record spk$i; record soma${i}(0.5).v }
cvode -active 1 -atol 1e-3 -local 1
finitialize -65
continuerun 1
set f [open /proc/self/status]; set s [read $f]; close $f
regexp {VmHWM:\s+(\d+)} $s -> hwm
puts stderr "hwm $hwm"
TCL
nrn-run -D ncell=500 -o /dev/null "$C/net.tcl" mem.tcl 2> m500.err
nrn-run -D ncell=2000 -o /dev/null "$C/net.tcl" mem.tcl 2> m2000.err
h500=$(sed -n 's/^hwm //p' m500.err); h2000=$(sed -n 's/^hwm //p' m2000.err)
check_eq "local: peak memory of 2000 cells read ($h500 KB, $h2000 KB)" "${h500:+1}${h2000:+1}" 11
check_eq "local: under 150 KB more a cell from 500 to 2000 cells" \
    "$(( (${h2000:-0} - ${h500:-0}) / 1500 < 150 ))" 1

# continuerun in slices goes on with the cells' integrators (threads_local.c keeps the
# parts while the model is unchanged), as NEURON's cells do: the rows, spikes and steps of
# one continuerun to the end; before, each slice split the model anew and every cell's
# integrator started again (2.6 times the steps here)
cat > slices.tcl <<'TCL'
record soma0(0.5).v
record soma13(0.5).v
record dend7(0.5).v
cvode -active 1 -atol 1e-4 -local 1
finitialize -65
if {$slice} { for {set t 1} {$t <= 40} {incr t} { continuerun $t } } else { continuerun 40 }
puts stderr "steps [dict get [cvode stats] steps]"
TCL
for s in 0 1; do
    nrn-run -D ncell=20 -D ndrive=4 -D slice=$s --spikes sl$s.spk -o sl$s.csv "$C/net.tcl" slices.tcl 2> sl$s.err
done
check_files "local: continuerun in 1 ms slices gives the rows of one continuerun" sl1.csv sl0.csv
check_files "local: ... its spikes" sl1.spk sl0.spk
check_files "local: ... its steps" sl1.err sl0.err
check_eq "local: 40 ms of the network spike" "$(grep -c soma sl0.spk)" 60
# a change between two continueruns reaches the cells: the NetStim's number set to 1 at 10
# ms (after its spike at 5) lets the event it queued for 15 fire and no more (netstim.mod);
# parts kept with the old number would fire at 25 and 35 too
printf 'cvode -active 1 -atol 1e-4 -local 1\nfinitialize -65\ncontinuerun 10\n%s\ncontinuerun 40\n' \
    'setval ns.number 1' > change.tcl
nrn-run -D ncell=20 -D ndrive=4 --spikes ch.spk "$C/net.tcl" change.tcl > /dev/null 2>&1
check_eq "local: a NetStim silenced between two continueruns fires no more" \
    "$(grep -c '^ns,' ch.spk) $(grep -c '^ns,' sl0.spk)" "2 4"
