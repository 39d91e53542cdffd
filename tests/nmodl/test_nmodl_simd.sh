#!/bin/sh
# test_nmodl_simd.sh: the vector shape of generated kernels (gen_simd.c): hh.mod's current and
# state loops are vector loops built per ISA, with exp as _hexp (nrn_exp within NEURON's range,
# no C library exp); a BREAKPOINT with an IF keeps the scalar loop; and the numbers are the
# built-in hh's bit for bit whether rates() stores its TABLE names in GLOBALs (the last
# instance's values, as the scalar loop leaves them) or in RANGE variables (per instance), with
# the table and without (usetable 0: the scalar loop).
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
nrn-build mod -o lib.so --keep-c csrc "$N/nrn/hhmod.mod" hhr.mod hhx.mod iffy.mod 2> err || fail build "$(cat err)"
check_eq simd-hh-loops "$(grep -c '#pragma omp simd' csrc/hhmod.c)" 3
check_eq simd-hh-clones "$(grep -c '^_CLONES\(_TBL\)\? static void' csrc/hhmod.c)" 2
check_eq simd-hh-exp "$(grep -c '[^_a-z]exp *(' csrc/hhmod.c)" 0
check_eq simd-if-stays-scalar "$(grep -c '#pragma omp simd' csrc/iffy.c)" 0
check_eq simd-table-name-assigned-stays-scalar "$(grep -c 'minf\*1' hhx.mod) $(grep -c '#pragma omp simd' csrc/hhx.c)" "1 1"

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
