# IntFire4 cell f4 (defaults: taue 5, taui1 10, taui2 20, taum 50) excited by NetStim ns1 (start 1,
# interval 2, number 20, noise 0) through a NetCon with weight 0.5, delay 1, and inhibited by NetStim ns2
# (start 10, interval 4, number 5, noise 0) through a NetCon with weight -0.3, delay 1. f4.m, f4.e, f4.i2
# are RANGE values updated only when an event arrives (stale between events). An empty section 'dummy'
# exists only so that Vector.record has a section. 60 ms.
# Run: /usr/bin/python3 intfire4_net.py > intfire4_net.csv
from neuron import h
h.load_file("stdrun.hoc")
dummy = h.Section(name="dummy")          # only so that Vector.record has a section
f4 = h.IntFire4()
ns1 = h.NetStim(); ns1.start = 1; ns1.interval = 2; ns1.number = 20; ns1.noise = 0
ns2 = h.NetStim(); ns2.start = 10; ns2.interval = 4; ns2.number = 5; ns2.noise = 0
nc1 = h.NetCon(ns1, f4); nc1.delay = 1; nc1.weight[0] = 0.5
nc2 = h.NetCon(ns2, f4); nc2.delay = 1; nc2.weight[0] = -0.3
spikes = []
for label, src in (("ns1", ns1), ("ns2", ns2), ("f4", f4)):
    vec = h.Vector(); rec = h.NetCon(src, None); rec.record(vec); spikes.append((label, vec, rec))
cols = [("f4.m", f4._ref_m), ("f4.e", f4._ref_e), ("f4.i2", f4._ref_i2)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(60)
for label, vec, _ in spikes:
    print(f"# spikes {label}: " + " ".join(repr(x) for x in vec))
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
