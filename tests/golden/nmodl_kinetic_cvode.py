# The kinetic schemes of nmodl_kinetic.py (MCna, kintest, karr from tests/nmodl/nrn, soma 20x20
# with pas and hh without Na, IClamp 5/20/0.3) under CVODE (cvode_active(1), default
# tolerances) in NEURON 8.2.2: t, v and some states at every step to 30 ms. nocmodl's _ode_spec
# (fluxes, CONSERVE ignored) and _ode_matsol (the sparse solve of I - gamma*J) for KINETIC.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_kinetic_cvode.py > nmodl_kinetic_cvode.csv
from neuron import h
from _nmodl_common import load_test_mechanisms, kinetic_soma
load_test_mechanisms()
seg = kinetic_soma()
h.cvode_active(1)
names = ["v", "N_MCna", "O_kintest", "X_kintest", "Y_kintest"]
recs = [h.Vector().record(h._ref_t)] + [h.Vector().record(getattr(seg, "_ref_" + n)) for n in names]
recs += [h.Vector().record(seg._ref_ca_karr[0]), h.Vector().record(seg._ref_CB_karr[2])]
h.finitialize(-65)
h.continuerun(30)
print(",".join(["t"] + ["soma(0.5)." + n for n in names + ["ca0_karr", "CB2_karr"]]))
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
