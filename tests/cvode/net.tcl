# A network of $ncell ball-and-stick cells (default 1000) with sparse activity: a NetStim
# (start 5, interval 10, number 10) drives cells 0 .. $ndrive-1 (default 10) through ExpSyns
# at dend(0.5); cell i projects to cell i + $ndrive for i < 4 $ndrive (chains of five
# cells): bench/neuron/cvode_net.hoc and tests/golden/cvode_net50.py in Tcl. Every soma is
# watched at threshold 10 (nrn-run --spikes). Model only: the run is the caller's.
if {![info exists ncell]} { set ncell 1000 }
if {![info exists ndrive]} { set ndrive 10 }
if {![info exists mode]} { set mode 1 }
if {![info exists atol]} { set atol 1e-3 }
for {set i 0} {$i < $ncell} {incr i} {
    section soma$i -L 12.6157 -diam 12.6157 -Ra 100 -cm 1
    section dend$i -L 200 -diam 1 -nseg 5 -Ra 100 -cm 1
    connect dend$i soma${i}(1)
    insert hh soma$i
    insert pas dend$i
    setval dend$i.g_pas 0.001 dend$i.e_pas -65
    ExpSyn syn$i dend${i}(0.5) -tau 2 -e 0
    NetCon det$i soma${i}(0.5).v {} -threshold 10
}
NetStim ns -start 5 -interval 10 -number 10 -noise 0
for {set i 0} {$i < $ndrive} {incr i} {
    NetCon in$i ns syn$i -delay 1 -weight 0.04
}
for {set i 0} {$i < 4 * $ndrive} {incr i} {
    NetCon c$i soma${i}(0.5).v syn[expr {$i + $ndrive}] -threshold 10 -delay 2 -weight 0.04
}
