# fadvance under NEURON 8.2.2's local variable time step (cvode.use_local_dt(1), atol 1e-3):
# recipes/ring.tcl's ring of 3 cells, fadvance repeated until t >= 40 ms. Rows "k,t" (t after
# fadvance k, k = 1, 2, ...: NEURON's lvardt fadvance steps the cells with the least t once
# each, or delivers the events due first, and t is the least of the cells' times and of the
# first event's), then "# spike,SOURCE,t" rows (by source, then time).
# Run: /usr/bin/python3 cvode_fadvance_local.py > cvode_fadvance_local.csv
from neuron import h
from _ring_common import build

cells, ncs, vecs, keep = build(3)
cv = h.CVode()
cv.active(1); cv.use_local_dt(1); cv.atol(1e-3)
h.finitialize(-65)
print("k,t")
k = 0
while h.t < 40:
    h.fadvance()
    k += 1
    print("%d,%r" % (k, h.t))
for name, v in vecs:
    for x in v:
        print("# spike,%s,%r" % (name, x))
