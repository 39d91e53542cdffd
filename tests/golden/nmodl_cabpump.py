# Calcium pump and radial diffusion (tests/nmodl/ion/cabpump.mod, NEURON's release demo: a
# KINETIC scheme over ten annuli and a pump, COMPARTMENTs, WRITE cai; its FUNCTION ss() SOLVEs
# the scheme STEADYSTATE sparse) with cachan.mod's GHK calcium current, compiled by NEURON's
# nrnivmodl and run in NEURON. Soma 20x20 with hh, cachan (pcabar 2e-4) and cadifpmp,
# IClamp 5/60/0.3; 100 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_cabpump.py > nmodl_cabpump.csv
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/ion")
run_ion_soma(("hh", "cachan", "cadifpmp"), {"pcabar_cachan": 2e-4},
             ["cai", "ica", "eca", "pump_cadifpmp", "pumpca_cadifpmp", "ica_pmp_cadifpmp"])
