# nmodl_naacc.py's model (hh and naacc, which WRITEs nai and nao) under CVODE:
# cvode_active(1), atol 1e-5, rtol 0, a row per step; ena follows the integrator's nai, nao.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_naacc_cvode.py > nmodl_naacc_cvode.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
values = {"depth_naacc": 0.005, "nai0_na_ion": 12}
run_ion_soma(("hh", "naacc"), values, ["nai", "nao", "ena", "ina", "m_hh"], atol=1e-5)
