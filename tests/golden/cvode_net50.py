# tests/cvode/net.tcl's network with 50 cells (bench/neuron/cvode_net.hoc with NCELL = 50)
# under NEURON 8.2.2's global CVODE at atol 1e-3 (condition_order 1, the default), 100 ms:
# every soma's spikes (threshold 10), as rows "somaI(0.5).v,t" ordered by cell then time.
# Run: /usr/bin/python3 cvode_net50.py > cvode_net50.csv
from neuron import h
from _net50_common import N, build

cells, spikes, keep = build()
cv = h.CVode(); cv.active(1); cv.atol(1e-3)
h.finitialize(-65)
h.continuerun(100)
print("source,t")
for i in range(N):
    for x in spikes[i]:
        print("soma%d(0.5).v,%r" % (i, x))
