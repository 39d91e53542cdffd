# tests/nmodl/lang/bkcount.mod (a BREAKPOINT without currents) as nmodl_bkcount.py, under
# CVODE (atol 1e-5, rtol 0): NEURON 8.2.2 runs its nrn_state once before each step, with the
# v at the step's start. Needs neuron-dev (nrnivmodl).
# Run: /usr/bin/python3 nmodl_bkcount_cvode.py > nmodl_bkcount_cvode.csv
from _nmodl_common import run_bkcount
run_bkcount(cvode=True)
