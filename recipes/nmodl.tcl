# nmodl.tcl: a channel of your own from NMODL. kdr.mod (beside this script) is compiled on
# first use into nrn's cache and loaded; then it is inserted like hh: a soma with a leak and
# the delayed rectifier, stepped by a current pulse; records v and the gate n.
#   nrn-run recipes/nmodl.tcl | nrn-plot
# (or build the library yourself: nrn-build mod -o kdr.so recipes/kdr.mod, and
#  nrn-run --mechanisms kdr.so with the load_mechanisms line taken out)
load_mechanisms [file join [file dirname [info script]] kdr.mod]
section soma -L 20 -diam 20
insert pas soma
insert kdr soma
setval soma.g_pas 0.0001
setval soma.e_pas -65
setval soma.gbar_kdr 0.02
IClamp ic soma(0.5) -delay 5 -dur 20 -amp 0.2
record t
record soma(0.5).v
record soma(0.5).n_kdr
record soma(0.5).ik
setval tstop 40
run
