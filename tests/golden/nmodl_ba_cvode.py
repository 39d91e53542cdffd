# tests/nmodl/lang/bacheck.mod's BEFORE/AFTER blocks (BEFORE/AFTER INITIAL, BEFORE
# BREAKPOINT, AFTER SOLVE, BEFORE STEP) in an hh soma under a current step: when each
# runs, as NEURON 8.2.2 runs them under CVODE (cvode_active(1), atol 1e-5, rtol 0: AFTER SOLVE
# at the end of every f, BEFORE STEP before the records of each step). 5 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_ba_cvode.py > nmodl_ba_cvode.csv
from _nmodl_common import load_test_mechanisms
from neuron import h
load_test_mechanisms("../nmodl/lang")
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
soma.insert("hh"); soma.insert("bacheck")
ic = h.IClamp(soma(0.5)); ic.delay = 1; ic.dur = 2; ic.amp = 0.3
s = soma(0.5)
refs = [h._ref_t, s._ref_v, s._ref_vbb_bacheck, s._ref_tbb_bacheck, s._ref_vas_bacheck,
        s._ref_nstep_bacheck, s._ref_ini_bacheck]
recs = [h.Vector().record(r) for r in refs]
cv = h.CVode()
cv.active(1)
cv.atol(1e-5)
cv.rtol(0)
h.tstop = 5
h.run()
print("t,soma(0.5).v,soma(0.5).vbb_bacheck,soma(0.5).tbb_bacheck,soma(0.5).vas_bacheck,"
      "soma(0.5).nstep_bacheck,soma(0.5).ini_bacheck")
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
