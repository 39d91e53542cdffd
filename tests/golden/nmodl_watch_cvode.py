# WATCH under CVODE: tests/nmodl/corpus/hhwatch.mod (NEURON's test point process: WATCH
# (v > -55), (v > 10), (v < -70) switch its conductance) on a soma 20x20 with an IClamp 2/1/0.3,
# cvode_active(1), atol 1e-5, rtol 0, condition_order 1 (each condition checked at a step's
# end), 20 ms, a row per step. The reference of tests/nmodl/corpus/watch_cvode.tcl.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_watch_cvode.py > nmodl_watch_cvode.csv
from _nmodl_common import run_watch_cvode
run_watch_cvode(1)
