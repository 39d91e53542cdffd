# mixed.tcl: written for nrn's tests (tests/cross). Cells c$k for k in $cells, all of one
# shape (a soma and a dendrite of 5 segments), so that eight consecutive ones form a group
# of interleaved cells, but with mechanisms that differ with k: calcium written in both
# sections (k % 3 == 0), a KINETIC channel and a calcium current without accumulation with
# a FUNCTION_TABLE leak (1), a LINEAR block and an accumulation whose ion style is set by
# ion_style (2); Xwatch on even cells; IClamp amplitude growing with k. Records t and, for
# k in $rec, v at soma(0.5), d(0.3), d(0.7) and d(0.9).
load_mechanisms $lib
set tab {}
for {set i 0} {$i <= 30} {incr i} { lappend tab [expr {1 + 0.5*tanh((-100 + 5*$i + 40)/10.0)}] }
vector create gtab $tab
function_table gt_xftab gtab 31 -100 50
proc cell {k} {
    set c c$k
    section $c.soma -L 20 -diam 20
    section $c.d -L 200 -diam 2 -nseg 5
    connect $c.d $c.soma(1)
    insert hh $c.soma
    insert pas $c.d
    switch [expr {$k % 3}] {
        0 { foreach s {soma d} { insert xcach $c.$s; insert xcacc $c.$s } }
        1 { insert xkin $c.d; insert xcach $c.d; insert xftab $c.soma }
        2 {
            insert xlin $c.d
            insert xcacc $c.soma
            insert xcach $c.soma
            ion_style ca_ion $c.soma 3 1 0 0 1
        }
    }
    if {$k % 2 == 0} { Xwatch $c.w $c.soma(0.5) }
    IClamp $c.ic $c.soma(0.5) -del 1 -dur 30 -amp [expr {0.3 + 0.03*$k}]
}
foreach k $cells { cell $k }
record t
foreach k $rec {
    foreach p {soma(0.5) d(0.3) d(0.7) d(0.9)} { record c$k.$p.v }
}
setval tstop 30
run
