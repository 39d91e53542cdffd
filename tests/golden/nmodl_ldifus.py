# LONGITUDINAL_DIFFUSION: NEURON's cadif.mod and nadifl.mod (tests/nmodl/ldifus) with cachan.mod
# (tests/nmodl/ion) compiled by NEURON's nrnivmodl and run in NEURON 8.2.2 on the branched cell of
# tests/nmodl/ldifus/ldifus.tcl (read that file for the model), 100 ms (nmodl_ldifus_cvode.py:
# the same under CVODE).
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ldifus.py > nmodl_ldifus.csv
from _nmodl_common import load_test_mechanisms, run_print
from neuron import h

def run(cvode=False):
    """The cell, run to 100 ms, printed as CSV; cvode: under CVODE (atol 1e-5, rtol 0), a row
    per step."""
    load_test_mechanisms("../nmodl/ion")
    load_test_mechanisms("../nmodl/ldifus")
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma"); soma.L = soma.diam = 20
    dend = h.Section(name="dend"); dend.L = 100; dend.diam = 2; dend.nseg = 5
    dend2 = h.Section(name="dend2"); dend2.L = 40; dend2.diam = 1; dend2.nseg = 3
    dend3 = h.Section(name="dend3"); dend3.L = 30; dend3.diam = 1.5; dend3.nseg = 2
    dend.connect(soma(1))
    dend2.connect(dend(0.5))
    dend3.connect(soma(0))
    soma.insert("hh"); soma.insert("cachan")
    for seg in soma:
        seg.pcabar_cachan = 2e-4
    for s in (dend, dend2, dend3):
        s.insert("pas")
        for seg in s:
            seg.g_pas = 1e-4
            seg.e_pas = -65
    for s in (soma, dend, dend2, dend3):
        s.insert("cadifus"); s.insert("nadifl")
        for seg in s:
            seg.D_nadifl = 50
    h.DCa_cadifus = 20
    ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 60; ic.amp = 0.5
    cols = [("t", h._ref_t), ("soma(0.5).v", soma(0.5)._ref_v), ("dend(0.9).v", dend(0.9)._ref_v),
            ("soma(0.5).cai", soma(0.5)._ref_cai),
            ("soma(0.5).ca3_cadifus", soma(0.5).cadifus._ref_ca[3]),
            ("dend(0.1).cai", dend(0.1)._ref_cai),
            ("dend(0.1).ca0_cadifus", dend(0.1).cadifus._ref_ca[0]),
            ("dend(0.3).cai", dend(0.3)._ref_cai), ("dend2(0.5).cai", dend2(0.5)._ref_cai),
            ("dend3(0.25).cai", dend3(0.25)._ref_cai),
            ("soma(0.5).nai", soma(0.5)._ref_nai), ("dend(0.1).nai", dend(0.1)._ref_nai),
            ("dend(0.5).nai", dend(0.5)._ref_nai), ("dend2(0.5).nai", dend2(0.5)._ref_nai),
            ("dend3(0.75).nai", dend3(0.75)._ref_nai)]
    if cvode:
        cv = h.CVode()
        cv.active(1)
        cv.atol(1e-5)
        cv.rtol(0)
    run_print(cols, 100)

if __name__ == "__main__":
    run()
