# NEURON's own .mod files of tests/nmodl/corpus (hhwatch: WATCH; gsyn: INITIAL inside
# NET_RECEIVE; k2syn: state_discontinuity; fornetcon: FOR_NETCONS; gap: POINTER) on two
# small cells, 100 ms: the reference of tests/nmodl/corpus/corpus.tcl (read that file for
# the model). Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_corpus.py > nmodl_corpus.csv
from _nmodl_common import load_test_mechanisms
from neuron import h
load_test_mechanisms("../nmodl/corpus")
h.load_file("stdrun.hoc")
a = h.Section(name="a"); a.L = a.diam = 20
b = h.Section(name="b"); b.L = b.diam = 20
b.insert("pas")
for seg in b:
    seg.g_pas = 0.0002
hw = h.hhwatch(a(0.5))
ic = h.IClamp(a(0.5)); ic.delay = 2; ic.dur = 1; ic.amp = 0.3
ns = h.NetStim(); ns.start = 5; ns.number = 6; ns.interval = 7
gs = h.GSyn(b(0.5)); gs.tau1 = 0.2; gs.tau2 = 2; gs.Gtau1 = 5; gs.Gtau2 = 8
ks = h.K2Syn(b(0.5)); ks.tau1 = 0.5; ks.tau2 = 4
fn = h.ForNetConTest(b(0.5)); fn.tbegin = 11
n1 = h.NetCon(ns, gs); n1.delay = 1; n1.weight[0] = 0.002
n2 = h.NetCon(ns, ks); n2.delay = 2; n2.weight[0] = 0.001
n3 = h.NetCon(ns, fn); n3.delay = 1; n3.weight[0] = 1
n4 = h.NetCon(ns, fn); n4.delay = 3; n4.weight[0] = 2
ga = h.gap(a(0.5)); ga.r = 200
gb = h.gap(b(0.5)); gb.r = 200
h.setpointer(b(0.5)._ref_v, "vgap", ga)
h.setpointer(a(0.5)._ref_v, "vgap", gb)
refs = [h._ref_t, a(0.5)._ref_v, b(0.5)._ref_v, hw._ref_g, hw._ref_i, gs._ref_g, ks._ref_g,
        ga._ref_i, n3._ref_weight[2], n3._ref_weight[4], n4._ref_weight[3], n1._ref_weight[1]]
recs = [h.Vector().record(r) for r in refs]
h.tstop = 100
h.run()
print("t,a(0.5).v,b(0.5).v,hw.g,hw.i,gs.g,ks.g,ga.i,n3.weight[2],n3.weight[4],n4.weight[3],n1.weight[1]")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
