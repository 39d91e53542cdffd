# hh.tcl: the classic Hodgkin-Huxley soma: a 10 um x 10 um cylinder with hh, a 1 nA pulse
# of 0.1 ms at 2 ms, v recorded every step for 10 ms.
# Run: nrn-run recipes/hh.tcl > hh.csv   (same numbers as NEURON: tests/golden/hh_soma.csv)
section soma -L 10 -diam 10
insert hh soma
IClamp ic soma(0.5) -delay 2 -dur 0.1 -amp 1
record t
record soma(0.5).v
finitialize -65
continuerun 10
