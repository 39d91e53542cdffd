# The hh_soma model (soma 10x10, hh) at celsius = 20, IClamp del 2 dur 0.5 amp 0.5: hh rate tables at another temperature.
# Run: /usr/bin/python3 celsius20.py > celsius20.csv
from neuron import h
h.load_file("stdrun.hoc")
h.celsius = 20
soma = h.Section(name="soma")
soma.L = soma.diam = 10
soma.insert("hh")
ic = h.IClamp(soma(0.5)); ic.delay = 2; ic.dur = 0.5; ic.amp = 0.5
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("soma(0.5).m_hh", soma(0.5)._ref_m_hh),
        ("soma(0.5).h_hh", soma(0.5)._ref_h_hh), ("soma(0.5).n_hh", soma(0.5)._ref_n_hh)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(10)
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
