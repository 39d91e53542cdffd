# After a model script: CVODE at atol $atol (condition_order 2), v at soma(0.5) every 5 ms
# (interpolated rows), spikes at threshold 10; prints "steps fevals" on stderr.
NetCon det soma(0.5).v {} -threshold 10
cvode -active 1 -atol $atol -rtol 0 -condition_order 2
record soma(0.5).v
finitialize -65
continuerun 50
set s [cvode stats]
puts stderr "[dict get $s steps] [dict get $s fevals]"
