# noise.tcl: NMODL random functions (noisy.mod's normrand current, unirand and exprand;
# reseed.mod's exprand intervals and set_seed) and a POINT_PROCESS that calls net_event as
# a NetCon source (relay.mod). $split 1: the run in three calls; $tstop.
load_mechanisms $lib
section a -nseg 3 -L 20 -diam 20
insert pas a
insert noisy a
setval a.sd_noisy 0.01
Reseed r1 -mean 2
Reseed r2 -mean 3
Relay rl a(0.5) -lag 0.5
ExpSyn syn a(0.5)
NetCon n1 r1 rl -delay 1
NetCon n2 rl syn -delay 1 -weight 0.002
vector create spikes
n2 record spikes
record t
record a(0.5).v
record a(0.1).inoise_noisy
record a(0.9).u_noisy
record a(0.5).e_noisy
record r2.last
setval tstop $tstop
if {$split} {
    finitialize -65
    continuerun [expr {$tstop / 4}]
    continuerun [expr {$tstop / 2}]
    continuerun $tstop
} else {
    run
}
puts stderr "spikes [vector length spikes] relayed [getval rl.n]"
