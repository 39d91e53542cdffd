# Reference for recipes/ring.tcl (N = 5), NEURON's ring tutorial ("Ball and stick 2/3"): N
# ball-and-stick cells, each soma L = diam = 12.6157 hh, dend L 200 diam 1 nseg 5 pas (g 0.001,
# e -65) at soma(1), Ra 100, cm 1, an ExpSyn (tau 2) at dend(0.5). soma(0.5).v of cell i drives the
# synapse of cell (i+1)%N (threshold 10, delay 5, weight 0.01); a NetStim (number 1, start 9) drives
# cell 0 (delay 1, weight 0.01). finitialize(-65), continuerun(100).
# Output: "# spike SOURCE T" per spike (time order), then t and every soma(0.5).v (4001 rows).
# Run: /usr/bin/python3 recipe_ring.py > recipe_ring.csv
from neuron import h
h.load_file("stdrun.hoc")
N = 5
cells = []
for i in range(N):
    soma = h.Section(name=f"cell{i}.soma"); soma.L = soma.diam = 12.6157
    dend = h.Section(name=f"cell{i}.dend"); dend.L = 200; dend.diam = 1; dend.nseg = 5
    dend.connect(soma(1))
    for s in (soma, dend): s.Ra = 100; s.cm = 1
    soma.insert("hh")
    for seg in soma:
        seg.hh.gnabar = 0.12; seg.hh.gkbar = 0.036; seg.hh.gl = 0.0003; seg.hh.el = -54.3
    dend.insert("pas")
    for seg in dend:
        seg.pas.g = 0.001; seg.pas.e = -65
    syn = h.ExpSyn(dend(0.5)); syn.tau = 2
    cells.append((soma, dend, syn))
ncs, vecs = [], []
for i in range(N):
    src, tgt = cells[i][0], cells[(i + 1) % N][2]
    nc = h.NetCon(src(0.5)._ref_v, tgt, sec=src); nc.weight[0] = 0.01; nc.delay = 5
    vec = h.Vector(); nc.record(vec)
    ncs.append(nc); vecs.append((f"cell{i}.soma(0.5).v", vec))
stim = h.NetStim(); stim.number = 1; stim.start = 9
ncstim = h.NetCon(stim, cells[0][2]); ncstim.delay = 1; ncstim.weight[0] = 0.01
sv = h.Vector(); ncstim.record(sv); vecs.append(("stim", sv))
t = h.Vector().record(h._ref_t)
vs = [h.Vector().record(c[0](0.5)._ref_v) for c in cells]
h.finitialize(-65)
h.continuerun(100)
for x, src in sorted((x, src) for src, vec in vecs for x in vec):
    print(f"# spike {src} {x!r}")
print("t," + ",".join(f"cell{i}.soma(0.5).v" for i in range(N)))
for k in range(len(t)):
    print(",".join(repr(x) for x in [t[k]] + [v[k] for v in vs]))
