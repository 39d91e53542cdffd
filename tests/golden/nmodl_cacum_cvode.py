# nmodl_cacum.py's model (hh, cachan and cacum, which WRITEs cai by a DERIVATIVE block) under
# CVODE: cvode_active(1), atol 1e-5, rtol 0, a row per step. NEURON's state is the ion's own
# cai, so eca (Nernst) and cachan's current follow the integrator's cai in every evaluation.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_cacum_cvode.py > nmodl_cacum_cvode.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "cachan", "cacum"), {"pcabar_cachan": 2e-4, "depth_cacum": 100},
             ["cai", "ica", "eca", "oca_cachan"], atol=1e-5)
