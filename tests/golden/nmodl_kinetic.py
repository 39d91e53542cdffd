# KINETIC schemes solved by METHOD sparse, compiled by NEURON 8.2.2's nrnivmodl and run in NEURON:
# tests/nmodl/nrn/mcnamod.mod (NEURON's Moore-Cox Na channel, MCna: STEADYSTATE sparse in INITIAL,
# a TABLE), kintestmod.mod (kintest: CONSERVE, COMPARTMENT, 2X <-> Y, << and -> fluxes) and
# kinarraymod.mod (karr: STATE arrays, COMPARTMENT i, reactions in FROM loops). Soma 20x20 with
# pas (g 1e-4, e -65), hh with no Na, MCna, kintest and karr; IClamp 5/20/0.3; 50 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_kinetic.py > nmodl_kinetic.csv
from neuron import h
from _nmodl_common import load_test_mechanisms, kinetic_soma
load_test_mechanisms()
seg = kinetic_soma()
names = ["t", "v", "N_MCna", "O_MCna", "P_MCna", "O_kintest", "I1_kintest", "X_kintest",
         "Y_kintest"]
recs = [h.Vector().record(h._ref_t)] + [h.Vector().record(getattr(seg, "_ref_" + n))
                                        for n in names[1:]]
arrays = [("ca", 0), ("ca", 3), ("B", 1), ("CB", 2)]
recs += [h.Vector().record(getattr(seg, "_ref_%s_karr" % a)[k]) for a, k in arrays]
names += ["%s%d_karr" % (a, k) for a, k in arrays]
h.tstop = 50
h.run()
print(",".join(["t"] + ["soma(0.5)." + n for n in names[1:]]))
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
