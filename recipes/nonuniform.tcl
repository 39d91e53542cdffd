# nonuniform.tcl: a parameter as a function of distance from the soma. A soma with an
# apical dendrite whose hh sodium, potassium and leak densities fall linearly from their
# soma values at the origin of the tree to 0 at its far end; the densities set are printed
# to stderr, soma and dendrite voltages go to the CSV.
# Run: nrn-run recipes/nonuniform.tcl > nonuniform.csv
section soma -L 20 -diam 20 -Ra 160
section ap -L 400 -diam 2 -nseg 21 -Ra 160
connect ap soma(1)
insert hh

# The densities at distance d um from the origin (soma(1)), for a tree maxd um long.
proc density {gmax d maxd} { expr {$gmax * (1.0 - $d / $maxd)} }

set maxd [distance ap(1) soma(1)]
foreach seg [segments ap] {
    set d [distance $seg soma(1)]
    foreach {var gmax} {gnabar_hh 0.12 gkbar_hh 0.036 gl_hh 0.0003} {
        setval $seg.$var [density $gmax $d $maxd]
    }
    puts stderr [format "%-14s d=%6.1f um  gnabar_hh=%.6f" $seg $d [getval $seg.gnabar_hh]]
}

IClamp ic soma(0.5) -delay 1 -dur 1 -amp 0.5
record t
record soma(0.5).v
record ap(0.5).v
record ap(0.9).v
setval tstop 10
