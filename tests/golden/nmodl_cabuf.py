# A KINETIC scheme that WRITEs cai (tests/nmodl/ion/cabuf.mod: entry, decay and a buffer,
# METHOD sparse) with hh and cachan (pcabar 2e-4) on nmodl_cacum.py's soma, fixed step.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_cabuf.py > nmodl_cabuf.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "cachan", "cabuf"), {"pcabar_cachan": 2e-4}, ["cai", "B_cabuf", "ica", "eca"])
