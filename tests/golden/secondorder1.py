# hh soma 10x10, IClamp del 0.1 dur 5 amp 0.3, secondorder = 1, dt = 0.025: Crank-Nicolson v update.
# finitialize(-65); continuerun(10) gives 401 rows. Run: /usr/bin/python3 secondorder1.py > secondorder1.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 10
soma.insert("hh")
ic = h.IClamp(soma(0.5)); ic.delay = 0.1; ic.dur = 5; ic.amp = 0.3
h.secondorder = 1
h.dt = 0.025
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("soma(0.5).ina", soma(0.5)._ref_ina),
        ("soma(0.5).ik", soma(0.5)._ref_ik), ("soma(0.5).m_hh", soma(0.5)._ref_m_hh)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(10)
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
