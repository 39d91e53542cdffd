# ptrcells.tcl: written for nrn's tests (tests/cross). Five cells of different shapes (cell
# k: a soma and a chain of k + 1 dendrites), each with a POINTER within the cell: xptr in
# the last dendrite reads the soma's xsrc, and an Xwatch on the soma. The cells do not
# interact, so any split over threads must give the same records.
load_mechanisms $lib
for {set k 0} {$k < 5} {incr k} {
    section p$k.soma -L 20 -diam 20
    insert hh p$k.soma
    insert xsrc p$k.soma
    set last p$k.soma
    for {set j 0} {$j <= $k} {incr j} {
        section p$k.d$j -L 80 -diam 1 -nseg 3
        connect p$k.d$j ${last}(1)
        insert pas p$k.d$j
        set last p$k.d$j
    }
    insert xptr $last
    setval $last.g_xptr [expr {0.002 * ($k + 1)}]
    foreach x {0.1 0.5 0.9} { setpointer ${last}($x).p_xptr p$k.soma(0.5).s_xsrc }
    Xwatch p$k.w p$k.soma(0.5)
    IClamp p$k.ic p$k.soma(0.5) -del 1 -dur 30 -amp [expr {0.2 + 0.05 * $k}]
}
record t
for {set k 0} {$k < 5} {incr k} {
    record p${k}.d${k}(0.5).v
    record p$k.soma(0.5).s_xsrc
    record p$k.w.n
}
setval tstop 40
