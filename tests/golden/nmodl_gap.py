# Two passive cells joined by a gap junction of two HalfGap point processes whose POINTER
# vgap reads the other cell's v (tests/nmodl/lang/halfgap.mod, setpointer), IClamp in one:
# the reference of tests/nmodl/lang/gap.tcl (POINTERs). 10 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_gap.py > nmodl_gap.csv
from _nmodl_common import load_test_mechanisms
from neuron import h
load_test_mechanisms("../nmodl/lang")
h.load_file("stdrun.hoc")
a = h.Section(name="a"); a.L = a.diam = 20
b = h.Section(name="b"); b.L = b.diam = 20
for s in (a, b):
    s.insert("pas")
ga = h.HalfGap(a(0.5)); ga.g = 0.01
gb = h.HalfGap(b(0.5)); gb.g = 0.01
h.setpointer(b(0.5)._ref_v, "vgap", ga)
h.setpointer(a(0.5)._ref_v, "vgap", gb)
ic = h.IClamp(a(0.5)); ic.delay = 1; ic.dur = 5; ic.amp = 0.1
recs = [h.Vector().record(r) for r in (h._ref_t, a(0.5)._ref_v, b(0.5)._ref_v, ga._ref_i,
                                       gb._ref_i)]
h.tstop = 10
h.run()
print("t,a(0.5).v,b(0.5).v,ga.i,gb.i")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
