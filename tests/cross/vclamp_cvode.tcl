# vclamp_cvode.tcl: written for nrn's tests (tests/cross). The VClamp of tests/golden/vclamp.py
# under CVODE (NEURON refuses it there; nrn runs it, stopping at each level change): prints
# t, v and the clamp's current at 1, 2, 5, 7, 9, 10 and 12 ms.
section soma -L 10 -diam 10
insert hh soma
VClamp vc soma(0.5)
setval {vc.dur[0]} 2 {vc.amp[0]} -70 {vc.dur[1]} 5 {vc.amp[1]} -10 {vc.dur[2]} 3 {vc.amp[2]} -70
cvode -active 1
finitialize -65
foreach T {1 2 5 7 9 10 12} { continuerun $T; puts "$T [getval soma(0.5).v] [getval vc.i]" }
