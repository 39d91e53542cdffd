# LONGITUDINAL_DIFFUSION under CVODE (atol 1e-5, rtol 0; cadif.mod's ca states have their own
# tolerance 1e-6 of it): the cell of nmodl_ldifus.py, a row per step.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ldifus_cvode.py > nmodl_ldifus_cvode.csv
from nmodl_ldifus import run
run(cvode=True)
