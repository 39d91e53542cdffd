# nmodl_watch_cvode.py's model with condition_order 2: each WATCH crossing is interpolated
# inside the step and the integrator goes back to it. The reference of
# tests/nmodl/corpus/watch_cvode.tcl with -condition_order 2.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_watch_cvode2.py > nmodl_watch_cvode2.csv
from _nmodl_common import run_watch_cvode
run_watch_cvode(2)
