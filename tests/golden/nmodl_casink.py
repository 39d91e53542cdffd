# A point process that WRITEs cai (tests/nmodl/ion/casink.mod) beside cachan.mod, compiled by
# NEURON's nrnivmodl and run in NEURON: NEURON calls types that write a concentration right
# after the ions, before hh and IClamp, which fixes the order of the currents into the node.
# Soma 20x20, nseg 3, with hh and cachan; CaSink at 0.5; IClamp 5/60/0.3 at 0.5; 50 ms. The
# first line: the ca style NEURON reports for the section (that of its first segment).
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_casink.py > nmodl_casink.csv
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms("../nmodl/ion")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20; soma.nseg = 3
soma.insert("hh"); soma.insert("cachan")
cs = h.CaSink(soma(0.5))
ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 60; ic.amp = 0.3
refs = [h._ref_t, soma(0.5)._ref_v, soma(0.5)._ref_cai, soma(0.5)._ref_eca, soma(0.1)._ref_eca,
        cs._ref_i]
recs = [h.Vector().record(r) for r in refs]
h.tstop = 50
h.run()
print("# style " + str(int(h.ion_style("ca_ion", sec=soma))))
print("t,soma(0.5).v,soma(0.5).cai,soma(0.5).eca,soma(0.1).eca,cs.i")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
