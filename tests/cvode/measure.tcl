# After a model script: CVODE at atol $atol (condition_order 2), v at $site (default
# soma(0.5)) every 5 ms (interpolated rows) to $tstop (default 50), spikes at threshold 10;
# prints "steps fevals" on stderr.
if {![info exists site]} { set site soma(0.5) }
if {![info exists tstop]} { set tstop 50 }
NetCon det $site.v {} -threshold 10
cvode -active 1 -atol $atol -rtol 0 -condition_order 2
record $site.v
finitialize -65
continuerun $tstop
set s [cvode stats]
puts stderr "[dict get $s steps] [dict get $s fevals]"
