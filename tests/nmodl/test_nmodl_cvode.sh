#!/bin/sh
# test_nmodl_cvode.sh: translated mechanisms under the variable step (cvode -active 1): their
# ode_spec and ode_matsol give the built-ins' numbers bit for bit (hh by cnexp, derivimplicit
# and euler, pas, IClamp's at_time, ExpSyn), NEURON's on a mechanism whose matsol needs the
# symbolic derivative and the difference quotient, and a mechanism without ODEs is refused.
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl"
G="$ROOT/tests/golden"
cd "$TMP" || exit 1
nrn-build mod -o lib.so "$N/nrn" 2> err || fail build "$(cat err)"

# ---- builtins.tcl's model under CVODE (atol 1e-5): translated and built-in, the same rows
# and statistics
sed -e 's/^record t$/cvode -active 1 -atol 1e-5\n&/; $a\
puts stderr [cvode stats]' "$N/builtins.tcl" > cvode.tcl
sed -e '/load_mechanisms/d; s/pasmod/pas/g; s/hhmod/hh/g; s/IClampMod/IClamp/; s/ExpSynMod/ExpSyn/' \
    cvode.tcl > builtin.tcl
nrn-run -D lib=./lib.so cvode.tcl > mod.csv 2> mod.err; rc1=$?
nrn-run builtin.tcl > builtin.csv 2> builtin.err; rc2=$?
if [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ] && [ "$(wc -l < mod.csv)" -gt 1000 ] &&
   sed 's/_hhmod/_hh/' mod.csv | cmp -s - builtin.csv && cmp -s mod.err builtin.err; then
    pass cvode-translated-equals-builtin
else
    fail cvode-translated-equals-builtin "exit $rc1/$rc2" "$(head -2 mod.err)" \
        "$(sed 's/_hhmod/_hh/' mod.csv | diff - builtin.csv | head -4)"
fi

# ---- hh.mod by cnexp, derivimplicit and euler: one set of ODEs, the built-in hh's numbers
cat > hh.tcl <<'TCL'
load_mechanisms $lib
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -del 1 -dur 40 -amp 0.1
cvode -active 1 -atol 1e-5
record t
record soma(0.5).v
record soma(0.5).n_hh
setval tstop 50
run
TCL
nrn-run -D lib=./lib.so hh.tcl > hh.csv 2> err || fail cvode-hh-run "$(cat err)"
for s in hhmod hhdi hheu; do
    sed "s/hh soma/$s soma/; s/n_hh/n_$s/" hh.tcl > $s.tcl
    nrn-run -D lib=./lib.so $s.tcl 2> err | sed "s/_$s/_hh/" > $s.csv
    if [ "$(wc -l < hh.csv)" -gt 1000 ] && cmp -s $s.csv hh.csv; then pass "cvode-$s-equals-hh"
    else fail "cvode-$s-equals-hh" "$(cat err)" "$(diff $s.csv hh.csv | head -4)"; fi
done

# ---- NEURON's steps with hh.mod translated (spec 9.10, as test_cvode.sh with the built-in)
cat > hh910.tcl <<'TCL'
load_mechanisms ./lib.so
section soma -L 20 -diam 20
insert hhmod soma
IClampMod ic soma(0.5) -del 1 -dur 0.5 -amp 0.5
cvode -active 1
record t
record soma(0.5).v
finitialize -65
continuerun 5
TCL
nrn-run hh910.tcl > hh910.csv 2> err
check_eq "cvode-hhmod-neuron-steps" "$(paste -d, hh910.csv "$G/cvode_hh910.csv" |
    awk -F, 'NR > 1 && NR <= 61 { dt = $1 - $3; dv = $2 - $4
        if (dt > 1e-6 || dt < -1e-6 || dv > 1e-4 || dv < -1e-4) { print NR ": " $0; exit } }
        END { if (NR < 61) print "only " NR " rows" }')" ""

# ---- NEURON's numbers where matsol needs df/dx (tests/golden/nmodl_cvode.py): NEURON's
# first 18 steps bit for bit (t and v; b differs in its last bit from step 15), then step
# for step through the first 100 (to the spike: t within 2e-6 ms, v 1e-4 mV, states 1e-6:
# the sequences part by 1e-13 ms at step 19, an increase of h, and drift to 6e-7 ms by step
# 100; HACKING, the variable step, says why they cannot stay together), the step count near
# NEURON's (586)
nrn-build mod -o nl.so "$N/cvode/cvnl.mod" 2> err || fail build-cvnl "$(cat err)"
cat > nl.tcl <<'TCL'
load_mechanisms ./nl.so
section soma -L 20 -diam 20
insert hh soma
insert cvnl soma
IClamp ic soma(0.5) -del 2 -dur 20 -amp 0.15
cvode -active 1 -atol 1e-5
record t
record soma(0.5).v
record soma(0.5).a_cvnl
record soma(0.5).b_cvnl
finitialize -65
continuerun 30
TCL
nrn-run nl.tcl > nl.csv 2> err
check_eq "cvode-nonlinear-matsol-neuron-steps-exact" "$(paste -d, nl.csv "$G/nmodl_cvode.csv" |
    awk -F, 'NR > 1 && NR <= 19 && ($1 + 0 != $5 + 0 || $2 + 0 != $6 + 0) { print NR ": " $0; exit }')" ""
check_eq "cvode-nonlinear-matsol-neuron-steps" "$(paste -d, nl.csv "$G/nmodl_cvode.csv" |
    awk -F, 'function ab(x) { return x < 0 ? -x : x }
        NR > 1 && NR <= 101 { if (ab($1 - $5) > 2e-6 || ab($2 - $6) > 1e-4 ||
                                  ab($3 - $7) > 1e-6 || ab($4 - $8) > 1e-6) { print NR ": " $0; exit } }
        END { if (NR < 101) print "only " NR " rows" }')" ""
check_eq "cvode-nonlinear-step-count" \
    "$(awk 'END { d = NR - 587; print (d <= 30 && d >= -30) ? "ok" : NR }' nl.csv)" "ok"

# ---- a mechanism whose states no DERIVATIVE block gives: refused, by name
cat > stepped.mod <<'MOD'
NEURON { SUFFIX stepped }
STATE { x }
BREAKPOINT { SOLVE advance }
PROCEDURE advance() { x = x + dt }
MOD
nrn-build mod -o stepped.so stepped.mod 2> err || fail build-stepped "$(cat err)"
printf 'load_mechanisms ./stepped.so\nsection s\ninsert stepped s\ncvode -active 1\nsetval tstop 1\nrun\n' > st.tcl
check_status cvode-refuses-status 1 nrn-run st.tcl
check_grep cvode-refuses-message 'cvode: mechanism stepped has states without CVODE equations' "$TMP/err"
# the fixed step still runs it
printf 'load_mechanisms ./stepped.so\nsection s\ninsert stepped s\nsetval tstop 1\nrun\nputs [getval s(0.5).x_stepped]\n' > st2.tcl
check_eq fixed-step-runs-it "$(nrn-run st2.tcl 2>&1)" "1.0000000000000004"
