# Two unconnected cells created interleaved (aS, bS, aD, bD): two root nodes, node order by root creation.
# aD at aS(1), bD at bS(0); default Ra 35.4, pas defaults (g 0.001, e -70). Run: /usr/bin/python3 two_cells.py > two_cells.csv
from neuron import h
h.load_file("stdrun.hoc")
aS = h.Section(name="aS"); aS.L = 20; aS.diam = 20; aS.insert("hh")
bS = h.Section(name="bS"); bS.L = 15; bS.diam = 15; bS.insert("hh")
aD = h.Section(name="aD"); aD.L = 200; aD.diam = 1; aD.nseg = 5; aD.insert("pas")
bD = h.Section(name="bD"); bD.L = 100; bD.diam = 2; bD.nseg = 3; bD.insert("pas")
aD.connect(aS(1))
bD.connect(bS(0))
icb = h.IClamp(bS(0.5)); icb.delay = 2; icb.dur = 1; icb.amp = 0.4
ica = h.IClamp(aD(1)); ica.delay = 1; ica.dur = 2; ica.amp = 0.2
cols = [("aS(0.5).v", aS(0.5)._ref_v), ("aD(0.9).v", aD(0.9)._ref_v),
        ("bS(0.5).v", bS(0.5)._ref_v), ("bD(0.5).v", bD(0.5)._ref_v)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(10)
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
