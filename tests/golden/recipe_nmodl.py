# recipes/nmodl.tcl in NEURON 8.2.2: recipes/kdr.mod compiled by nrnivmodl (needs neuron-dev); soma
# 20x20 pas (g 1e-4, e -65) + kdr (gbar 0.02), IClamp 5/20/0.2; t, v, n_kdr, ik for 40 ms.
# Run: /usr/bin/python3 recipe_nmodl.py > recipe_nmodl.csv
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms("../../recipes")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
soma.insert("pas"); soma.insert("kdr")
for seg in soma:
    seg.g_pas = 0.0001
    seg.e_pas = -65
    seg.gbar_kdr = 0.02
ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 20; ic.amp = 0.2
recs = [h.Vector().record(r) for r in (h._ref_t, soma(0.5)._ref_v, soma(0.5)._ref_n_kdr,
                                       soma(0.5)._ref_ik)]
h.tstop = 40
h.run()
print("t,soma(0.5).v,soma(0.5).n_kdr,soma(0.5).ik")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
