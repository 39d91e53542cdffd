# Spec 9.8 event model: hh cell a (IClamp a(0.5) 1/1/0.5) drives ExpSyn syn1 (tau 2, e 0) on pas cell b
# (g 0.0005, e -65) through nc1 (threshold 10, delay 1.3, weight 0.01); NetStim ns (start 0.5, interval 1.7,
# number 3, noise 0) drives ExpSyn syn2 (tau 3, e -80, created second, same node) through nc2 (delay 0.4,
# weight 0.005). a, b: L 20 diam 20, Ra 35.4. 8 ms. Run: /usr/bin/python3 events_spec98.py > events_spec98.csv
from neuron import h
h.load_file("stdrun.hoc")
a = h.Section(name="a"); a.L = 20; a.diam = 20; a.insert("hh")
b = h.Section(name="b"); b.L = 20; b.diam = 20; b.insert("pas"); b.g_pas = 0.0005; b.e_pas = -65
ic = h.IClamp(a(0.5)); ic.delay = 1; ic.dur = 1; ic.amp = 0.5
syn1 = h.ExpSyn(b(0.5)); syn1.tau = 2; syn1.e = 0
syn2 = h.ExpSyn(b(0.5)); syn2.tau = 3; syn2.e = -80
nc1 = h.NetCon(a(0.5)._ref_v, syn1, sec=a); nc1.threshold = 10; nc1.delay = 1.3; nc1.weight[0] = 0.01
ns = h.NetStim(); ns.start = 0.5; ns.interval = 1.7; ns.number = 3; ns.noise = 0
nc2 = h.NetCon(ns, syn2); nc2.delay = 0.4; nc2.weight[0] = 0.005
spk1 = h.Vector(); nc1.record(spk1)
spk2 = h.Vector(); nc2.record(spk2)
cols = [("a(0.5).v", a(0.5)._ref_v), ("b(0.5).v", b(0.5)._ref_v),
        ("syn1.g", syn1._ref_g), ("syn2.g", syn2._ref_g)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(8)
for label, vec in (("nc1", spk1), ("nc2", spk2)):
    print(f"# spikes {label}: " + " ".join(repr(x) for x in vec))
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
