# Sodium accumulation (tests/nmodl/ion/naacc.mod: READ ina WRITE nai, nao by METHOD cnexp)
# compiled by NEURON's nrnivmodl and run in NEURON: nai and nao are states, so ena follows
# them by Nernst every step and hh's sodium current with it; nai0_na_ion sets where they
# start. Soma 20x20 with hh and naacc (depth 0.005), nai0_na_ion 12; IClamp 5/60/0.3; 100 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_naacc.py > nmodl_naacc.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "naacc"), {"depth_naacc": 0.005, "nai0_na_ion": 12},
             ["nai", "nao", "ena", "ina", "m_hh"])
