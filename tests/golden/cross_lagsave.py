# LAG and SaveState: NEURON's vlag.mod (tests/nmodl/misc; LagV, vl = v lagged by dur) with dur
# 0.33 on an hh soma 20x20, IClamp del 5 dur 60 amp 0.5. Saves the state at 7 ms, runs to 7.2
# (prints vl and v), runs on to 30, restores and runs to 7.2 again (prints vl, v and t): v is
# the same, vl is not, as SaveState keeps no LAG history (the lag then reads the history of
# the run to 30). Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 cross_lagsave.py > cross_lagsave.txt
from _nmodl_common import load_test_mechanisms
from neuron import h
load_test_mechanisms("../nmodl/misc")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
soma.insert("hh")
ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 60; ic.amp = 0.5
la = h.LagV(soma(0.5)); la.dur = 0.33
h.finitialize(-65)
h.continuerun(7)
ss = h.SaveState(); ss.save()
h.continuerun(7.2)
print(repr(la.vl), repr(soma(0.5).v))
h.continuerun(30)
ss.restore()
h.continuerun(7.2)
print(repr(la.vl), repr(soma(0.5).v), repr(h.t))
