# Calcium accumulation (tests/nmodl/ion: NEURON's example cachan.mod, a GHK calcium current
# reading cai and cao, and cacum.mod, WRITE cai by METHOD derivimplicit) compiled by NEURON's
# nrnivmodl and run in NEURON: the reference of ion styles (eca by Nernst at init and every
# step, cai a state) and of concentration writes. Soma 20x20 with hh, cachan (pcabar 2e-4)
# and cacum (depth 100), IClamp 5/60/0.3; 100 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_cacum.py > nmodl_cacum.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "cachan", "cacum"), {"pcabar_cachan": 2e-4, "depth_cacum": 100},
             ["cai", "ica", "eca", "oca_cachan"])
