# cells.tcl: written for nrn's tests (tests/cross). $N identical branched cells c$k0 ..
# (a soma; eight sections of depth 1 and nseg $nseg, two of them dendrites d1 and d2; a
# pair on d1's end), each with every kind of mechanism of tests/cross: xkin (KINETIC),
# xcach + xcacc (calcium written by a mechanism), xsrc + xptr (a POINTER from d2 to the
# soma's xsrc), Xwatch (WATCH), xftab (FUNCTION_TABLE), xlin (LINEAR; $lin 0 leaves it
# out), hh; $noise 1 adds xnoise (normrand). An IClamp drives each cell, amplitude $amp0
# (+ 0.02 k for cell k when $vary is 1). Records t and, for each cell index in $rec, the
# soma's v, cai and kinetic state O, v in d11, d2 and b4, the Xwatch's g and n.
load_mechanisms $lib
set vary [expr {[info exists vary] ? $vary : 0}]
set noise [expr {[info exists noise] ? $noise : 0}]
set lin [expr {[info exists lin] ? $lin : 1}]
set amp0 [expr {[info exists amp0] ? $amp0 : 0.3}]
set nseg [expr {[info exists nseg] ? $nseg : 3}]
set tab {}
for {set i 0} {$i <= 30} {incr i} { lappend tab [expr {1 + 0.5*tanh((-100 + 5*$i + 40)/10.0)}] }
vector create gtab $tab
function_table gt_xftab gtab 31 -100 50
proc cell {c amp} {
    global nseg noise lin
    section $c.soma -L 20 -diam 20
    section $c.d1 -L 200 -diam 2 -nseg $nseg
    section $c.d2 -L 200 -diam 2 -nseg $nseg
    section $c.d11 -L 100 -diam 1 -nseg 2
    section $c.d12 -L 100 -diam 1 -nseg 2
    connect $c.d1 $c.soma(1)
    connect $c.d2 $c.soma(0)
    connect $c.d11 $c.d1(1)
    connect $c.d12 $c.d1(1)
    # six more sections of depth 1 and nseg $nseg: with d1 and d2, one unit of eight
    # sections interleaved when the cell is in no group of eight cells
    for {set b 0} {$b < 6} {incr b} {
        section $c.b$b -L [expr {50 + 10*$b}] -diam 1.5 -nseg $nseg
        connect $c.b$b $c.soma(0.5)
    }
    insert hh $c.soma
    foreach s {soma d1 d2 d11 d12 b0 b1 b2 b3 b4 b5} {
        insert pas $c.$s
        setval $c.$s.e_pas -65
        setval $c.$s.g_pas 2e-4
        insert xkin $c.$s
        insert xcach $c.$s
        insert xcacc $c.$s
        insert xftab $c.$s
        if {$lin} { insert xlin $c.$s }
        if {$noise} { insert xnoise $c.$s }
    }
    insert xsrc $c.soma
    insert xptr $c.d2
    foreach x {0.1666 0.5 0.8333} { setpointer $c.d2($x).p_xptr $c.soma(0.5).s_xsrc }
    Xwatch $c.w $c.soma(0.5)
    IClamp $c.ic $c.soma(0.5) -del 2 -dur 80 -amp $amp
}
set k0 [expr {[info exists k0] ? $k0 : 0}]
for {set k $k0} {$k < $k0 + $N} {incr k} {
    cell c$k [expr {$vary ? $amp0 + 0.02*$k : $amp0}]
}
record t
foreach k $rec {
    record c$k.soma(0.5).v
    record c$k.soma(0.5).cai
    record c$k.soma(0.5).O_xkin
    record c$k.d11(0.25).v
    record c$k.d2(0.5).v
    record c$k.b4(0.5).v
    record c$k.w.g
    record c$k.w.n
}
setval tstop 60
