# SEClamp on an hh soma: soma L 10 diam 10 hh (Ra 35.4); SEClamp se at soma(0.5) dur1 2 amp1 -70,
# dur2 5 amp2 -10, dur3 3 amp3 -70, rs 0.1 (clamp off after t = 10). 12 ms.
# Run: /usr/bin/python3 seclamp.py > seclamp.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 10; soma.diam = 10; soma.insert("hh")
se = h.SEClamp(soma(0.5))
se.dur1 = 2; se.amp1 = -70; se.dur2 = 5; se.amp2 = -10; se.dur3 = 3; se.amp3 = -70; se.rs = 0.1
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("se.i", se._ref_i), ("se.vc", se._ref_vc),
        ("soma(0.5).ina", soma(0.5)._ref_ina)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(12)
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
