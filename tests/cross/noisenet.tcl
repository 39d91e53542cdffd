# noisenet.tcl: written for nrn's tests (tests/cross). Four hh somas s0 .. s3, each driven
# through an ExpSyn by its own NetStim with noise 1 (the translated netstim.mod's draws),
# and s_k's spikes driving s_(k+1)'s synapse (delay $d, default 2; 0 joins the cells under
# the local step); spikes by gid to --spikes, v of s0 and s3 recorded. 100 ms.
set d [expr {[info exists d] ? $d : 2}]
for {set k 0} {$k < 4} {incr k} {
    section s$k -L 20 -diam 20
    insert hh s$k
    ExpSyn s$k.syn s${k}(0.5) -tau 2 -e 0
    NetStim s$k.ns -start [expr {2 + $k}] -interval 8 -number 20 -noise 1
    NetCon s$k.nc s$k.ns s$k.syn -delay 0.5 -weight [expr {0.004 + 0.001 * $k}]
    pc set_gid2node $k [pc id]
    pc cell $k s${k}(0.5).v
}
for {set k 0} {$k < 4} {incr k} {
    pc gid_connect c$k [expr {($k + 3) % 4}] s$k.syn -delay $d -weight 0.002
}
record t
record s0(0.5).v
record s3(0.5).v
setval tstop 100
