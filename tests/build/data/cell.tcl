# A ball and stick with hh in the soma, pas in the dendrite, a clamp and a spike source:
# the Tcl input of tests/build (each kind of row of a model CSV comes out of it).
section soma -L 20 -diam 20
section dend -L 200 -diam 2 -nseg 5
connect dend(0) soma(1)
insert hh soma
insert pas dend
setval dend.g_pas 2e-4
IClamp ic soma(0.5) -delay 1 -dur 2 -amp 0.5
NetStim ns
