# The hh_soma model (soma 10x10, hh, IClamp del 2 dur 0.1 amp 1) with usetable_hh = 0: exact hh rate functions, no tables.
# Run: /usr/bin/python3 usetable0.py > usetable0.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 10
soma.insert("hh")
h.usetable_hh = 0
ic = h.IClamp(soma(0.5)); ic.delay = 2; ic.dur = 0.1; ic.amp = 1
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
m = h.Vector().record(soma(0.5)._ref_m_hh)
h.finitialize(-65)
h.continuerun(10)
print("t,soma(0.5).v,soma(0.5).m_hh")
for a, b, c in zip(t, v, m):
    print(f"{a!r},{b!r},{c!r}")
