# ldifusl.tcl: NEURON's cadifusl.mod (LONGITUDINAL_DIFFUSION with a calcium current of its own,
# icabar, READ and WRITE ica) on a soma and two dendrites, the model of
# tests/golden/nmodl_ldifusl.py: calcium enters at the soma only (icabar < 0 there), binds to
# the buffer and diffuses radially and along the dendrites.
load_mechanisms $lib
section soma -L 20 -diam 20
section dend -L 60 -diam 2 -nseg 4
section dend2 -L 30 -diam 1 -nseg 3
connect dend soma(1)
connect dend2 soma(0)
insert hh soma
insert pas dend dend2
foreach s {soma dend dend2} { insert cadifus $s }
setval soma.icabar_cadifus -0.002
setval DFree_cadifus 10
setval k1buf_cadifus 100
setval k2buf_cadifus 0.1
setval Buffer0_cadifus 0.003
IClamp ic soma(0.5) -delay 2 -dur 20 -amp 0.3
record t
record soma(0.5).v
record soma(0.5).cai
record soma(0.5).ca3_cadifus
record soma(0.5).Buffer0_cadifus
record dend(0.125).cai
record dend(0.375).ca1_cadifus
record dend2(0.5).cai
setval tstop 40
run
