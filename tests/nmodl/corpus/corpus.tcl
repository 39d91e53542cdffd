# corpus.tcl: NEURON's own .mod files of tests/nmodl/corpus on small cells, the model of
# tests/golden/nmodl_corpus.py: a cell driven by hhwatch (WATCH) and an IClamp; NetStims
# into GSyn (INITIAL inside NET_RECEIVE), K2Syn (state_discontinuity) and ForNetConTest
# (FOR_NETCONS) on a second cell; the two cells joined by gap (POINTER).
load_mechanisms $lib
section a -L 20 -diam 20
section b -L 20 -diam 20
insert pas b
setval b.g_pas 0.0002
hhwatch hw a(0.5)
IClamp ic a(0.5) -del 2 -dur 1 -amp 0.3
NetStim ns -start 5 -number 6 -interval 7
GSyn gs b(0.5) -tau1 0.2 -tau2 2 -Gtau1 5 -Gtau2 8
K2Syn ks b(0.5) -tau1 0.5 -tau2 4
ForNetConTest fn b(0.5) -tbegin 11
NetCon n1 ns gs -delay 1 -weight {0.002 0 0 0 0}
NetCon n2 ns ks -delay 2 -weight 0.001
NetCon n3 ns fn -delay 1 -weight {1 0 0 0 0}
NetCon n4 ns fn -delay 3 -weight {2 0 0 0 0}
gap ga a(0.5) -r 200
gap gb b(0.5) -r 200
setpointer ga.vgap b(0.5).v
setpointer gb.vgap a(0.5).v
record t
record a(0.5).v
record b(0.5).v
record hw.g
record hw.i
record gs.g
record ks.g
record ga.i
record {n3.weight[2]}
record {n3.weight[4]}
record {n4.weight[3]}
record {n1.weight[1]}
setval tstop 100
run
