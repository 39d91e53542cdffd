# lag.tcl: NEURON's vlag.mod (LAG v BY dur) on an hh soma under a current step, lags of
# 1 ms and 0.33 ms: the model of tests/golden/nmodl_lag.py.
load_mechanisms $lib
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -del 2 -dur 10 -amp 0.3
LagV la soma(0.5) -dur 1
LagV lb soma(0.5) -dur 0.33
record t
record soma(0.5).v
record la.vl
record lb.vl
setval tstop 20
run
