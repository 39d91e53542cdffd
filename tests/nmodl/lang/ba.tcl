# ba.tcl: bacheck.mod's BEFORE/AFTER blocks in an hh soma under a current step, the model
# of tests/golden/nmodl_ba.py. 5 ms.
load_mechanisms $lib
section soma -L 20 -diam 20
insert hh soma
insert bacheck soma
IClamp ic soma(0.5) -del 1 -dur 2 -amp 0.3
record t
record soma(0.5).v
record soma(0.5).vbb_bacheck
record soma(0.5).tbb_bacheck
record soma(0.5).vas_bacheck
record soma(0.5).nstep_bacheck
record soma(0.5).ini_bacheck
setval tstop 5
run
