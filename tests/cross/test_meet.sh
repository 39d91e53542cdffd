#!/bin/sh
# test_meet.sh: where this stop's new features meet (the fused cable step, the translated
# APCount, SEClamp, VClamp and NetStim, thresholds on the compact copy, the local step on
# threads, LAG and LONGITUDINAL_DIFFUSION models under nrn-sweep, save_model), each by two
# ways that must agree or against a NEURON golden (tests/golden):
# - the hh axon of axon.tcl runs the fused step; an APCount on it makes the step run the
#   separate passes: both give NEURON's records bit for bit (cross_axon.csv), the APCount
#   NEURON's times (with an SEClamp too: cross_axon_se.csv), and savestate restore
#   continues the fused step as the run did; an APCount made mid-run switches to the passes;
#   nrn-sweep's replicas of a shorter axon (the passes) equal its points alone (fused);
# - thresholds lowered from Tcl between continueruns (setval apc.thresh, nc.threshold):
#   the spikes after the change are counted and delivered, the same on 1 and 2 threads,
#   and found under CVODE, global and local; so are other writers (thresh2.tcl: configure
#   -threshold down and up, a NetCon from a new source made mid-run, a NetCon's threshold
#   shared with a pc cell's source);
# - NetStim noise (noisenet.tcl): the same spikes and records on 1, 2 and 3 threads, and
#   under the local step on 1 and 2 threads; the NetStims' own spike times are the same
#   under the fixed step, CVODE and the local step (their draws do not depend on the
#   integrator); with zero delays (cells joined under the local step) too;
# - the SEClamp under CVODE takes NEURON's steps; the VClamp (which NEURON refuses under
#   CVODE) follows NEURON's fixed step;
# - nrn-sweep of ldlag.tcl: LONGITUDINAL_DIFFUSION in batches of replicas equals each point
#   alone; a LAG model runs its points alone, with nrn-run's numbers; savestate restores
#   v but not a LAG's history, as NEURON (cross_lagsave.txt);
# - save_model / load_model of the translated built-ins (builtins.tcl): the same runs;
# - values carried between calls (carry/): a THREADSAFE GLOBAL keeps NEURON's per-thread
#   numbers (cross_carry.csv), a file-scope LOCAL runs on one thread; nrn-sweep runs both
#   point by point;
# - APCounts on noisenet.tcl's cells: the same counts and times on threads, fixed and local;
# - pc psolve in slices under CVODE, global and local, equals continuerun to the same times;
# - a STATE starting from its RANGE PARAMETER s0 (x0/): NEURON's numbers (cross_x0.csv) on
#   1 and 2 threads, through save_model and load_model, and nrn-sweep's replicas each
#   start from their own s0.
. "$(dirname "$0")/../lib.sh"
X="$ROOT/tests/cross"
G="$ROOT/tests/golden"
cd "$TMP" || exit 1
echo run > run.tcl
printf 'cvode -active 1\n' > cv.tcl
printf 'cvode -active 1 -local 1\n' > cvl.tcl

# sweep_alone NAME POINTS HOW -p NAME=VALUES ...: nrn-sweep $A over the grid, in batches
# of up to 8 on one worker: POINTS points, all ok, run as HOW says (batch: one batch of
# replicas, so one shared seconds value and nothing on stderr; alone: each point alone, as
# nrn-sweep's notice about --batch says), and each point's measures (grid.csv's columns
# before status, also left in g) equal to the point swept alone
sweep_alone() {
    name=$1; npt=$2; how=$3; shift 3
    np=$(($# / 2))
    # shellcheck disable=SC2086
    nrn-sweep $A "$@" -j 1 --batch 8 2> sw.err > grid.csv
    st=$(head -1 grid.csv | tr , '\n' | grep -n '^status$' | cut -d: -f1)
    nok=$(tail -n +2 grid.csv | grep -c ',ok,')
    if [ "$how" = batch ]; then
        secs=$(tail -n +2 grid.csv | cut -d, -f$((st + 2)) | sort -u | wc -l | tr -d ' ')
        check_eq "$name-points" "$nok $secs $(cat sw.err)" "$npt 1 "
    else
        check_eq "$name-points" "$nok $(grep -c 'running the points one at a time$' sw.err)" "$npt 1"
    fi
    names=$(head -1 grid.csv | cut -d, -f1-$np | tr , ' ')
    tail -n +2 grid.csv | cut -d, -f1-$((st - 1)) > g
    while read -r row; do
        set --
        i=1
        for p in $names; do
            set -- "$@" -p "$p=$(echo "$row" | cut -d, -f$i)"
            i=$((i + 1))
        done
        # shellcheck disable=SC2086
        nrn-sweep $A "$@" -j 1 --batch 1 | tail -1 | cut -d, -f1-$((st - 1))
    done < g > alone
    check_files "$name-alone" g alone
}

# ---- the fused cable step and the passes, against NEURON
grep -v '^#' "$G/cross_axon.csv" > want_axon
nrn-run -D noise=0 "$X/axon.tcl" run.tcl > fused.csv 2>&1
check_files fused-axon-neuron fused.csv want_axon
cat > apc.tcl <<'TCL'
vector create apct
apc record apct
run
puts stderr "# apc [getval apc.n]: [join [vector get apct] { }]"
TCL
nrn-run -D noise=0 -D apc=1 "$X/axon.tcl" apc.tcl > passes.csv 2> apc.out
check_files passes-axon-neuron passes.csv want_axon
check_eq apcount-axon-neuron "$(cat apc.out)" "$(grep '^# apc' "$G/cross_axon.csv")"
# with an SEClamp at the end (the passes; tests/golden/cross_axon_se.csv), on 1 and 2 threads
grep -v '^#' "$G/cross_axon_se.csv" > want_se
printf 'record se.i\nrun\n' > seri.tcl
for t in 1 2; do
    nrn-run --threads $t -D noise=0 -D se=1 "$X/axon.tcl" seri.tcl > se$t.csv 2>&1
    check_files seclamp-axon-neuron-threads-$t se$t.csv want_se
done
# with the NetStim's noise: no golden (nrn's own streams), but the two steps agree
nrn-run -D noise=1 "$X/axon.tcl" run.tcl > fusedn.csv 2>&1
nrn-run -D noise=1 -D apc=1 "$X/axon.tcl" run.tcl > passesn.csv 2>&1
check_files fused-passes-noise fusedn.csv passesn.csv
# an APCount made mid-run switches the fused step to the passes: still NEURON's numbers
cat > mid.tcl <<'TCL'
finitialize -65
continuerun 15
APCount apc ax(0.9)
continuerun 40
puts stderr "apc [getval apc.n]"
TCL
for t in 1 2; do
    nrn-run --threads $t -D noise=0 "$X/axon.tcl" mid.tcl > mid$t.csv 2> mid$t.err
    check_files fused-then-passes-threads-$t mid$t.csv want_axon
    check_eq fused-then-passes-apcount-$t "$(cat mid$t.err)" "apc 2.0"
done
cat > ss.tcl <<'TCL'
proc state {} {
    set s {}
    foreach p {ax(0.5).v ax(0.9).v ax(0.2).m_hh ax(0.7).n_hh syn.g} { lappend s [getval $p] }
    return $s
}
finitialize -65
continuerun 15
savestate save s
continuerun 40
puts [state]
savestate restore s
continuerun 40
puts [state]
TCL
nrn-run -D noise=1 -D rec=0 "$X/axon.tcl" ss.tcl > ss.out 2>&1
check_eq fused-savestate "$(sort -u ss.out | wc -l | tr -d ' ') $(wc -l < ss.out | tr -d ' ')" "1 2"

# ---- thresholds changed between continueruns
nrn-run -D noise=0 -D rec=0 "$X/axon.tcl" "$X/thresh.tcl" > th1.out 2>&1
check_eq threshold-lowered-fixed "$(cat th1.out)" "apc 2.0 17.89999999999952 29.974999999998833
nc 17.900000000099517 29.97500000009883
s2 peak above 0"
nrn-run --threads 2 -D noise=0 -D rec=0 "$X/axon.tcl" "$X/thresh.tcl" > th2.out 2>&1
check_files threshold-lowered-threads-2 th2.out th1.out
for c in cv cvl; do
    nrn-run -D noise=0 -D rec=0 "$X/axon.tcl" $c.tcl "$X/thresh.tcl" > th$c.out 2>&1
    check_grep "threshold-lowered-$c" '^apc 2.0 17\.8[0-9]* 29\.8[0-9]*$' th$c.out
    check_eq "threshold-lowered-$c-delivered" "$(sed -n 3p th$c.out)" "s2 peak above 0"
done

# ---- NetStim noise on threads and under the local step
for t in 1 2 3; do
    nrn-run --threads $t --spikes n$t.spk "$X/noisenet.tcl" run.tcl > n$t.csv 2> n$t.err
done
check_eq noise-net-runs "$(cat n1.err n2.err n3.err)$(grep -c 'ns,' n1.spk) $(grep -c 'v,' n1.spk)" "53 25"
for t in 2 3; do
    check_files noise-net-spikes-$t n$t.spk n1.spk
    check_files noise-net-records-$t n$t.csv n1.csv
done
for t in 1 2; do
    nrn-run --threads $t --spikes l$t.spk "$X/noisenet.tcl" cvl.tcl run.tcl > l$t.csv 2> l$t.err
done
check_eq noise-net-local-runs "$(cat l1.err l2.err)$(grep -c 'v,' l1.spk)" 25
check_files noise-net-local-spikes-2 l2.spk l1.spk
check_files noise-net-local-records-2 l2.csv l1.csv
nrn-run --spikes g.spk "$X/noisenet.tcl" cv.tcl run.tcl > /dev/null 2>&1
grep 'ns,' n1.spk > ns.fixed
grep 'ns,' l1.spk > ns.local
grep 'ns,' g.spk > ns.global
check_files noise-netstim-local-fixed ns.local ns.fixed
check_files noise-netstim-global-fixed ns.global ns.fixed

# ---- the translated clamps under CVODE
# SEClamp: NEURON's steps (tests/golden/cvode_seclamp.csv): the same number, the first 70
# bit for bit (through the level change at 2 ms), then within 1e-6 (ms, mV, nA)
cat > se.tcl <<'TCL'
section soma -L 10 -diam 10
insert hh soma
SEClamp se soma(0.5) -dur1 2 -amp1 -70 -dur2 5 -amp2 -10 -dur3 3 -amp3 -70 -rs 0.1
cvode -active 1
record t
record soma(0.5).v
record se.i
finitialize -65
continuerun 12
TCL
nrn-run se.tcl > se.csv 2>&1
check_eq seclamp-cvode-steps "$(wc -l < se.csv)" "$(wc -l < "$G/cvode_seclamp.csv")"
check_eq seclamp-cvode-neuron "$(paste -d, se.csv "$G/cvode_seclamp.csv" | awk -F, 'NR > 1 {
    if (NR <= 71 && ($1 + 0 != $4 + 0 || $2 + 0 != $5 + 0 || $3 + 0 != $6 + 0)) { print NR ": " $0; exit }
    for (k = 1; k <= 3; k++) { d = $k - $(k + 3); if (d > 1e-6 || d < -1e-6) { print NR ": " $0; exit } } }')" ""
# VClamp: v within 1e-5 mV of NEURON's fixed step (tests/golden/vclamp.csv) inside each level,
# the current within 0.1 nA, and v within 0.05 mV 2 ms after the clamp is off
nrn-run "$X/vclamp_cvode.tcl" > vc.out 2>&1
grep -v '^#' "$G/vclamp.csv" > vc.fixed
check_eq vclamp-cvode-fixed "$(awk -F, 'NR == FNR { split($0, a, " "); v[a[1]] = a[2]; i[a[1]] = a[3]; next }
    FNR > 1 { for (T in v) if ($1 > T - 1e-9 && $1 < T + 1e-9) {
        dv = v[T] - $2; di = i[T] - $3; tol = T == 12 ? 0.05 : 1e-5
        if (T == 1 || T == 5 || T == 9 || T == 12) {
            if (dv > tol || dv < -tol || di > 0.1 || di < -0.1) print T ": " v[T] " " i[T] " vs " $2 " " $3
            n++ } } }
    END { if (n != 4) print n " times" }' vc.out vc.fixed)" ""

# ---- LONGITUDINAL_DIFFUSION and LAG under nrn-sweep: nadifl runs in batches of replicas,
# which equal each point swept alone; LagV (not thread safe) runs its points alone, which
# equal the points swept one by one
N="$ROOT/tests/nmodl"
nrn-build mod -o ld.so "$N/ldifus/nadifl.mod" "$N/misc/vlag.mod" 2> err || fail ldlag-build "$(cat err)"
for lag in 0 1; do
    if [ $lag = 1 ]; then on=la.vl; how=alone; else on="dend2(0.5).nai"; how=batch; fi
    A="-D lag=$lag -D lib=./ld.so --mechanisms ./ld.so $X/ldlag.tcl --on $on"
    A="$A --measure maximum_voltage,minimum_voltage,voltage_base"
    sweep_alone sweep-ldlag$lag 4 $how -p ic.amp=0.2,0.5 -p soma.gnabar_hh=0.08,0.12
    cp g g$lag
done
# LAG and savestate: v restored, the LAG's history not (NEURON's SaveState keeps none either):
# NEURON's numbers (tests/golden/cross_lagsave.txt)
cat > lagsave.tcl <<'TCL'
load_mechanisms ./ld.so
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -del 5 -dur 60 -amp 0.5
LagV la soma(0.5) -dur 0.33
finitialize -65
continuerun 7
savestate save s
continuerun 7.2
puts "[getval la.vl] [getval soma(0.5).v]"
continuerun 30
savestate restore s
continuerun 7.2
puts "[getval la.vl] [getval soma(0.5).v] [getval t]"
TCL
nrn-run lagsave.tcl > lagsave.out 2>&1
check_files lag-savestate-neuron lagsave.out "$G/cross_lagsave.txt"
# the sweep's numbers are nrn-run's: the LagV's largest vl of the last point
printf 'setval ic.amp 0.5\nrecord la.vl\nrun\n' > lagrun.tcl
nrn-run -D lag=1 -D lib=./ld.so "$X/ldlag.tcl" lagrun.tcl 2>&1 | tail -n +2 | cut -d, -f2 |
    sort -g | tail -1 > lagmax
check_eq sweep-ldlag-run "$(cat lagmax)" "$(sed -n 4p g1 | cut -d, -f3)"

# ---- save_model and load_model with the translated built-ins (builtins.tcl): the model
# read back runs as the script's (fixed step, 2 threads, CVODE), and saves the same file
cat > birec.tcl <<'TCL'
NetCon nc ns syn -delay 0.5 -weight 0.02
record t
record ax(0.9).v
record syn.g
record se.i
record vc.i
record vc.vo
record apc.n
setval tstop 20
run
TCL
echo 'save_model bi.csv' > save1.tcl
echo 'save_model bi2.csv' > save2.tcl
nrn-run "$X/builtins.tcl" save1.tcl > /dev/null 2> save.err
nrn-run -m bi.csv save2.tcl > /dev/null 2>> save.err
check_eq builtins-saved "$(cat save.err)$(grep -c '^pp,' bi.csv)" 5
check_files builtins-saved-again bi2.csv bi.csv
for o in "" "--threads 2" --cvode; do
    # shellcheck disable=SC2086
    nrn-run $o "$X/builtins.tcl" birec.tcl > direct.csv 2>&1
    # shellcheck disable=SC2086
    nrn-run $o -m bi.csv birec.tcl > loaded.csv 2>&1
    check_files "builtins-loaded${o:+-}$(echo "$o" | tr -d ' -')" loaded.csv direct.csv
    [ -z "$o" ] && cp direct.csv fixed.csv
done
# the model does something: a synaptic event, APCount spikes, the clamps' currents
check_eq builtins-active "$(awk -F, 'NR > 1 { if ($3 > 0) g = 1; if ($4 < -1) s = 1; if ($5 < -1) v = 1
    n = $7 } END { print g s v, n }' fixed.csv)" "111 2.0"

# ---- other writers of spike sources between continueruns (thresh2.tcl): configure
# -threshold down and up, a NetCon from a new source; the same on 1, 2 and 3 threads, and
# under CVODE and the local step (1 and 2 threads) the same spikes near those times
nrn-run -D noise=0 -D rec=0 "$X/axon.tcl" "$X/thresh2.tcl" > w1.out 2>&1
check_eq threshold-writers-fixed "$(cat w1.out)" "n1 17.900000000099517
n2 27.72500000009896
thr 100.0 0.0"
for t in 2 3; do
    nrn-run --threads $t -D noise=0 -D rec=0 "$X/axon.tcl" "$X/thresh2.tcl" > w$t.out 2>&1
    check_files threshold-writers-threads-$t w$t.out w1.out
done
for c in cv cvl; do
    nrn-run -D noise=0 -D rec=0 "$X/axon.tcl" $c.tcl "$X/thresh2.tcl" > w$c.out 2>&1
    check_eq "threshold-writers-$c" "$(awk '/^n[12] / && NF == 2 { printf "%s %s ", $1, int($2 * 10) / 10 } END { print "" }' w$c.out)" \
        "n1 17.8 n2 27.6 "
done
nrn-run --threads 2 -D noise=0 -D rec=0 "$X/axon.tcl" cvl.tcl "$X/thresh2.tcl" > wcvl2.out 2>&1
check_files threshold-writers-cvl-threads-2 wcvl2.out wcvl.out

# ---- values carried between calls (tests/cross/carry): a THREADSAFE GLOBAL read before it
# is written (one copy per thread, NEURON's numbers on 1 and 2 threads), a file-scope LOCAL
# (not thread safe: one thread, with a notice); nrn-sweep runs the points of either alone,
# which equal the points swept one by one
nrn-build mod -o carry.so "$X/carry" 2> err || fail carry-build "$(cat err)"
printf 'record t\nrecord a(0.5).v\nrecord b(0.5).v\nsetval tstop 10\nrun\n' > two.tcl
golden() { awk -v h="# $1" '$0 == h { f = 1; next } /^#/ { f = 0 } f' "$G/cross_carry.csv"; }
for t in 1 2; do
    nrn-run --threads $t -D lib=./carry.so -D mech=xcarry "$X/carry/two.tcl" two.tcl > c$t.csv 2> c$t.err
    golden "xcarry $t" > want
    check_files carry-global-threads-$t-neuron c$t.csv want
    check_eq carry-global-threads-$t-quiet "$(cat c$t.err)" ""
done
golden "xfloc 1" > want
for t in 1 2; do
    nrn-run --threads $t -D lib=./carry.so -D mech=xfloc "$X/carry/two.tcl" two.tcl > f$t.csv 2> f$t.err
    check_files carry-local-threads-$t-neuron f$t.csv want
done
check_eq carry-local-notice "$(cat f1.err f2.err)" \
    "nrn-run: xfloc is not thread safe: running on one thread instead of 2"
M="--on a(0.5).v --measure maximum_voltage,minimum_voltage,voltage_base"
for mech in xcarry xfloc; do
    A="--mechanisms ./carry.so -D lib=./carry.so -D mech=$mech $X/carry/two.tcl $M"
    sweep_alone sweep-carry-$mech 4 alone -p ica.amp=0.05,0.1,0.2,0.3
done

# ---- APCount (after_cvode, record_value) on the cells of noisenet.tcl on threads: the same
# counts and times on 1, 2 and 3 threads, under the local step on 1 and 2; the same counts
# under the fixed step, CVODE and the local step
cat > apcs.tcl <<'TCL'
for {set k 0} {$k < 4} {incr k} {
    APCount apc$k s${k}(0.5) -thresh -10
    vector create at$k
    apc$k record at$k
}
run
for {set k 0} {$k < 4} {incr k} { puts "apc$k [getval apc$k.n] [vector get at$k]" }
TCL
for t in 1 2 3; do
    nrn-run --threads $t "$X/noisenet.tcl" apcs.tcl 2>&1 | grep '^apc' > apc$t.out
done
check_eq apcount-threads-counts "$(cut -d' ' -f2 apc1.out | tr '\n' ' ')" "6.0 6.0 7.0 7.0 "
check_files apcount-threads-2 apc2.out apc1.out
check_files apcount-threads-3 apc3.out apc1.out
for t in 1 2; do
    nrn-run --threads $t "$X/noisenet.tcl" cvl.tcl apcs.tcl 2>&1 | grep '^apc' > apcl$t.out
done
check_files apcount-local-threads-2 apcl2.out apcl1.out
nrn-run "$X/noisenet.tcl" cv.tcl apcs.tcl 2>&1 | grep '^apc' > apcg.out
check_eq apcount-cvode-counts "$(cut -d' ' -f2 apcg.out | tr '\n' ' ')$(cut -d' ' -f2 apcl1.out | tr '\n' ' ')" \
    "6.0 6.0 7.0 7.0 6.0 6.0 7.0 7.0 "

# ---- pc psolve in slices under CVODE (global and local; local on 2 threads) stops at each T
# and equals continuerun to the same times (the noise network's spikes and records)
cat > ps.tcl <<'TCL'
pc set_maxstep 10
finitialize -65
foreach T {30 55.5 100} { pc psolve $T; puts stderr "t [getval t]" }
TCL
cat > cr.tcl <<'TCL'
finitialize -65
foreach T {30 55.5 100} { continuerun $T; puts stderr "t [getval t]" }
TCL
for c in cv cvl; do
    for p in ps cr; do
        nrn-run --spikes $c$p.spk "$X/noisenet.tcl" $c.tcl $p.tcl > $c$p.csv 2> $c$p.err
    done
    check_eq "psolve-$c-stops" "$(tr '\n' ' ' < ${c}ps.err)" "t 30.0 t 55.5 t 100.0 "
    check_files "psolve-$c-spikes" ${c}ps.spk ${c}cr.spk
    check_files "psolve-$c-records" ${c}ps.csv ${c}cr.csv
done
nrn-run --threads 2 --spikes cvlps2.spk "$X/noisenet.tcl" cvl.tcl ps.tcl > cvlps2.csv 2> /dev/null
check_files psolve-cvl-threads-2-spikes cvlps2.spk cvlps.spk
check_files psolve-cvl-threads-2-records cvlps2.csv cvlps.csv

# ---- a STATE starting from its RANGE PARAMETER s0 (x0/xs0.mod): NEURON's numbers on 1 and
# 2 threads; nrn-sweep's batches of replicas (each replica its own s0) equal the points alone
nrn-build mod -o x0.so "$X/x0" 2> err || fail x0-build "$(cat err)"
grep -v '^#' "$G/cross_x0.csv" > want_x0
for t in 1 2; do
    nrn-run --threads $t -D lib=./x0.so "$X/x0/ab.tcl" run.tcl > x0_$t.csv 2>&1
    check_files x0-state-neuron-threads-$t x0_$t.csv want_x0
done
# the s0 of each instance goes through save_model and load_model
echo 'save_model x0.csv' > x0save.tcl
nrn-run -D lib=./x0.so "$X/x0/ab.tcl" x0save.tcl > /dev/null 2>&1
cat > x0rec.tcl <<'TCL'
record t
foreach p {a(0.5).v b(0.5).v a(0.5).s_xs0 b(0.5).s_xs0} { record $p }
setval tstop 20
run
TCL
nrn-run --mechanisms ./x0.so -m x0.csv x0rec.tcl > x0_loaded.csv 2>&1
check_files x0-state-saved-model x0_loaded.csv want_x0
A="--mechanisms ./x0.so -D lib=./x0.so $X/x0/ab.tcl --on b(0.5).v"
A="$A --measure maximum_voltage,minimum_voltage,voltage_base"
sweep_alone x0-sweep 8 batch -p b.s0_xs0=0,0.5,1,2 -p a.s0_xs0=0,3
check_eq x0-sweep-differ "$(cut -d, -f3 g | sort -u | wc -l | tr -d ' ')" 4

# ---- zero-delay NetCons under the local step (noisenet.tcl with delay 0: the four cells
# share one integrator): the same spikes and records on 1 and 2 threads, the NetStims' own
# times as under the fixed step
for t in 1 2; do
    nrn-run --threads $t -D d=0 --spikes z$t.spk "$X/noisenet.tcl" cvl.tcl run.tcl > z$t.csv 2> z$t.err
done
check_eq zero-delay-local-runs "$(cat z1.err z2.err)$(grep -c 'v,' z1.spk)" 24
check_files zero-delay-local-threads-2-spikes z2.spk z1.spk
check_files zero-delay-local-threads-2-records z2.csv z1.csv
grep 'ns,' z1.spk > ns.zero
check_files zero-delay-local-netstims ns.zero ns.fixed

# ---- nrn-sweep of the fused axon (41 segments, NetStim noise): the replicas of a batch (a
# model of several chains) equal each point run alone (one chain, the fused step)
A="-D nseg=41 -D noise=1 -D rec=0 $X/axon.tcl --on ax(0.9).v"
A="$A --measure maximum_voltage,minimum_voltage,voltage_base,Spikecount"
sweep_alone sweep-axon 4 batch -p syn.tau=1,3 -p ic.amp=0.1,0.3

# ---- a NetCon's threshold is its source's, shared with the pc cell of the same value: a
# NetCon made on s0's v with threshold 100 silences gid 0 until configure brings it back to
# 10 at 50 ms; then gid 0 spikes as in the unchanged run (fixed step, 2 threads, local)
cat > pcth.tcl <<'TCL'
NetCon x s0(0.5).v {} -threshold 100
finitialize -65
continuerun 50
x configure -threshold 10
continuerun 100
TCL
for t in 1 2; do
    nrn-run --threads $t --spikes p$t.spk "$X/noisenet.tcl" pcth.tcl > /dev/null 2> p$t.err
done
grep '^s0(0.5)' n1.spk | awk -F, '$2 > 50' > want_s0
grep '^s0(0.5)' p1.spk > got_s0
check_eq threshold-shared-gid-run "$(cat p1.err p2.err)$(wc -l < want_s0 | tr -d ' ')" 3
check_files threshold-shared-gid got_s0 want_s0
check_files threshold-shared-gid-threads-2 p2.spk p1.spk
nrn-run --spikes pl.spk "$X/noisenet.tcl" cvl.tcl pcth.tcl > /dev/null 2>&1
check_eq threshold-shared-gid-local "$(grep '^s0(0.5)' pl.spk | awk -F, '{ printf "%d ", $2 }')" "58 73 93 "
