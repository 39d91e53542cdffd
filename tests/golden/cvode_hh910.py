# CVODE on the hh soma of spec 9.10 (soma 20x20 um, hh; IClamp del 1 dur 0.5 amp 0.5;
# cvode_active(1), atol 1e-3, rtol 0, condition_order 1): t and v at every step to 5 ms.
# Our integrator follows NEURON's step for step into the spike (rows agree to ~1e-9 at first),
# after which rounding differences grow. Run: /usr/bin/python3 cvode_hh910.py > cvode_hh910.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
h.hh.insert(soma)
ic = h.IClamp(soma(0.5)); ic.delay = 1; ic.dur = 0.5; ic.amp = 0.5
h.cvode_active(1)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.finitialize(-65)
h.continuerun(5)
print("t,soma(0.5).v")
for a, b in zip(t, v):
    print(f"{a!r},{b!r}")
