# builtins9.tcl: written for nrn's tests (tests/cross). Nine copies of the models of
# tests/golden/exp2syn.py (Exp2Syn driven by a NetStim on a passive soma; cells e0 .. e8)
# and tests/golden/alphasynapse.py (AlphaSynapse on an hh soma; cells a0 .. a8): eight
# of each form a group of interleaved cells, the ninth stands alone. Records t, then
# copies 4 and 8 of each model, the golden's columns in its order; 25 ms.
for {set k 0} {$k < 9} {incr k} {
    section e$k -L 20 -diam 20
    insert pas e$k
    setval e$k.g_pas 1e-4 e$k.e_pas -65
    Exp2Syn e$k.syn e${k}(0.5) -tau1 0.5 -tau2 3 -e 0
    NetStim e$k.ns -start 2 -interval 5 -number 4
    NetCon e$k.nc e$k.ns e$k.syn -delay 0.5 -weight 0.002
    section a$k -L 20 -diam 20
    insert hh a$k
    AlphaSynapse a$k.syn a${k}(0.5) -onset 1 -tau 0.5 -gmax 0.01 -e 0
}
record t
foreach k {4 8} {
    foreach p {(0.5).v .syn.g .syn.i .syn.A .syn.B} { record e$k$p }
}
foreach k {4 8} {
    foreach p {(0.5).v .syn.i} { record a$k$p }
}
setval tstop 25
finitialize -65
continuerun 25
