# Ion styles set by hand (NEURON's ion_style) on a two-section cell with the ion mechanisms
# of tests/nmodl/ion compiled by NEURON's nrnivmodl: soma 20x20 with hh, cachan, cacum; dend
# 200x2, nseg 3, with pas, cachan (pcabar 5e-4), cacum (depth 50), naacc; cai0_ca_ion 1e-4;
# on dend ion_style("ca_ion", 3, 2, 1, 1, 0) (no cinit: cacum's INITIAL sets cai) and
# ion_style("na_ion", 2, 2, 1, 0, 1) (ena by Nernst at init only, though naacc writes nai);
# IClamp 5/60/0.3 at the soma; 100 ms. The first line: the three styles NEURON reports after
# the run (dend ca, dend na, soma ca).
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ionstyle.py > nmodl_ionstyle.csv
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms("../nmodl/ion")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
dend = h.Section(name="dend"); dend.L = 200; dend.diam = 2; dend.nseg = 3
dend.connect(soma(1), 0)
for m in ("hh", "cachan", "cacum"):
    soma.insert(m)
for m in ("pas", "cachan", "cacum", "naacc"):
    dend.insert(m)
for seg in dend:
    seg.pcabar_cachan = 5e-4; seg.depth_cacum = 50; seg.g_pas = 1e-4; seg.e_pas = -65
h.cai0_ca_ion = 1e-4
h.ion_style("ca_ion", 3, 2, 1, 1, 0, sec=dend)
h.ion_style("na_ion", 2, 2, 1, 0, 1, sec=dend)
ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 60; ic.amp = 0.3
names = ["soma(0.5).v", "dend(0.5).v", "soma(0.5).cai", "dend(0.1).cai", "dend(0.9).eca",
         "dend(0.5).nai", "dend(0.5).ena"]
segs = {"soma": soma, "dend": dend}
refs = [h._ref_t] + [getattr(segs[n[:4]](float(n[5:8])), "_ref_" + n[10:]) for n in names]
recs = [h.Vector().record(r) for r in refs]
h.tstop = 100
h.run()
styles = [h.ion_style("ca_ion", sec=dend), h.ion_style("na_ion", sec=dend),
          h.ion_style("ca_ion", sec=soma)]
print("# styles " + " ".join(str(int(x)) for x in styles))
print(",".join(["t"] + names))
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
