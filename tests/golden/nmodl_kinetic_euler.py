# A KINETIC block by METHOD euler (tests/nmodl/nrn/kinteumod.mod, kinteu: nocmodl's derivative
# form, CONSERVE ignored, x += dt*f) compiled by NEURON 8.2.2's nrnivmodl and run in NEURON: soma
# 20x20 with pas (g 1e-4, e -65) and kinteu, IClamp 5/20/0.3; 50 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_kinetic_euler.py > nmodl_kinetic_euler.csv
from neuron import h
from _nmodl_common import load_test_mechanisms, run_print
load_test_mechanisms()
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
soma.insert("pas"); soma.insert("kinteu")
seg = soma(0.5)
seg.g_pas = 1e-4
seg.e_pas = -65
ic = h.IClamp(seg); ic.delay = 5; ic.dur = 20; ic.amp = 0.3
run_print([("t", h._ref_t), ("soma(0.5).v", seg._ref_v)] +
          [("soma(0.5).%s_kinteu" % n, getattr(seg, "_ref_%s_kinteu" % n))
           for n in ("C1", "O", "I1", "X", "Y")], 50)
