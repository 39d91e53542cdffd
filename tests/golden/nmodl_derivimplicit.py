# hh.mod solved by METHOD derivimplicit (tests/nmodl/nrn/hhdimod.mod, SUFFIX hhdi) compiled by
# NEURON's nrnivmodl and run in NEURON: the reference of the translator's derivimplicit (Newton on
# backward Euler). Soma 20x20 with pas and hhdi, IClamp 5/20/0.3; 50 ms (_nmodl_common.run_soma).
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_derivimplicit.py > nmodl_derivimplicit.csv
from _nmodl_common import load_test_mechanisms, run_soma
load_test_mechanisms()
run_soma("hhdi")
