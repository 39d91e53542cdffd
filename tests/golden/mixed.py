# hh and pas in the same section (axon, 11 segments) plus a passive soma; IClamp near the axon's 0 end.
# Pins down two density mechanisms summed at one node. Run: /usr/bin/python3 mixed.py > mixed.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 20; soma.diam = 20; soma.nseg = 1
soma.insert("pas")                    # pas defaults: g 0.001, e -70
axon = h.Section(name="axon"); axon.L = 500; axon.diam = 1; axon.nseg = 11; axon.Ra = 100
axon.insert("hh"); axon.insert("pas"); axon.g_pas = 1e-4; axon.e_pas = -65
axon.connect(soma(1))
ic = h.IClamp(axon(0.05)); ic.delay = 0.5; ic.dur = 1; ic.amp = 0.3
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("axon(0.5).v", axon(0.5)._ref_v),
        ("axon(0.95).v", axon(0.95)._ref_v), ("axon(0.5).ina", axon(0.5)._ref_ina),
        ("axon(0.5).i_pas", axon(0.5)._ref_i_pas)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(10)
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
