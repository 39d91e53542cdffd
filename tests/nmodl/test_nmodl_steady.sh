#!/bin/sh
# test_nmodl_steady.sh: SOLVE of a DERIVATIVE block outside BREAKPOINT (tests/nmodl/steady):
# STEADYSTATE derivimplicit in INITIAL (NEURON's one step of 1e-9 ms, by Newton for a
# derivimplicit block, by the exponential update for a cnexp one), in a PROCEDURE, METHOD
# derivimplicit in a FUNCTION; NEURON 8.2.2's traces bit for bit (tests/golden/nmodl_steady.py),
# with secondorder 2 too; what is still refused. SOLVE proc METHOD cvode_t (tests/nmodl/cvodet);
# METHOD runge refused.
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl/steady"
cd "$TMP" || exit 1

check_status steady-build 0 nrn-build mod -o steady.so "$N"

steady_run() { # NAME SETVALS
    { echo "load_mechanisms ./steady.so"; echo "section soma -L 20 -diam 20"
      for mech in hh ssdi sscn ssproc; do echo "insert $mech soma"; done
      [ -z "$2" ] || echo "setval $2"
      echo "IClamp ic soma(0.5) -delay 5 -dur 60 -amp 0.3"
      echo "record t"; echo "record soma(0.5).v"
      for var in m_ssdi h_ssdi i_ssdi n_sscn w_ssproc q_ssproc; do
          echo "record soma(0.5).$var"; done
      echo "setval tstop 100"; echo "run"; } > "$1.tcl"
    nrn-run "$1.tcl" > "$1.csv" 2> "$1.err"
    check_files "golden-nmodl-$1" "$1.csv" "$ROOT/tests/golden/nmodl_$1.csv"
}
steady_run steady ""
steady_run steady_so2 "secondorder 2"

# ---- still refused, each with its line: another METHOD, a block BREAKPOINT solves by euler
cat > sseu.mod <<'MOD'
NEURON { SUFFIX sseu }
STATE { n }
INITIAL {
    SOLVE states STEADYSTATE cnexp
}
BREAKPOINT {
    SOLVE states METHOD euler
}
DERIVATIVE states {
    n' = 1 - n
}
MOD
nrn-build mod --check sseu.mod > out 2> err
check_grep steady-other-method \
    "^sseu.mod:4:5: SOLVE states STEADYSTATE cnexp in INITIAL: only derivimplicit is supported" err
sed 's/STEADYSTATE cnexp/STEADYSTATE derivimplicit/' sseu.mod > sseu2.mod
nrn-build mod --check sseu2.mod > out 2> err
check_grep steady-euler "^sseu2.mod:4:5: SOLVE states in INITIAL: the block is solved by METHOD euler" err
# STEADYSTATE in BREAKPOINT stays refused
sed -e 's/STEADYSTATE cnexp/METHOD derivimplicit/' -e 's/METHOD euler/STEADYSTATE derivimplicit/' \
    sseu.mod > ssbp.mod
nrn-build mod --check ssbp.mod > out 2> err
check_grep steady-breakpoint "^ssbp.mod:7:5: SOLVE ... STEADYSTATE" err

# ---- SOLVE proc METHOD cvode_t: the fixed step as NEURON (tests/golden/nmodl_cvodet.py);
# under CVODE (NEURON calls it from the current evaluation) refused naming the mechanism
check_status cvodet-build 0 nrn-build mod -o cvodet.so "$ROOT/tests/nmodl/cvodet"
{ echo "load_mechanisms ./cvodet.so"; echo "section soma -L 20 -diam 20"
  echo "insert hh soma"; echo "insert cvt soma"
  echo "IClamp ic soma(0.5) -delay 5 -dur 60 -amp 0.3"
  echo "record t"; echo "record soma(0.5).v"; echo "record soma(0.5).s_cvt"
  echo "record soma(0.5).i_cvt"; echo "setval tstop 100"; echo "run"; } > cvodet.tcl
nrn-run cvodet.tcl > cvodet.csv 2> cvodet.err
check_files golden-nmodl-cvodet cvodet.csv "$ROOT/tests/golden/nmodl_cvodet.csv"
sed 's/^run$/cvode -active 1\nrun/' cvodet.tcl > cvodet_cv.tcl
nrn-run cvodet_cv.tcl > out 2> err
check_grep cvodet-cvode-refused "cvt" err
# without STATEs nothing would stop CVODE from running it wrongly; cvode_t_v: nocmodl refuses
cat > ctnost.mod <<'MOD'
NEURON { SUFFIX ctnost RANGE x }
ASSIGNED { v x }
BREAKPOINT {
    SOLVE p METHOD cvode_t
}
PROCEDURE p() {
    x = v
}
MOD
nrn-build mod --check ctnost.mod > out 2> err
check_grep cvodet-no-states "^ctnost.mod:4:5: SOLVE p METHOD cvode_t in a mechanism without STATEs" err
sed 's/cvode_t$/cvode_t_v/' ctnost.mod > ctv.mod
nrn-build mod --check ctv.mod > out 2> err
check_grep cvodet-v-refused "^ctv.mod:4:5: SOLVE p METHOD cvode_t_v: not supported \(NEURON 8.2.2" err

# ---- METHOD runge: refused, saying why (NEURON's runge changes the model's t)
sed -e 's/METHOD euler/METHOD runge/' -e 's/STEADYSTATE cnexp/METHOD derivimplicit/' sseu.mod > ssrk.mod
nrn-build mod --check ssrk.mod > out 2> err
check_grep runge-refused "^ssrk.mod:7:5: SOLVE states METHOD runge: not supported \(NEURON's runge moves the model's t" err
