# nmodl_table.py's model (hh, cachan and NEURON's table.mod, which WRITEs cai from its own
# STATE by an assignment) under CVODE: cvode_active(1), atol 1e-5, rtol 0, a row per step.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_table_cvode.py > nmodl_table_cvode.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "cachan", "table"), {"pcabar_cachan": 2e-4}, ["cai", "ca_table", "eca", "ica"],
             atol=1e-5)
