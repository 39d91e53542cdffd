# model.tcl: written for nrn's tests (tests/cross/test_meet_speed.sh): a model that takes one
# of the fused fixed steps when nothing forces the separate passes. $shape axon: one hh cable
# of 101 segments (cable.c's two sweeps); tree: an hh soma with 16 dendrites of 51 segments
# (units_step.c); cells: 19 soma and dendrite cells (blocks_step.c: two blocks of 8 and 3
# cells left over). Every shape has pas, hh, the user mechanisms of $lib (xkd, a TABLE'd
# potassium channel, and Xps, a point process synapse driven by a NetStim), an ExpSyn and an
# IClamp ic ($mix 1: hh in two sections of three, xkd in every other). $force 1 plays ic.amp
# continuously to its own value (the passes, the same numbers). $rec 1 records t, v, states,
# currents (i_cap too) and the ions' currents and concentrations ($rdt: every $rdt ms; $mix 1:
# v, i_cap and i_pas); 40 ms.
set shape [expr {[info exists shape] ? $shape : "axon"}]
set rec [expr {[info exists rec] ? $rec : 1}]
set mix [expr {[info exists mix] ? $mix : 0}]
load_mechanisms $lib
switch $shape {
    axon {
        section ax -L 3000 -diam 1 -nseg 101
        set secs ax
        set at ax(0)
        set syn ax(0.3)
        set probes {ax(0.1) ax(0.5) ax(0.9)}
    }
    tree {
        section soma -L 20 -diam 20
        set secs soma
        for {set k 0} {$k < 16} {incr k} {
            section d$k -L 400 -diam [expr {0.8 + 0.05 * $k}] -nseg 51
            connect d$k soma(1)
            lappend secs d$k
        }
        set at soma(0.5)
        set syn d3(0.4)
        set probes {soma(0.5) d3(0.9) d15(0.5)}
    }
    cells {
        set secs {}
        for {set k 0} {$k < 19} {incr k} {
            section c$k.soma -L 20 -diam 20
            section c$k.dend -L 200 -diam 1 -nseg 5
            connect c$k.dend c$k.soma(1)
            lappend secs c$k.soma c$k.dend
            IClamp icc$k c$k.soma(0.5) -del 2 -dur 30 -amp [expr {0.05 + 0.01 * $k}]
        }
        set at c0.soma(0.5)
        set syn c9.dend(0.5)
        set probes {c0.soma(0.5) c9.dend(0.5) c18.soma(0.5)}
    }
}
set k 0
foreach s $secs {
    if {!$mix || $k % 3 != 2} { insert hh $s }
    insert pas $s
    if {!$mix || $k % 2 == 0} { insert xkd $s }
    setval $s.g_pas 0.0001
    incr k
}
IClamp ic $at -del 5 -dur 1 -amp 0.3
ExpSyn syn $syn -tau 2 -e 0
Xps xps $syn -tau 4
NetStim ns -start 1 -interval 6 -number 6
NetCon nc ns syn -delay 0.5 -weight 0.02
NetCon nc2 ns xps -delay 1 -weight 0.001
if {[info exists force] && $force} {
    vector set aa {0.3 0.3}
    vector set tt {0 100}
    vector play aa ic.amp tt -continuous
}
if {$rec} {
    set o [expr {[info exists rdt] ? [list -dt $rdt] : {}}]
    record t {*}$o
    foreach p $probes {
        set xs [expr {$mix ? {v i_cap i_pas} : {v m_hh n_xkd ina ik nai ki i_cap i_pas}}]
        foreach x $xs { record $p.$x {*}$o }
    }
    record syn.g {*}$o
    record xps.g {*}$o
    record xps.i {*}$o
}
setval tstop 40
