# SOLVE of a PROCEDURE by METHOD cvode_t (tests/nmodl/cvodet/cvt.mod), compiled by NEURON's
# nrnivmodl and run in NEURON with the fixed step: soma 20x20 with hh and cvt, IClamp
# 5/60/0.3; 100 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_cvodet.py > nmodl_cvodet.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/cvodet")
run_ion_soma(("hh", "cvt"), {}, ["s_cvt", "i_cvt"])
