# IntFire2 cell f2 (taus 20, taum 10, ib 0.5: below threshold 1, so it does not fire on its own) driven by
# NetStim ns (start 1, interval 3, number 15, noise 0) through a NetCon (delay 1, weight 0.4, added to the
# synaptic current i). f2.m and f2.i are RANGE values updated only when an event arrives (stale between
# events). An empty section 'dummy' exists only so that Vector.record has a section. 60 ms.
# Run: /usr/bin/python3 intfire2_net.py > intfire2_net.csv
from neuron import h
h.load_file("stdrun.hoc")
dummy = h.Section(name="dummy")          # only so that Vector.record has a section
f2 = h.IntFire2(); f2.taus = 20; f2.taum = 10; f2.ib = 0.5
ns = h.NetStim(); ns.start = 1; ns.interval = 3; ns.number = 15; ns.noise = 0
nc = h.NetCon(ns, f2); nc.delay = 1; nc.weight[0] = 0.4
spikes = []
for label, src in (("ns", ns), ("f2", f2)):
    vec = h.Vector(); rec = h.NetCon(src, None); rec.record(vec); spikes.append((label, vec, rec))
cols = [("f2.m", f2._ref_m), ("f2.i", f2._ref_i)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(60)
for label, vec, _ in spikes:
    print(f"# spikes {label}: " + " ".join(repr(x) for x in vec))
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
