# builtins.tcl: the model of tests/golden/nmodl_builtins.py, with NEURON's own hh, pas, IClamp
# and ExpSyn .mod files (tests/nmodl/nrn) translated by nrn-build mod into $lib.
load_mechanisms $lib
section soma -L 20 -diam 20
section dend -L 200 -diam 2 -nseg 5
connect dend(0) soma(1)
insert pasmod dend
insert hhmod soma
setval dend.g_pasmod 0.0002
IClampMod ic soma(0.5) -del 1 -dur 0.5 -amp 0.5
ExpSynMod syn dend(0.8) -tau 2
NetStim ns -start 3 -number 5 -interval 4
NetCon nc ns syn -weight 0.01 -delay 1
record t
record soma(0.5).v
record dend(0.8).v
record soma(0.5).m_hhmod
record syn.g
record ic.i
setval tstop 30
run
