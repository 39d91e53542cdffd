# Reference for recipes/network.tcl, the scripting course's two-cell network. Each cell: soma L 20
# diam 20 hh, dend L 200 diam 1 nseg 5 pas (g 0.001, e -65) at soma(1), Ra 100. Cell 1 gets an IClamp
# at soma(0.5) (delay 2, dur 1, amp 0.5); a NetCon from cell1.soma(0.5).v (threshold 10, delay 2,
# weight 0.02) drives an ExpSyn (tau 2, e 0) at cell2.dend(0.5); a detector NetCon watches
# cell2.soma(0.5).v. finitialize(-65), continuerun(40).
# Output: "# spike SOURCE T" per spike (time order), then the CSV the recipe writes (1601 rows).
# Run: /usr/bin/python3 recipe_network.py > recipe_network.csv
from neuron import h
h.load_file("stdrun.hoc")
cells = []
for c in ("cell1", "cell2"):
    soma = h.Section(name=c + ".soma"); soma.L = 20; soma.diam = 20; soma.insert("hh")
    dend = h.Section(name=c + ".dend"); dend.L = 200; dend.diam = 1; dend.nseg = 5
    dend.insert("pas"); dend.g_pas = 0.001; dend.e_pas = -65
    dend.connect(soma(1))
    for s in (soma, dend): s.Ra = 100
    cells.append((soma, dend))
ic = h.IClamp(cells[0][0](0.5)); ic.delay = 2; ic.dur = 1; ic.amp = 0.5
syn = h.ExpSyn(cells[1][1](0.5)); syn.tau = 2; syn.e = 0
nc = h.NetCon(cells[0][0](0.5)._ref_v, syn, sec=cells[0][0])
nc.threshold = 10; nc.delay = 2; nc.weight[0] = 0.02
det = h.NetCon(cells[1][0](0.5)._ref_v, None, sec=cells[1][0])
s1 = h.Vector(); nc.record(s1)
s2 = h.Vector(); det.record(s2)
t = h.Vector().record(h._ref_t)
v1 = h.Vector().record(cells[0][0](0.5)._ref_v)
v2 = h.Vector().record(cells[1][0](0.5)._ref_v)
g = h.Vector().record(syn._ref_g)
h.finitialize(-65)
h.continuerun(40)
spikes = sorted([(x, "cell1.soma(0.5).v") for x in s1] + [(x, "cell2.soma(0.5).v") for x in s2])
for x, src in spikes:
    print(f"# spike {src} {x!r}")
print("t,cell1.soma(0.5).v,cell2.soma(0.5).v,syn.g")
for i in range(len(t)):
    print(f"{t[i]!r},{v1[i]!r},{v2[i]!r},{g[i]!r}")
