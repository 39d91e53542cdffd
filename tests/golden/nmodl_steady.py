# SOLVE of a DERIVATIVE block in INITIAL and in a PROCEDURE / FUNCTION (tests/nmodl/steady:
# STEADYSTATE derivimplicit of a derivimplicit block with two states, of a cnexp block, and in
# a PROCEDURE; METHOD derivimplicit in a FUNCTION), compiled by NEURON's nrnivmodl and run in
# NEURON. Soma 20x20 with hh, ssdi, sscn and ssproc, IClamp 5/60/0.3; 100 ms. With an argument
# 2: the same with secondorder 2 (nmodl_steady_so2.csv).
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_steady.py > nmodl_steady.csv
import sys
from _nmodl_common import load_test_mechanisms, run_ion_soma
load_test_mechanisms("../nmodl/steady")
values = {"secondorder": int(sys.argv[1])} if len(sys.argv) > 1 else {}
run_ion_soma(("hh", "ssdi", "sscn", "ssproc"), values,
             ["m_ssdi", "h_ssdi", "i_ssdi", "n_sscn", "w_ssproc", "q_ssproc"])
