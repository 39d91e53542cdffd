# Exp2Syn on a passive soma: soma L 20 diam 20, pas g 1e-4 e -65 (Ra 35.4); Exp2Syn syn at soma(0.5)
# tau1 0.5 tau2 3 e 0; NetStim ns start 2 interval 5 number 4 noise 0; NetCon ns->syn delay 0.5 weight 0.002.
# Shows the A/B states, the normalizing factor and event arrival. 25 ms. Run: /usr/bin/python3 exp2syn.py > exp2syn.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 20; soma.diam = 20
soma.insert("pas"); soma.g_pas = 1e-4; soma.e_pas = -65
syn = h.Exp2Syn(soma(0.5)); syn.tau1 = 0.5; syn.tau2 = 3; syn.e = 0
ns = h.NetStim(); ns.start = 2; ns.interval = 5; ns.number = 4; ns.noise = 0
nc = h.NetCon(ns, syn); nc.delay = 0.5; nc.weight[0] = 0.002
spk = h.Vector(); nc.record(spk)
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("syn.g", syn._ref_g), ("syn.i", syn._ref_i),
        ("syn.A", syn._ref_A), ("syn.B", syn._ref_B)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(25)
print("# spikes nc: " + " ".join(repr(x) for x in spk))
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
