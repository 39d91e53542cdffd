# ldifus.tcl: LONGITUDINAL_DIFFUSION (NEURON's cadif.mod and nadifl.mod) on a branched cell,
# the model of tests/golden/nmodl_ldifus.py. Calcium enters at the soma only (cachan of
# tests/nmodl/ion, whose library $ion is) and diffuses radially and along the dendrites; the
# sodium of hh's spikes diffuses from the soma. dend is attached at soma(1), dend2 at the
# middle of dend, dend3 at soma(0) (the root's end: NEURON's parent is the soma's segment).
load_mechanisms $ion
load_mechanisms $lib
section soma -L 20 -diam 20
section dend -L 100 -diam 2 -nseg 5
section dend2 -L 40 -diam 1 -nseg 3
section dend3 -L 30 -diam 1.5 -nseg 2
connect dend soma(1)
connect dend2 dend(0.5)
connect dend3 soma(0)
insert hh soma
insert cachan soma
setval soma.pcabar_cachan 2e-4
foreach s {dend dend2 dend3} {
    insert pas $s
    setval $s.g_pas 1e-4
    setval $s.e_pas -65
}
foreach s {soma dend dend2 dend3} {
    insert cadifus $s
    insert nadifl $s
    setval $s.D_nadifl 50
}
setval DCa_cadifus 20
IClamp ic soma(0.5) -delay 5 -dur 60 -amp 0.5
record t
record soma(0.5).v
record dend(0.9).v
record soma(0.5).cai
record soma(0.5).ca3_cadifus
record dend(0.1).cai
record dend(0.1).ca0_cadifus
record dend(0.3).cai
record dend2(0.5).cai
record dend3(0.25).cai
record soma(0.5).nai
record dend(0.1).nai
record dend(0.5).nai
record dend2(0.5).nai
record dend3(0.75).nai
setval tstop 100
run
