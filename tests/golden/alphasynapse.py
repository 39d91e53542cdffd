# AlphaSynapse on an hh soma: soma L 20 diam 20 hh (Ra 35.4); AlphaSynapse syn at soma(0.5) onset 1 tau 0.5
# gmax 0.01 e 0 (its g is not a RANGE variable, so only syn.i is recorded); APCount apc at soma(0.5)
# thresh -20 recording into a vector (apc.record; times are grid times, no 1e-10 offset).
# 15 ms. Run: /usr/bin/python3 alphasynapse.py > alphasynapse.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 20; soma.diam = 20; soma.insert("hh")
syn = h.AlphaSynapse(soma(0.5)); syn.onset = 1; syn.tau = 0.5; syn.gmax = 0.01; syn.e = 0
apc = h.APCount(soma(0.5)); apc.thresh = -20
spk = h.Vector(); apc.record(spk)
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("syn.i", syn._ref_i)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(15)
print("# spikes apc: " + " ".join(repr(x) for x in spk))
print(f"# apc.n {apc.n!r}")
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
