# NEURON's example nacum.mod (tests/nmodl/ion; SUFFIX na: READ ina WRITE nai, nao by METHOD
# euler, its rate through the segment's diam) compiled by NEURON's nrnivmodl and run in NEURON
# on a tapered cable of 3-D points (diam 4 to 1 um over 100 um, nseg 3) with hh and na
# (fhspace 20, k 0.5), nai0_na_ion 12; IClamp 5/60/0.5 at 0.5; 100 ms. The test of NMODL's
# diam (each segment's, from the 3-D points) and of nai, nao as states.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_nacum.py > nmodl_nacum.csv
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms("../nmodl/ion")
h.load_file("stdrun.hoc")
dend = h.Section(name="dend")
h.pt3dadd(0, 0, 0, 4, sec=dend)
h.pt3dadd(100, 0, 0, 1, sec=dend)
dend.nseg = 3
dend.insert("hh"); dend.insert("na")
for seg in dend:
    seg.fhspace_na = 20
    seg.k_na = 0.5
h.nai0_na_ion = 12
ic = h.IClamp(dend(0.5)); ic.delay = 5; ic.dur = 60; ic.amp = 0.5
names = ["dend(0.5).v", "dend(0.1).nai", "dend(0.5).nai", "dend(0.9).nai", "dend(0.9).nao",
         "dend(0.9).ena"]
refs = [h._ref_t] + [getattr(dend(float(n[5:8])), "_ref_" + n[10:]) for n in names]
recs = [h.Vector().record(r) for r in refs]
h.tstop = 100
h.run()
print(",".join(["t"] + names))
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
