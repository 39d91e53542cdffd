# Vector.play into SEClamp.amp1: soma L 10 diam 10 pas g 1e-3 e -65 (Ra 35.4); SEClamp se at soma(0.5)
# dur1 100 rs 0.01; vamp = [-65, -40, -40, -80, -65] played at vt = [0, 2, 4, 6, 8] with
# vamp.play(se._ref_amp1, vt, 1) (continuous=1: amp1 is linearly interpolated between the points). 10 ms.
# Run: /usr/bin/python3 play_seclamp.py > play_seclamp.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 10; soma.diam = 10
soma.insert("pas"); soma.g_pas = 1e-3; soma.e_pas = -65
se = h.SEClamp(soma(0.5)); se.dur1 = 100; se.rs = 0.01
vamp = h.Vector([-65, -40, -40, -80, -65]); vt = h.Vector([0, 2, 4, 6, 8])
vamp.play(se._ref_amp1, vt, 1)
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("se.i", se._ref_i), ("se.amp1", se._ref_amp1)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(10)
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
