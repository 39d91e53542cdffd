# tests/cvode/net.tcl's network with 50 cells (as cvode_net50.py) under NEURON 8.2.2's local
# variable time step (cvode.use_local_dt(1)) at atol 1e-3 and 1e-5 (condition_order 1, the
# default), and the truth: the global step at atol 1e-8 with interpolated crossings
# (condition_order 2), 100 ms. Rows "somaI(0.5).v,t_local_1e-3,t_local_1e-5,t_truth" by cell
# then time (the three runs give the same spikes per cell; the script fails otherwise); the
# comment lines give each run's steps and f-evaluations (CVode.statistics(), summed over the
# cells under the local step). Run: /usr/bin/python3 cvode_net50_local.py > cvode_net50_local.csv
import os, sys
from neuron import h
from _net50_common import N, build

cells, spikes, keep = build()
cv = h.CVode()


def stats():
    """steps (advance_tn) and f-evaluations from CVode.statistics(), summed over its
    instances (one per cell under the local step; NEURON prints them on stdout)."""
    sys.stdout.flush()
    r, w = os.pipe()
    saved = os.dup(1)
    os.dup2(w, 1)
    cv.statistics()
    sys.stdout.flush()
    os.dup2(saved, 1)
    os.close(w)
    text = os.fdopen(r).read()
    steps = fev = 0
    for line in text.splitlines():
        f = line.split()
        if len(f) > 1 and f[1] == "advance_tn," and f[0].isdigit():
            steps += int(f[0])
        if "function evaluations" in line and f and f[0].isdigit():
            fev += int(f[0])
    return steps, fev


def run(local, atol, order):
    cv.active(1); cv.use_local_dt(local); cv.atol(atol); cv.condition_order(order)
    h.finitialize(-65)
    h.continuerun(100)
    st = stats()
    return [list(s) for s in spikes], st


if __name__ == "__main__":  # (cvode_net50_local_spread.py reuses run and cells)
    runs = [run(1, 1e-3, 1), run(1, 1e-5, 1), run(0, 1e-8, 2)]
    print("# local atol 1e-3: steps %d fevals %d" % runs[0][1])
    print("# local atol 1e-5: steps %d fevals %d" % runs[1][1])
    print("# global atol 1e-8 (truth): steps %d fevals %d" % runs[2][1])
    print("source,local_1e-3,local_1e-5,truth")
    for i in range(N):
        a, b, c = (r[0][i] for r in runs)
        if not (len(a) == len(b) == len(c)):
            sys.exit("cell %d: spike counts differ: %d %d %d" % (i, len(a), len(b), len(c)))
        for x, y, z in zip(a, b, c):
            print("soma%d(0.5).v,%r,%r,%r" % (i, x, y, z))
