#!/bin/sh
# test_nmodl_simd.sh: the vector shape of generated kernels (gen_simd.c): hh.mod's current and
# state loops are vector loops built per ISA, with exp as _hexp (nrn_exp within NEURON's range,
# no C library exp); a BREAKPOINT with IF ... ELSE
# and a point process's BREAKPOINT (at_time, several instances at one node) and cnexp equations
# without a rates() call take the vector shape
# with the numbers of the scalar loop (the same code through a FUNCTION, which keeps it); and the
# numbers are the built-in hh's bit for bit whether rates() stores its
# TABLE names in GLOBALs (the last instance's values, as the scalar loop leaves them) or in
# RANGE variables (per instance), with the table and without (usetable 0: the scalar loop).
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl"
cd "$TMP" || exit 1

sed 's/SUFFIX hhmod/SUFFIX hhr/; s/GLOBAL minf, hinf, ninf, mtau, htau, ntau/RANGE minf, hinf, ninf, mtau, htau, ntau/' \
    "$N/nrn/hhmod.mod" > hhr.mod
# a DERIVATIVE that assigns a TABLE name after rates(): its state loop stays scalar
awk '/^DERIVATIVE/ { d = 1 } d && /rates\(v\)/ && !done { print; print "        minf = minf*1"; done = 1; next } { print }' \
    hhr.mod | sed 's/SUFFIX hhr/SUFFIX hhx/' > hhx.mod
cat > iffy.mod <<'MOD'
NEURON { SUFFIX iffy NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = 0.001 (S/cm2) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT {
    if (v > -50) { i = g*(v + 50) } else { i = 0 }
}
MOD
# the same through a FUNCTION: the scalar loop
sed 's/SUFFIX iffy/SUFFIX iffs/; s/^BREAKPOINT {/BREAKPOINT { i = f(v) }\
FUNCTION f(v) {/; s/i = g\*(v + 50)/f = g*(v + 50)/; s/i = 0 }/f = 0 }/' iffy.mod > iffs.mod
# point processes: a pulse with at_time and a decaying conductance (current and state vector
# loops), and the same through FUNCTIONs (scalar loops)
cat > ppv.mod <<'MOD'
NEURON { POINT_PROCESS PPV NONSPECIFIC_CURRENT i RANGE del, dur, amp, ip, gs, es, tau }
PARAMETER { del (ms) dur (ms) amp (nA) gs = 0.0001 (uS) es = -20 (mV) tau = 3 (ms) }
ASSIGNED { v (mV) i (nA) ip (nA) }
STATE { g (uS) }
INITIAL { g = gs }
BREAKPOINT {
    SOLVE decay METHOD cnexp
    at_time(del)
    at_time(del + dur)
    if (t < del + dur && t >= del) { ip = -amp } else { ip = 0 }
    i = ip + g*(v - es)
}
DERIVATIVE decay { g' = -g/tau }
MOD
sed 's/PPV/PPS/; s/i = ip + g\*(v - es)/i = f(v)/; s/g. = -g\/tau/g'"'"' = -g\/ftau()/' ppv.mod > pps.mod
printf 'FUNCTION f(v) { f = ip + g*(v - es) }\nFUNCTION ftau() { ftau = tau }\n' >> pps.mod
# a BREAKPOINT that reads a RANGE variable before assigning it (n: NEURON's two evaluations
# per step count twice) and one that assigns before reading (gx: kept in a lane's local
# between the evaluations), and the same through a FUNCTION (the scalar loop)
cat > acc.mod <<'MOD'
NEURON { SUFFIX acc NONSPECIFIC_CURRENT i RANGE g, n, gx }
PARAMETER { g = 0.0001 (S/cm2) }
ASSIGNED { v (mV) i (mA/cm2) n gx (S/cm2) }
INITIAL { n = 0 }
BREAKPOINT {
    n = n + 1
    gx = g*n*1e-3
    i = gx*(v + 60)
}
MOD
sed 's/SUFFIX acc/SUFFIX accs/; s/n = n + 1/n = inc(n)/' acc.mod > accs.mod
printf 'FUNCTION inc(x) { inc = x + 1 }\n' >> accs.mod
nrn-build mod -o lib.so --keep-c csrc "$N/nrn/hhmod.mod" hhr.mod hhx.mod iffy.mod iffs.mod \
    ppv.mod pps.mod acc.mod accs.mod 2> err || fail build "$(cat err)"
check_eq simd-acc-vector "$(grep -c '#pragma omp simd' csrc/acc.c) $(grep -c '#pragma omp simd' csrc/accs.c) $(grep -c '_R(2) = _R(2) + 1' csrc/acc.c) $(grep -c '_sh0 = _R(0) \* _R(2)' csrc/acc.c)" "2 0 7 6"
# the two side by side, each in a section of its own
cat > acc.tcl <<'TCL'
load_mechanisms ./lib.so
foreach m {acc accs} {
    section s$m -L 20 -diam 20 -nseg 17
    insert hh s$m
    insert $m s$m
    IClamp ic$m s${m}(0.5) -del 1 -dur 30 -amp 0.3
}
record t
foreach {x y} {0.5 v 0.3 n_ 0.9 gx_} {
    record sacc($x).${y}[expr {$y eq "v" ? "" : "acc"}]
    record saccs($x).${y}[expr {$y eq "v" ? "" : "accs"}]
}
setval tstop 20
run
TCL
nrn-run acc.tcl > acc.csv 2> err || fail acc-run "$(cat err)"
check_eq simd-read-before-assign-equal-scalar "$(awk -F, 'NR > 1 && ($2 != $3 || $4 != $5 || $6 != $7) { bad++ }
    END { print (NR > 700), bad + 0, ($4 > 1500) }' acc.csv)" "1 0 1"
# hh: the current's loops for consecutive nodes and for the others (its test for them is a
# plain loop: GCC reduces an omp simd one through memory); the state's look-ups and equations,
# and those of the state's range form (cable.c's: a loop per equation, the chain's steps
# between them; the current is its range form on all instances)
check_eq simd-hh-loops "$(grep -c '#pragma omp simd' csrc/hhmod.c)" 8
# each kernel (and range form) built for x86-64-v4 and v3 (exp inline) and the baseline,
# picked at load
check_eq simd-hh-builds "$(grep -c '^static void _[a-z_]*_v[034](' csrc/hhmod.c) $(grep -c 'ifunc("_[a-z_]*_pick")' csrc/hhmod.c)" "9 3"
check_eq simd-hh-exp "$(grep -c '[^_a-z]exp *(' csrc/hhmod.c)" 0
check_eq simd-if-vector "$(grep -c '#pragma omp simd' csrc/iffy.c) $(grep -c '#pragma omp simd' csrc/iffs.c)" "2 0"
# (the current's lanes; its difference quotient with and without the division; the scale;
# the additions to 8 consecutive nodes; the state)
check_eq simd-pp-vector "$(grep -c '#pragma omp simd' csrc/PPV.c) $(grep -c '#pragma omp simd' csrc/PPS.c)" "6 0"
check_eq simd-table-name-assigned-stays-scalar "$(grep -c 'minf\*1' hhx.mod) $(grep -c '#pragma omp simd' csrc/hhx.c)" "1 2"

# 12 cells (a block of 8 interleaved and 4 more), each with two point processes at the soma
# (sharing a node) and one in the dendrite (those of the block on consecutive nodes), the IF
# current in the dendrite
cat > pp.tcl <<'TCL'
load_mechanisms ./lib.so
for {set k 0} {$k < 12} {incr k} {
    section soma$k -L 20 -diam 20
    section dend$k -L 200 -diam 2 -nseg 5
    connect dend${k}(0) soma${k}(1)
    insert hh soma$k
    insert IF dend$k
    PP a$k soma${k}(0.5) -del [expr {1 + 0.1 * $k}] -dur 20 -amp [expr {0.05 * $k}]
    PP b$k soma${k}(0.5) -del 3 -dur 2 -amp 0.1 -gs 0.001
    PP c$k dend${k}(0.5) -del 2 -dur 10 -amp [expr {0.01 * $k}]
}
record t
record soma0(0.5).v
record soma7(0.5).v
record soma11(0.5).v
record dend11(0.9).v
setval tstop 30
run
TCL
sed 's/PP /PPV /; s/IF /iffy /' pp.tcl > ppv.tcl
sed 's/PP /PPS /; s/IF /iffs /' pp.tcl > pps.tcl
nrn-run ppv.tcl > ppv.csv 2> err || fail pp-run-vector "$(cat err)"
nrn-run pps.tcl > pps.csv 2> err || fail pp-run-scalar "$(cat err)"
if [ "$(wc -l < ppv.csv)" -gt 1000 ] && [ "$(sort -u ppv.csv | wc -l)" -gt 100 ] && cmp -s ppv.csv pps.csv; then
    pass simd-pp-if-equal-scalar
else
    fail simd-pp-if-equal-scalar "$(diff ppv.csv pps.csv | head -4)"
fi
# the dendrites' point processes without conductance: their current does not depend on v,
# the vector kernel's chunks of them skip the division of its difference quotient
for m in ppv pps; do
    sed 's/^\(    PP[VS] c.*\)$/\1 -gs 0/' $m.tcl > ${m}0.tcl
    nrn-run ${m}0.tcl > ${m}0.csv 2> err || fail pp-run-gs0-$m "$(cat err)"
done
if grep -q -- '-gs 0' ppv0.tcl && ! cmp -s ppv.csv ppv0.csv && cmp -s ppv0.csv pps0.csv; then
    pass simd-pp-v-independent-equal-scalar
else
    fail simd-pp-v-independent-equal-scalar "$(diff ppv0.csv pps0.csv | head -4)"
fi
for m in ppv pps; do
    sed "s/^run\$/cvode -active 1\nrun/" $m.tcl > ${m}_cv.tcl
    nrn-run ${m}_cv.tcl > ${m}_cv.csv 2> err || fail pp-run-cvode-$m "$(cat err)"
done
if [ "$(wc -l < ppv_cv.csv)" -gt 100 ] && cmp -s ppv_cv.csv pps_cv.csv; then pass simd-pp-cvode-equal-scalar
else fail simd-pp-cvode-equal-scalar "$(diff ppv_cv.csv pps_cv.csv | head -4)"; fi

cat > run.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
section axon -L 500 -diam 1 -nseg 33
connect axon(0) soma(1)
insert MECH soma
insert MECH axon
setval usetable_MECH USE
IClamp ic soma(0.5) -del 1 -dur 30 -amp 0.3
record t
record soma(0.5).v
record axon(0.9).v
record axon(0.5).m_MECH
record axon(0.1).h_MECH
setval tstop 40
run
TCL
for use in 1 0; do
    sed "/load_mechanisms/d; s/MECH/hh/g; s/USE/$use/" run.tcl > hh.tcl
    nrn-run hh.tcl > hh.csv 2> err || fail "hh-run-$use" "$(cat err)"
    for m in hhmod hhr hhx; do
        sed "s/MECH/$m/g; s/USE/$use/" run.tcl > $m.tcl
        nrn-run $m.tcl 2> $m.err | sed "s/_$m/_hh/g" > $m.csv
        if [ "$(wc -l < hh.csv)" -gt 1000 ] && cmp -s $m.csv hh.csv; then pass "simd-$m-usetable$use-equals-hh"
        else fail "simd-$m-usetable$use-equals-hh" "$(cat $m.err)" "$(diff $m.csv hh.csv | head -4)"; fi
    done
done

# fewer instances than one vector (a lone cell): the kernels' plain loops give the bits of
# their vector loops (the same cell among 12, in an interleaved block)
check_eq simd-small-paths "$(grep -c '_cur_small(c, md, 0, md->n)' csrc/hhmod.c) $(grep -c 'md->n < 8' csrc/PPV.c) $(grep -c 'md->n < 8' csrc/hhmod.c)" "1 2 2"
for n in 1 12; do
    sed "s/k < 12/k < $n/; s/PP /PPV /; s/IF /iffy /; /soma7\|soma11\|dend11/d" pp.tcl |
        sed 's/^record t$/record t\nrecord soma0(0.5).m_hh\nrecord dend0(0.9).v\nrecord c0.g/' > lone$n.tcl
    nrn-run lone$n.tcl > lone$n.csv 2> err || fail "lone-run-$n" "$(cat err)"
done
if [ "$(wc -l < lone1.csv)" -gt 1000 ] && [ "$(cut -d, -f2 lone1.csv | sort -u | wc -l)" -gt 100 ] &&
    cmp -s lone1.csv lone12.csv; then pass simd-small-equals-vector
else fail simd-small-equals-vector "$(diff lone1.csv lone12.csv | head -4)"; fi
