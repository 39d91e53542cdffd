# tests/nmodl/lang/bkcount.mod, a BREAKPOINT without currents, in an hh soma under a current
# step: NEURON 8.2.2 runs such a BREAKPOINT in nrn_state (after the SOLVE, with the step's new
# v), once per step and not at finitialize. The reference of tests/nmodl/lang/bkcount.tcl. 5 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_bkcount.py > nmodl_bkcount.csv
from _nmodl_common import run_bkcount
run_bkcount()
