# LONGITUDINAL_DIFFUSION with the mechanism's own calcium current: NEURON's cadifusl.mod
# (tests/nmodl/ldifusl) compiled by NEURON's nrnivmodl and run in NEURON 8.2.2 on the cell of
# tests/nmodl/ldifusl/ldifusl.tcl (read that file for the model), 40 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ldifusl.py > nmodl_ldifusl.csv
from _nmodl_common import load_test_mechanisms, run_print
from neuron import h
load_test_mechanisms("../nmodl/ldifusl")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
dend = h.Section(name="dend"); dend.L = 60; dend.diam = 2; dend.nseg = 4
dend2 = h.Section(name="dend2"); dend2.L = 30; dend2.diam = 1; dend2.nseg = 3
dend.connect(soma(1))
dend2.connect(soma(0))
soma.insert("hh")
for s in (dend, dend2):
    s.insert("pas")
for s in (soma, dend, dend2):
    s.insert("cadifus")
for seg in soma:
    seg.icabar_cadifus = -0.002
h.DFree_cadifus = 10
h.k1buf_cadifus = 100
h.k2buf_cadifus = 0.1
h.Buffer0_cadifus = 0.003
ic = h.IClamp(soma(0.5)); ic.delay = 2; ic.dur = 20; ic.amp = 0.3
run_print([("t", h._ref_t), ("soma(0.5).v", soma(0.5)._ref_v), ("soma(0.5).cai", soma(0.5)._ref_cai),
           ("soma(0.5).ca3_cadifus", soma(0.5).cadifus._ref_ca[3]),
           ("soma(0.5).Buffer0_cadifus", soma(0.5).cadifus._ref_Buffer[0]),
           ("dend(0.125).cai", dend(0.125)._ref_cai),
           ("dend(0.375).ca1_cadifus", dend(0.375).cadifus._ref_ca[1]),
           ("dend2(0.5).cai", dend2(0.5)._ref_cai)], 40)
