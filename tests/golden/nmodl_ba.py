# tests/nmodl/lang/bacheck.mod's BEFORE/AFTER blocks (BEFORE/AFTER INITIAL, BEFORE
# BREAKPOINT, AFTER SOLVE, BEFORE STEP) in an hh soma under a current step: when each
# runs, as NEURON 8.2.2 runs them. The reference of tests/nmodl/lang/ba.tcl. 5 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ba.py > nmodl_ba.csv
from _nmodl_common import run_ba
run_ba()
