# recipes/ring.tcl's ring of 3 cells with every NetCon delay 0 (the NetStim's stays 1),
# 60 ms, under NEURON 8.2.2's local variable time step (cvode.use_local_dt(1), atol 1e-3):
# NEURON takes zero delays between cells under the local step. Rows "source,t" per spike
# (by source, then time).
# Run: /usr/bin/python3 cvode_ring0_local.py > cvode_ring0_local.csv
from neuron import h
from _ring_common import build

cells, ncs, vecs, keep = build(3)
for nc in ncs:
    nc.delay = 0
cv = h.CVode()
cv.active(1); cv.use_local_dt(1); cv.atol(1e-3)
h.finitialize(-65)
h.continuerun(60)
print("source,t")
for name, v in vecs:
    for x in v:
        print("%s,%r" % (name, x))
