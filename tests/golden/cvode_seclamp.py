# The SEClamp of seclamp.py under CVODE (cvode_active(1), atol 1e-3, the defaults; the clamp switches at 2,
# 7 and 10 ms): t, v and the clamp's current at every step to 12 ms.
# Run: /usr/bin/python3 cvode_seclamp.py > cvode_seclamp.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 10; soma.diam = 10; soma.insert("hh")
c = h.SEClamp(soma(0.5))
c.dur1 = 2; c.amp1 = -70; c.dur2 = 5; c.amp2 = -10; c.dur3 = 3; c.amp3 = -70; c.rs = 0.1
h.cvode_active(1)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
i = h.Vector().record(c._ref_i)
h.finitialize(-65)
h.continuerun(12)
print("t,soma(0.5).v,se.i")
for a, b, d in zip(t, v, i):
    print(f"{a!r},{b!r},{d!r}")
