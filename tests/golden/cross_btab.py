# A TABLE'd GLOBAL computed in BREAKPOINT (tests/cross/btab/xbt.mod): after each step it holds
# the value of the last instance. A pas axon of 41 segments with xbt, an IClamp at 0 (1 ms at
# 0.3 nA from 1 ms); minf_xbt and v at 0.5 at 1.5, 2, 3 and 5 ms. Needs neuron-dev
# (nrnivmodl). Run: /usr/bin/python3 cross_btab.py > cross_btab.txt
from _nmodl_common import load_test_mechanisms
from neuron import h
load_test_mechanisms("../cross/btab")
h.load_file("stdrun.hoc")
ax = h.Section(name="ax"); ax.L = 1000; ax.diam = 1; ax.nseg = 41
ax.insert("pas"); ax.insert("xbt")
ic = h.IClamp(ax(0)); ic.delay = 1; ic.dur = 1; ic.amp = 0.3
h.finitialize(-65)
for T in (1.5, 2, 3, 5):
    h.continuerun(T)
    print(T, repr(h.minf_xbt), repr(ax(0.5).v))
