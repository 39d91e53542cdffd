# cable.tcl: a 1001-compartment HH axon that runs long enough (about a second) for nrn-tui's
# tests to watch a run live, stop it and continue it; also make bench's screen-cost model.
section axon -L 1000 -diam 1 -nseg 1001
insert hh axon
IClamp stim axon(0) -delay 1 -dur 1 -amp 0.5
setval tstop 300
record t
record axon(0.1).v
record axon(0.9).v
