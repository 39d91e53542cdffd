# nmodl_cacum.py's model with secondorder 2 (Crank-Nicolson with the ion currents moved to the
# step's midpoint): NEURON's nrn_state halves dt for METHOD derivimplicit and euler when
# secondorder > 0 (cacum.mod is derivimplicit), which the translated code must do too.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_cacum_so2.py > nmodl_cacum_so2.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "cachan", "cacum"),
             {"pcabar_cachan": 2e-4, "depth_cacum": 100, "secondorder": 2},
             ["cai", "ica", "eca", "oca_cachan"])
