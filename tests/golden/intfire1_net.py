# IntFire1 network: artificial cells c0 (tau 10, refrac 5) and c1 (tau 5, refrac 2); NetStim ns start 1
# interval 2 number 20 noise 0; NetCon ns->c0 delay 1 weight 0.4; NetCon c0->c1 delay 2 weight 1.5.
# Spike vectors from NetCon(src, None).record(vec). c0.m is IntFire1's RANGE m, which is only updated
# when an event arrives (the recorded value is stale between events). Vector.record needs a
# section to exist, so an empty section 'dummy' (no mechanisms) is created first. 50 ms.
# Run: /usr/bin/python3 intfire1_net.py > intfire1_net.csv
from neuron import h
h.load_file("stdrun.hoc")
dummy = h.Section(name="dummy")          # only so that Vector.record has a section
c0 = h.IntFire1(); c0.tau = 10; c0.refrac = 5
c1 = h.IntFire1(); c1.tau = 5; c1.refrac = 2
ns = h.NetStim(); ns.start = 1; ns.interval = 2; ns.number = 20; ns.noise = 0
nc_in = h.NetCon(ns, c0); nc_in.delay = 1; nc_in.weight[0] = 0.4
nc_01 = h.NetCon(c0, c1); nc_01.delay = 2; nc_01.weight[0] = 1.5
spikes = []
for label, src in (("ns", ns), ("c0", c0), ("c1", c1)):
    vec = h.Vector(); nc = h.NetCon(src, None); nc.record(vec); spikes.append((label, vec, nc))
cols = [("c0.m", c0._ref_m), ("c1.m", c1._ref_m)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(50)
for label, vec, _ in spikes:
    print(f"# spikes {label}: " + " ".join(repr(x) for x in vec))
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
