# An ion no simulator defines (tests/nmodl/ion: xchan.mod, a leak of ion x through ex with
# USEION x READ ex WRITE ix VALENCE 2, and xacc.mod, WRITE xi by derivimplicit) compiled by
# NEURON's nrnivmodl and run in NEURON: USEION of a new ion makes its type with NEURON's
# defaults, xi is a state and ex follows it by Nernst. Soma 20x20 with hh, xchan and xacc,
# xo0_x_ion 10; IClamp 5/60/0.3; 100 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_xion.py > nmodl_xion.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "xchan", "xacc"), {"xo0_x_ion": 10},
             ["xi", "xo", "ex", "ix"])
