# Three hh cells in a chain: somas s0, s1, s2 (L 20, diam 20, hh), each with a dendrite d0, d1, d2 (L 100,
# diam 1, nseg 3, pas g 0.001 (default) e -65) at soma(1); Ra 35.4. ExpSyn syn0, syn1, syn2 (tau 2, e 0) at
# d0(0.5), d1(0.5), d2(0.5). IClamp at s0(0.5): del 1, dur 1, amp 0.5. NetCons (sources s_k(0.5).v):
# nc01 s0 -> syn1 (delay 2, weight 0.05, threshold 10), nc12 s1 -> syn2 (delay 3.5, weight 0.04,
# threshold 10), nc02 s0 -> syn2 (delay 7, weight 0.02, threshold 0). Sections created in the order
# s0, d0, s1, d1, s2, d2. NEURON quirk pinned here: nc01 and nc02 watch the same variable, so they share
# one threshold detector (PreSyn): the threshold set last (0) applies to both, and nc02.record(vec) replaces
# the vector given to nc01.record, so the `nc01` spike line is empty and `nc02` holds s0's threshold-0 spike.
# 40 ms. Run: /usr/bin/python3 netcon_cells.py > netcon_cells.csv
from neuron import h
h.load_file("stdrun.hoc")
somas, dends, syns = [], [], []
for k in range(3):
    s = h.Section(name=f"s{k}"); s.L = 20; s.diam = 20; s.insert("hh")
    d = h.Section(name=f"d{k}"); d.L = 100; d.diam = 1; d.nseg = 3
    d.insert("pas"); d.e_pas = -65
    d.connect(s(1))
    syn = h.ExpSyn(d(0.5)); syn.tau = 2; syn.e = 0
    somas.append(s); dends.append(d); syns.append(syn)
s0, s1, s2 = somas
ic = h.IClamp(s0(0.5)); ic.delay = 1; ic.dur = 1; ic.amp = 0.5
def netcon(src, target, delay, weight, threshold):
    nc = h.NetCon(src(0.5)._ref_v, target, sec=src)
    nc.delay = delay; nc.weight[0] = weight; nc.threshold = threshold
    return nc
nc01 = netcon(s0, syns[1], 2, 0.05, 10)
nc12 = netcon(s1, syns[2], 3.5, 0.04, 10)
nc02 = netcon(s0, syns[2], 7, 0.02, 0)
spikes = []
for label, nc in (("nc01", nc01), ("nc12", nc12), ("nc02", nc02)):
    vec = h.Vector(); nc.record(vec); spikes.append((label, vec))
cols = [("s0(0.5).v", s0(0.5)._ref_v), ("s1(0.5).v", s1(0.5)._ref_v), ("s2(0.5).v", s2(0.5)._ref_v),
        ("syn2.g", syns[2]._ref_g)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(40)
for label, vec in spikes:
    print(f"# spikes {label}: " + " ".join(repr(x) for x in vec))
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
