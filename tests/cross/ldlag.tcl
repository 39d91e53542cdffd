# ldlag.tcl: written for nrn's tests (tests/cross). A branched cell (a hh soma, dend at its
# end, dend2 at dend's middle) with NEURON's nadifl.mod (LONGITUDINAL_DIFFUSION of nai,
# tests/nmodl/ldifus) everywhere, driven by an IClamp; $lag 1 adds NEURON's LagV (vlag.mod,
# tests/nmodl/misc: LAG, not thread safe) on dend(0.9). The library $lib has both. For
# nrn-sweep: no run.
load_mechanisms $lib
section soma -L 20 -diam 20
section dend -L 100 -diam 2 -nseg 5
section dend2 -L 40 -diam 1 -nseg 3
connect dend soma(1)
connect dend2 dend(0.5)
insert hh soma
foreach s {dend dend2} { insert pas $s; setval $s.g_pas 1e-4 $s.e_pas -65 }
foreach s {soma dend dend2} { insert nadifl $s; setval $s.D_nadifl 50 }
IClamp ic soma(0.5) -delay 5 -dur 60 -amp 0.5
if {[info exists lag] && $lag} { LagV la dend(0.9) -dur 0.33 }
setval tstop 80
