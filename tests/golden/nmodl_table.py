# NEURON's documentation example table.mod (tests/nmodl/ion; SUFFIX table: READ cai, ica WRITE
# cai with cai a PARAMETER set from its STATE ca in a DERIVATIVE by METHOD euler, TABLEs,
# DEFINE) with cachan.mod as the calcium current, compiled by NEURON's nrnivmodl and run in
# NEURON. Soma 20x20 with hh, cachan (pcabar 2e-4) and table; IClamp 5/60/0.3; 100 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_table.py > nmodl_table.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "cachan", "table"), {"pcabar_cachan": 2e-4}, ["cai", "ca_table", "eca", "ica"])
