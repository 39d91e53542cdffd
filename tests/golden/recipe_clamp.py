# Reference for recipes/clamp.tcl: voltage-clamp protocols on three hh somas (L 10, diam 10).
# a: SEClamp se (rs 0.01) holding -65 for 1 ms, step to -10 for 5 ms, back to -65 for 4 ms.
# b: VClamp vc, the same steps (dur[0..2] 1/5/4, amp[0..2] -65/-10/-65), default amplifier.
# c: SEClamp ramp (rs 0.01, dur1 10) whose amp1 follows Vector.play(.., tvec, 1) through
#    (0, -65) (2, -65) (7, -20) (9, -65). finitialize(-65), continuerun(10): 401 rows.
# Run: /usr/bin/python3 recipe_clamp.py > recipe_clamp.csv
from neuron import h
h.load_file("stdrun.hoc")
secs = {}
for name in ("a", "b", "c"):
    s = h.Section(name=name); s.L = 10; s.diam = 10; s.insert("hh"); secs[name] = s
se = h.SEClamp(secs["a"](0.5)); se.rs = 0.01
se.dur1 = 1; se.amp1 = -65; se.dur2 = 5; se.amp2 = -10; se.dur3 = 4; se.amp3 = -65
vc = h.VClamp(secs["b"](0.5))
for k, (d, a) in enumerate(((1, -65), (5, -10), (4, -65))):
    vc.dur[k] = d; vc.amp[k] = a
ramp = h.SEClamp(secs["c"](0.5)); ramp.rs = 0.01; ramp.dur1 = 10
ramp_t = h.Vector([0, 2, 7, 9]); ramp_v = h.Vector([-65, -65, -20, -65])
ramp_v.play(ramp._ref_amp1, ramp_t, 1)
t = h.Vector().record(h._ref_t)
recs = [("a(0.5).v", secs["a"](0.5)._ref_v), ("se.i", se._ref_i),
        ("b(0.5).v", secs["b"](0.5)._ref_v), ("vc.i", vc._ref_i),
        ("c(0.5).v", secs["c"](0.5)._ref_v), ("ramp.i", ramp._ref_i)]
vecs = [h.Vector().record(r) for _, r in recs]
h.finitialize(-65)
h.continuerun(10)
print("t," + ",".join(n for n, _ in recs))
for k in range(len(t)):
    print(",".join(repr(x) for x in [t[k]] + [v[k] for v in vecs]))
