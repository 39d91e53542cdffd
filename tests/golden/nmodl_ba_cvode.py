# tests/nmodl/lang/bacheck.mod's BEFORE/AFTER blocks (BEFORE/AFTER INITIAL, BEFORE
# BREAKPOINT, AFTER SOLVE, BEFORE STEP) in an hh soma under a current step: when each
# runs, as NEURON 8.2.2 runs them under CVODE (cvode_active(1), atol 1e-5, rtol 0: AFTER SOLVE
# at the end of every f, BEFORE STEP before the records of each step). 5 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ba_cvode.py > nmodl_ba_cvode.csv
from _nmodl_common import run_ba
run_ba(cvode=True)
