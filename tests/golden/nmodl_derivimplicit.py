# hh.mod solved by METHOD derivimplicit (tests/nmodl/nrn/hhdimod.mod, SUFFIX hhdi) compiled by
# NEURON's nrnivmodl and run in NEURON: the reference of the translator's derivimplicit (Newton on
# backward Euler). Soma 20x20 with pas and hhdi, IClamp 5/20/0.3; 50 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_derivimplicit.py > nmodl_derivimplicit.csv
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms()
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
soma.insert("pas"); soma.insert("hhdi")
for seg in soma:
    seg.g_pas = 1e-4
    seg.e_pas = -65
ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 20; ic.amp = 0.3
recs = [h.Vector().record(r) for r in (h._ref_t, soma(0.5)._ref_v, soma(0.5)._ref_m_hhdi,
                                       soma(0.5)._ref_n_hhdi)]
h.tstop = 50
h.run()
print("t,soma(0.5).v,soma(0.5).m_hhdi,soma(0.5).n_hhdi")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
