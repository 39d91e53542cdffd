# tests/cvode/net.tcl's network with 50 cells in NEURON (shared by cvode_net50.py and
# cvode_net50_local.py; not a golden itself): ball-and-stick cells, a NetStim driving the
# first ND through ExpSyns, chains of five; every soma's spikes recorded (threshold 10).
from neuron import h

h.load_file("stdrun.hoc")
N, ND = 50, 10


def build():
    """The network: (cells, spikes, keep), spikes[i] the Vector of soma i's spikes."""
    cells, spikes, keep = [], [], []
    for i in range(N):
        soma = h.Section(name="soma%d" % i); dend = h.Section(name="dend%d" % i)
        soma.L = soma.diam = 12.6157; soma.insert("hh")
        dend.L = 200; dend.diam = 1; dend.nseg = 5; dend.insert("pas")
        dend.g_pas = 0.001; dend.e_pas = -65
        for s in (soma, dend): s.Ra = 100; s.cm = 1
        dend.connect(soma(1))
        syn = h.ExpSyn(dend(0.5)); syn.tau = 2; syn.e = 0
        det = h.NetCon(soma(0.5)._ref_v, None, sec=soma); det.threshold = 10
        spk = h.Vector(); det.record(spk)
        cells.append((soma, dend, syn, det)); spikes.append(spk)
    ns = h.NetStim(); ns.start = 5; ns.interval = 10; ns.number = 10; ns.noise = 0
    keep.append(ns)
    for i in range(ND):
        nc = h.NetCon(ns, cells[i][2]); nc.weight[0] = 0.04; nc.delay = 1; keep.append(nc)
    for i in range(4 * ND):
        nc = h.NetCon(cells[i][0](0.5)._ref_v, cells[i + ND][2], sec=cells[i][0])
        nc.threshold = 10; nc.weight[0] = 0.04; nc.delay = 2; keep.append(nc)
    return cells, spikes, keep
