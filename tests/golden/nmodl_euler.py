# hh.mod solved by METHOD euler (tests/nmodl/nrn/hheumod.mod, SUFFIX hheu) compiled by NEURON's
# nrnivmodl and run in NEURON: the reference of the translator's euler. Soma 20x20 with pas and
# hheu, IClamp 5/20/0.3; 50 ms (_nmodl_common.run_soma).
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_euler.py > nmodl_euler.csv
from _nmodl_common import load_test_mechanisms, run_soma
load_test_mechanisms()
run_soma("hheu")
