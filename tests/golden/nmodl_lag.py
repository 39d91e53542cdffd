# NEURON's vlag.mod (LAG v BY dur in BEFORE STEP) on an hh soma under a current step, with
# lags of 1 ms (a multiple of dt) and 0.33 ms (interpolated), 20 ms: the reference of
# tests/nmodl/misc/lag.tcl. Needs neuron-dev (nrnivmodl).
# Run: /usr/bin/python3 nmodl_lag.py > nmodl_lag.csv
from _nmodl_common import load_test_mechanisms, run_print
from neuron import h
load_test_mechanisms("../nmodl/misc")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
soma.insert("hh")
ic = h.IClamp(soma(0.5)); ic.delay = 2; ic.dur = 10; ic.amp = 0.3
la = h.LagV(soma(0.5)); la.dur = 1
lb = h.LagV(soma(0.5)); lb.dur = 0.33
run_print([("t", h._ref_t), ("soma(0.5).v", soma(0.5)._ref_v), ("la.vl", la._ref_vl),
           ("lb.vl", lb._ref_vl)], 20)
