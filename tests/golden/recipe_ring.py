# Reference for recipes/ring.tcl (N = 5), NEURON's ring tutorial ("Ball and stick 2/3"): N
# ball-and-stick cells, each soma L = diam = 12.6157 hh, dend L 200 diam 1 nseg 5 pas (g 0.001,
# e -65) at soma(1), Ra 100, cm 1, an ExpSyn (tau 2) at dend(0.5). soma(0.5).v of cell i drives the
# synapse of cell (i+1)%N (threshold 10, delay 5, weight 0.01); a NetStim (number 1, start 9) drives
# cell 0 (delay 1, weight 0.01). finitialize(-65), continuerun(100).
# Output: "# spike SOURCE T" per spike (time order), then t and every soma(0.5).v (4001 rows).
# Run: /usr/bin/python3 recipe_ring.py > recipe_ring.csv
from neuron import h
from _ring_common import build

N = 5
cells, ncs, vecs, keep = build(N)
t = h.Vector().record(h._ref_t)
vs = [h.Vector().record(c[0](0.5)._ref_v) for c in cells]
h.finitialize(-65)
h.continuerun(100)
for x, src in sorted((x, src) for src, vec in vecs for x in vec):
    print(f"# spike {src} {x!r}")
print("t," + ",".join(f"cell{i}.soma(0.5).v" for i in range(N)))
for k in range(len(t)):
    print(",".join(repr(x) for x in [t[k]] + [v[k] for v in vs]))
