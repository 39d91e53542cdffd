# NEURON's cagkftab.mod (tests/nmodl/corpus: 2-D FUNCTION_TABLEs alp, bet of v and log(cai))
# with hh in a soma under a current step, the tables given with table_alp_cagkftab: the
# reference of tests/nmodl/corpus/ftab.tcl (read it for the model). 50 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ftab.py > nmodl_ftab.csv
import math
from _nmodl_common import load_test_mechanisms
from neuron import h
load_test_mechanisms("../nmodl/corpus")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
soma.insert("hh"); soma.insert("cagkftab")
ic = h.IClamp(soma(0.5)); ic.delay = 2; ic.dur = 30; ic.amp = 0.2
alp, bet = [], []
for i in range(16):
    v = -100 + 10*i
    for j in range(5):
        alp.append(0.05*math.exp(0.04*v)*(1 + 0.5*j))
        bet.append(0.2*math.exp(-0.03*v))
valp, vbet = h.Vector(alp), h.Vector(bet)
lnca = h.Vector([-12, -10, -8, -6, -4])
h.table_alp_cagkftab(valp._ref_x[0], 16, -100, 50, 5, lnca._ref_x[0])
h.table_bet_cagkftab(vbet._ref_x[0], 16, -100, 50, 5, lnca._ref_x[0])
h.table_tst_cagkftab(1)
recs = [h.Vector().record(r) for r in (h._ref_t, soma(0.5)._ref_v, soma(0.5)._ref_o_cagkftab,
                                       soma(0.5)._ref_ik)]
h.tstop = 50
h.run()
print("t,soma(0.5).v,soma(0.5).o_cagkftab,soma(0.5).ik")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
