# axon.tcl: written for nrn's tests (tests/cross): a pas axon of 41 segments with xbt.mod
# ($lib), whose GLOBAL minf_xbt BREAKPOINT computes per instance, driven at one end; $force 1
# adds a continuous play of the IClamp's amp to its own value (the separate passes instead of
# the fused step). Prints minf_xbt and v at 0.5 at 1.5, 2, 3 and 5 ms.
load_mechanisms $lib
section ax -L 1000 -diam 1 -nseg 41
insert pas ax
insert xbt ax
IClamp ic ax(0) -del 1 -dur 1 -amp 0.3
if {[info exists force] && $force} {
    vector set aa {0.3 0.3}
    vector set tt {0 100}
    vector play aa ic.amp tt -continuous
}
finitialize -65
foreach T {1.5 2 3 5} {
    continuerun $T
    puts "$T [getval minf_xbt] [getval ax(0.5).v]"
}
