#!/bin/sh
# test_nmodl_local.sh: which translated mechanisms say inst_local (gen.c), the promise that
# lets the fixed step of an axon run their cur and state a chunk of instances at a time
# (src/engine/cable.c): hh.mod does; a mechanism with VERBATIM, EXTERNAL, a random draw, a
# derivimplicit SOLVE, or a GLOBAL that one instance writes for the next does not. Then an
# axon of the translated hh, which takes that path, equals the built-in hh's bit for bit.
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl"
cd "$TMP" || exit 1

# leak.mod with one change each: NAME, then a sed script
variant() {
    sed "s/SUFFIX [a-z_]*/SUFFIX $1/; $2" > "$1.mod" <<'MOD'
NEURON { SUFFIX x NONSPECIFIC_CURRENT i RANGE g, e THREADSAFE }
PARAMETER { g = 0.001 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT {
    i = g*(v - e)
}
MOD
}
variant plain ''
variant verb 's/^    i = g\*(v - e)/    i = g*(v - e)\nVERBATIM\n    (void)0;\nENDVERBATIM/'
variant ext 's/RANGE g, e/RANGE g, e EXTERNAL minf_hh/; s/i = g\*(v - e)/i = g*(v - e)*(1 + 0*minf_hh)/'
variant rnd 's/i = g\*(v - e)/i = g*(v - e) + 0*normrand(0, 1)/'
variant acc 's/RANGE g, e/RANGE g, e GLOBAL total/; s/ASSIGNED { /ASSIGNED { total /; s/i = g\*(v - e)/total = total + v i = g*(v - e)/'
cat > dimp.mod <<'MOD'
NEURON { SUFFIX dimp NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = 0.001 (S/cm2) tau = 5 (ms) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { s }
BREAKPOINT {
    SOLVE st METHOD derivimplicit
    i = g*s*(v + 70)
}
INITIAL { s = 0 }
DERIVATIVE st { s' = (1 - s)/tau }
MOD
nrn-build mod -o lib.so --keep-c csrc "$N/nrn/hhmod.mod" plain.mod verb.mod ext.mod rnd.mod \
    acc.mod dimp.mod 2> err || fail build "$(cat err)"
for m in hhmod plain; do
    check_eq "local-$m" "$(grep -c '\.inst_local = 1' csrc/$m.c)" 1
done
for m in verb ext rnd acc dimp; do
    check_eq "not-local-$m" "$(grep -c '\.inst_local' csrc/$m.c)" 0
done
# the variants hold what they are named for (1: the generated C has it)
has() { grep -q -- "$2" "csrc/$1.c" && echo 1 || echo 0; }
check_eq local-variants "$(has verb '(void)0') $(has ext nrn_external) $(has rnd nrn_mech_normal) \
$(has acc '_G(0) = _G(0) + ')" "1 1 1 1"

# 201 compartments (more than one chunk), an IClamp in the middle
cat > run.tcl <<'TCL'
load_mechanisms ./lib.so
section axon -L 4000 -diam 1 -nseg 201
insert MECH axon
IClamp ic axon(0.5) -del 1 -dur 0.5 -amp 1
record t
record axon(0.1).v
record axon(0.5).v
record axon(0.9).v
record axon(0.7).m_MECH
setval tstop 20
run
TCL
sed '/load_mechanisms/d; s/MECH/hh/g' run.tcl > hh.tcl
sed 's/MECH/hhmod/g' run.tcl > hhmod.tcl
nrn-run hh.tcl > hh.csv 2> err || fail local-hh-run "$(cat err)"
nrn-run hhmod.tcl 2> err | sed 's/_hhmod/_hh/g' > hhmod.csv
if [ "$(wc -l < hh.csv)" -gt 500 ] && cmp -s hhmod.csv hh.csv; then pass local-axon-hhmod-equals-hh
else fail local-axon-hhmod-equals-hh "$(cat err)" "$(diff hhmod.csv hh.csv | head -4)"; fi
