#!/bin/sh
# test_nmodl_misc.sh: LAG (NEURON's vlag.mod, equal to NEURON 8.2.2 bit for bit; queues
# emptied at finitialize; its checks), on the files of tests/nmodl/misc.
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl/misc"
cd "$TMP" || exit 1
nrn-build mod -o misc.so "$N" 2> err || fail misc-build "$(cat err)"

# ---- LAG v BY dur: lags of 1 ms and 0.33 ms (interpolated), against NEURON
nrn-run -D lib=./misc.so "$N/lag.tcl" > lag.csv 2> err
check_files lag-golden lag.csv "$ROOT/tests/golden/nmodl_lag.csv"
# a second run starts from empty queues (the records hold the last run)
sed 's/^run$/run\nrun/' "$N/lag.tcl" > lag2.tcl
nrn-run -D lib=./misc.so lag2.tcl > lag2.csv 2> err
check_files lag-rerun lag2.csv "$ROOT/tests/golden/nmodl_lag.csv"

# ---- LAG's checks: x a STATE or ASSIGNED, d a PARAMETER or CONSTANT
cat > lagbad.mod <<'MOD'
NEURON { SUFFIX lagbad RANGE d }
PARAMETER { d = 1 }
ASSIGNED { x y }
BREAKPOINT {
    LAG x BY y
}
MOD
nrn-build mod --check lagbad.mod > out 2> err
check_grep lag-by-parameter "^lagbad.mod:5:5: LAG x BY y: 'y' is not a PARAMETER or CONSTANT$" err
sed 's/LAG x BY y/LAG z BY d/' lagbad.mod > lagbad2.mod
nrn-build mod --check lagbad2.mod > out 2> err
check_grep lag-undeclared "^lagbad2.mod:5:5: LAG z: 'z' is not declared$" err
