#!/bin/sh
# test_nmodl_steady.sh: SOLVE of a DERIVATIVE block outside BREAKPOINT (tests/nmodl/steady):
# STEADYSTATE derivimplicit in INITIAL (NEURON's one step of 1e-9 ms, by Newton for a
# derivimplicit block, by the exponential update for a cnexp one), in a PROCEDURE, METHOD
# derivimplicit in a FUNCTION; NEURON 8.2.2's traces bit for bit (tests/golden/nmodl_steady.py),
# with secondorder 2 too; what is still refused.
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

