# cell-class.tcl: a cell "class" in Tcl: a proc that builds one ball-and-stick cell whose
# sections are named after a prefix (cell7.soma, cell7.dend), called for many cells.
# One cell gets a current pulse at the far end of its dendrite, enough for a spike at
# its soma, which is recorded.
# Run: nrn-run recipes/cell-class.tcl > cell7.csv       (-D ncells=N for another count)
if {![info exists ncells]} { set ncells 1000 }

# ballstick PREFIX: makes PREFIX.soma (hh) and PREFIX.dend (passive) joined soma(1) to
# dend(0); returns the soma's name.
proc ballstick {prefix} {
    set soma [section $prefix.soma -L 12.6157 -diam 12.6157 -Ra 100 -cm 1]
    set dend [section $prefix.dend -L 200 -diam 1 -nseg 5 -Ra 100 -cm 1]
    connect $dend ${soma}(1)    ;# ${soma}: $soma(1) would be an array element
    insert hh $soma
    insert pas $dend
    setval $soma.gnabar_hh 0.12 $soma.gkbar_hh 0.036 $soma.gl_hh 0.0003 $soma.el_hh -54.3
    setval $dend.g_pas 0.001 $dend.e_pas -65
    return $soma
}

for {set i 0} {$i < $ncells} {incr i} {
    ballstick cell$i
}
puts stderr "built $ncells cells, [llength [sections]] sections"

set target [expr {$ncells > 7 ? 7 : $ncells - 1}]
IClamp stim cell$target.dend(1) -delay 5 -dur 1 -amp 0.3
record t
record cell$target.soma(0.5).v -as soma_v
setval tstop 25
run
