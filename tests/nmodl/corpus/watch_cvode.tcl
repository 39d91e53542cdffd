# watch_cvode.tcl: hhwatch.mod's WATCH conditions under CVODE (atol 1e-5, rtol 0) on a soma
# 20x20 with an IClamp 2/1/0.3, 20 ms: the model of tests/golden/nmodl_watch_cvode.py.
load_mechanisms $lib
section a -L 20 -diam 20
hhwatch hw a(0.5)
IClamp ic a(0.5) -del 2 -dur 1 -amp 0.3
cvode -active 1 -atol 1e-5 -rtol 0
record t
record a(0.5).v
record hw.g
record hw.i
finitialize -65
continuerun 20
