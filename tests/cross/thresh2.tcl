# thresh2.tcl: written for nrn's tests (tests/cross), after axon.tcl (and thresh.tcl's s2
# cell, made here). Other writers of the spike sources between continueruns: a NetCon's
# threshold lowered by configure at 12 ms, a NetCon from a new source made at 20 ms, the
# first threshold raised again at 26 ms (no spike from it after). Prints both NetCons'
# spike times and thresholds.
section s2 -L 20 -diam 20
insert hh s2
ExpSyn syn2 s2(0.5) -tau 2 -e 0
vector create t1
NetCon n1 ax(0.9).v syn2 -threshold 100 -delay 1 -weight 0.05
n1 record t1
finitialize -65
continuerun 12
n1 configure -threshold -20
continuerun 20
vector create t2
NetCon n2 ax(0.5).v {} -threshold 0
n2 record t2
continuerun 26
n1 configure -threshold 100
continuerun 40
puts "n1 [vector get t1]"
puts "n2 [vector get t2]"
puts "thr [n1 cget -threshold] [n2 cget -threshold]"
