# recipes/ring.tcl's ring (N = 5, 100 ms) under NEURON 8.2.2's local variable time step
# (cvode.use_local_dt(1), condition_order 1) at atol 1e-3 and 1e-5, and the truth: the
# global step at atol 1e-8 with interpolated crossings. Rows "SOURCE,t_1e-3,t_1e-5,t_truth"
# per spike (by source then time; the runs give the same spikes per source, the script
# fails otherwise), then "# v" rows: t and cell 2's soma(0.5).v every 1 ms under the local
# step at atol 1e-5 and in the truth (Vector.record(&v, 1)).
# Run: /usr/bin/python3 cvode_ring_local.py > cvode_ring_local.csv
import sys
from neuron import h
from _ring_common import build

N = 5
cells, ncs, vecs, keep = build(N)
cv = h.CVode()
v2 = h.Vector()
v2.record(cells[2][0](0.5)._ref_v, 1.0, sec=cells[2][0])


def run(local, atol, order):
    cv.active(1); cv.use_local_dt(local); cv.atol(atol); cv.condition_order(order)
    h.finitialize(-65)
    h.continuerun(100)
    return [list(v) for _, v in vecs], list(v2)


runs = [run(1, 1e-3, 1), run(1, 1e-5, 1), run(0, 1e-8, 2)]
print("source,local_1e-3,local_1e-5,truth")
for k, (name, _) in enumerate(vecs):
    a, b, c = (r[0][k] for r in runs)
    if not (len(a) == len(b) == len(c)):
        sys.exit("%s: spike counts differ: %d %d %d" % (name, len(a), len(b), len(c)))
    for x, y, z in zip(a, b, c):
        print("%s,%r,%r,%r" % (name, x, y, z))
for k, (x, y) in enumerate(zip(runs[1][1], runs[2][1])):
    print("# v,%r,%r,%r" % (k * 1.0, x, y))
