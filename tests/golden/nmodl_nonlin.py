# NEURON's nonlin.mod (tests/nmodl/nrn/nonlinmod.mod, ARTIFICIAL_CELL NonLinTest: INITIAL solves
# x + y*z = a + b*c, y + z*x = b + c*a, z + x*y = c + a*b by newton) compiled by NEURON 8.2.2's
# nrnivmodl: x, y, z after finitialize from x0 0.5, y0 0.3, z0 0.1 with a 1.2, b 0.7, c 2.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_nonlin.py > nmodl_nonlin.txt
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms()
c = h.NonLinTest()
c.x0, c.a, c.y0, c.b, c.z0, c.c = 0.5, 1.2, 0.3, 0.7, 0.1, 2.0
h.finitialize(-65)
print(repr(c.x), repr(c.y), repr(c.z))
