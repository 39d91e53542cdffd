# The variable step with translated mechanisms: tests/nmodl/cvode/cvnl.mod (states not linear in
# themselves: ode_matsol by nocmodl's symbolic derivative and by its difference quotient) with
# NEURON's hh and IClamp on a soma 20x20 um, IClamp del 2 dur 20 amp 0.15, cvode_active(1),
# atol 1e-5, rtol 0, 30 ms: t, v and the two states at every step.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_cvode.py > nmodl_cvode.csv
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms("../nmodl/cvode")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
soma.insert("cvnl")
ic = h.IClamp(soma(0.5)); ic.delay = 2; ic.dur = 20; ic.amp = 0.15
cv = h.CVode()
cv.active(1)
cv.atol(1e-5)
cv.rtol(0)
recs = [h.Vector().record(r) for r in (h._ref_t, soma(0.5)._ref_v, soma(0.5)._ref_a_cvnl,
                                       soma(0.5)._ref_b_cvnl)]
h.finitialize(-65)
h.continuerun(30)
print("t,soma(0.5).v,soma(0.5).a_cvnl,soma(0.5).b_cvnl")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
