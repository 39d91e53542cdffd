# ball.tcl: a soma with two dendrites, a synapse driven by a NetStim, and a script that
# prints: nrn-tui's tests of the tree (folding, point processes, NetCons), the table of
# objects and globals, non-uniform values, output capture and the shape view.
section soma -L 20 -diam 20
section dend1 -L 200 -diam 2 -nseg 5
section dend2 -L 150 -diam 1.5 -nseg 3
connect dend1 soma(1)
connect dend2 soma(1)
insert hh soma
insert pas dend1 dend2
setval dend1(0.1).g_pas 0.002
IClamp ic soma(0.5) -delay 1 -dur 0.5 -amp 0.8
ExpSyn syn dend1(0.9) -tau 2
NetStim ns -start 2 -interval 3 -number 2
NetCon nc ns syn -weight 0.01 -delay 1
record t
record soma(0.5).v
puts stderr "ball.tcl loaded"
