# WATCH under CVODE: tests/nmodl/corpus/hhwatch.mod (NEURON's test point process: WATCH
# (v > -55), (v > 10), (v < -70) switch its conductance) on a soma 20x20 with an IClamp 2/1/0.3,
# cvode_active(1), atol 1e-5, rtol 0, 20 ms, a row per step: where each condition's event
# falls relative to the steps. The reference of tests/nmodl/corpus/watch_cvode.tcl.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_watch_cvode.py > nmodl_watch_cvode.csv
from _nmodl_common import load_test_mechanisms, run_print
from neuron import h
load_test_mechanisms("../nmodl/corpus")
h.load_file("stdrun.hoc")
a = h.Section(name="a"); a.L = a.diam = 20
hw = h.hhwatch(a(0.5))
ic = h.IClamp(a(0.5)); ic.delay = 2; ic.dur = 1; ic.amp = 0.3
cv = h.CVode()
cv.active(1)
cv.atol(1e-5)
cv.rtol(0)
run_print([("t", h._ref_t), ("a(0.5).v", a(0.5)._ref_v), ("hw.g", hw._ref_g), ("hw.i", hw._ref_i)], 20)
