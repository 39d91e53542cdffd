# NEURON's ring tutorial network (recipes/ring.tcl) in NEURON, shared by recipe_ring.py and
# cvode_ring_local.py, its cell by ring_parallel.py (not a golden itself): N ball-and-stick
# cells, cell i's soma drives cell (i+1)%N's ExpSyn (threshold 10, delay 5, weight 0.01), a NetStim (number 1, start 9)
# drives cell 0 (delay 1, weight 0.01).
from neuron import h

h.load_file("stdrun.hoc")


def ball_and_stick(i):
    """The tutorial's BallAndStick cell i: (soma, dend, syn)."""
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
    return soma, dend, syn


def build(N):
    """(cells, ncs, vecs, keep): vecs the (source name, spike Vector) of every source."""
    cells = [ball_and_stick(i) for i in range(N)]
    ncs, vecs = [], []
    for i in range(N):
        src, tgt = cells[i][0], cells[(i + 1) % N][2]
        nc = h.NetCon(src(0.5)._ref_v, tgt, sec=src); nc.weight[0] = 0.01; nc.delay = 5
        vec = h.Vector(); nc.record(vec)
        ncs.append(nc); vecs.append((f"cell{i}.soma(0.5).v", vec))
    stim = h.NetStim(); stim.number = 1; stim.start = 9
    ncstim = h.NetCon(stim, cells[0][2]); ncstim.delay = 1; ncstim.weight[0] = 0.01
    sv = h.Vector(); ncstim.record(sv); vecs.append(("stim", sv))
    return cells, ncs, vecs, (stim, ncstim)
