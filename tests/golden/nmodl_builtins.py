# NEURON's own hh, pas, IClamp and ExpSyn .mod files (renamed copies in tests/nmodl/nrn), compiled
# by NEURON's nrnivmodl and run in NEURON: the reference for the same files translated by
# nrn-build mod (tests/nmodl/test_nmodl_build.sh runs tests/nmodl/builtins.tcl and compares).
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_builtins.py > nmodl_builtins.csv
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms()
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
dend = h.Section(name="dend")
dend.L = 200
dend.diam = 2
dend.nseg = 5
dend.connect(soma(1), 0)
dend.insert("pasmod")
soma.insert("hhmod")
for seg in dend:
    seg.g_pasmod = 0.0002
ic = h.IClampMod(soma(0.5)); ic.delay = 1; ic.dur = 0.5; ic.amp = 0.5
syn = h.ExpSynMod(dend(0.8)); syn.tau = 2
ns = h.NetStim(); ns.start = 3; ns.number = 5; ns.interval = 4
nc = h.NetCon(ns, syn); nc.weight[0] = 0.01; nc.delay = 1
recs = [h.Vector().record(r) for r in (h._ref_t, soma(0.5)._ref_v, dend(0.8)._ref_v,
                                       soma(0.5)._ref_m_hhmod, syn._ref_g, ic._ref_i)]
h.tstop = 30
h.run()
print("t,soma(0.5).v,dend(0.8).v,soma(0.5).m_hhmod,syn.g,ic.i")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
