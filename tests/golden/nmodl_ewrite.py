# A mechanism that WRITEs ena (tests/nmodl/ion/ewrite.mod: READ nai WRITE ena, ina) compiled by
# NEURON's nrnivmodl and run in NEURON: a written reversal potential is the mechanism's own,
# copied to the ion after init and cur, never recomputed by Nernst. Soma 20x20 with hh and
# ewrite, IClamp 5/60/0.3; 100 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ewrite.py > nmodl_ewrite.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "ewrite"), {}, ["ena", "ina", "m_hh"])
