# sweep-cell.tcl: the model the sweep recipes use: an HH soma (20 um x 20 um) that fires
# repetitively under an 80 ms current step (IClamp ic, 10 to 90 ms), v recorded, 100 ms.
# The sweep sets ic.amp and soma.gnabar_hh on it (value paths: the script runs once and
# its `run` is replayed for every point; see man nrn-sweep, "The script protocol").
# Run: nrn-sweep recipes/sweep-cell.tcl -p ic.amp=0:0.5:11 -p soma.gnabar_hh=0.08:0.16:5
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -delay 10 -dur 80 -amp 0.2
record t
record soma(0.5).v
setval tstop 100
run
