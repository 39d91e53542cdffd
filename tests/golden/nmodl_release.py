# NEURON's transmitter release scheme (tests/nmodl/nrn/releasemod.mod, SUFFIX trel: a KINETIC
# block by METHOD sparse with rates computed in it from cai) compiled by NEURON 8.2.2's nrnivmodl:
# soma 20x20 with trel (GLOBALs tauGen 2, al 1e6) and cai 5e-3 mM; t and the four states for 20 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_release.py > nmodl_release.csv
from neuron import h
from _nmodl_common import load_test_mechanisms, run_print
load_test_mechanisms()
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20; soma.insert("trel")
seg = soma(0.5)
h.tauGen_trel = 2
h.al_trel = 1e6
seg.cai = 5e-3
run_print([("t", h._ref_t)] + [("soma(0.5).%s_trel" % n, getattr(seg, "_ref_%s_trel" % n))
                               for n in ("Ves", "B", "Ach", "X")], 20)
