# A KINETIC scheme that WRITEs cai (tests/nmodl/ion/cabuf.mod: entry, decay and a buffer) with
# hh and cachan (pcabar 2e-4) on nmodl_cacum.py's soma under CVODE: cvode_active(1), atol
# 1e-5, rtol 0, a row per step; cai is the ion's own state, eca follows it.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_cabuf_cvode.py > nmodl_cabuf_cvode.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "cachan", "cabuf"), {"pcabar_cachan": 2e-4}, ["cai", "B_cabuf", "ica", "eca"],
             atol=1e-5)
