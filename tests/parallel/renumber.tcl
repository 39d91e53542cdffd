# renumber.tcl: four ball-and-stick cells whose objects, NetCons, records, plays and
# vectors are created out of cell order, so that a part's ids (threads_split.c: a part per
# thread, or per cell under the local step, renumbers them all from 0) differ from the
# model's: IClamps placed in reverse, a NetStim driving two cells, a chain of NetCons made
# backwards, a NetCon without a target, records of a synapse's g, a NetCon's weight and a
# played IClamp amp, APCount and NetCon.record vectors. The run stops at 7 ms with events
# in flight (NetStim self events, spikes on their way), changes a weight and goes on to 25.
# Prints the vectors on stderr. `-D local 1`: under the local variable step.
if {![info exists local]} { set local 0 }
NetStim ns -start 1 -interval 3 -number 6 -noise 0
for {set i 0} {$i < 4} {incr i} {
    section soma$i -L 12.6157 -diam 12.6157
    section dend$i -L 200 -diam 1 -nseg 5
    connect dend$i soma${i}(1)
    insert hh soma$i
    insert pas dend$i
}
for {set i 3} {$i >= 0} {incr i -1} {
    IClamp st$i soma[expr {3 - $i}](0.5) -del 0 -dur 100 -amp 0
    ExpSyn syn$i dend${i}(0.5) -tau 2 -e 0
}
NetCon det soma2(0.5).v {} -threshold 10
NetCon in0 ns syn0 -delay 1 -weight 0.05
for {set i 3} {$i >= 0} {incr i -1} {
    NetCon c$i soma${i}(0.5).v syn[expr {($i + 1) % 4}] -threshold 10 -delay [expr {2 + 0.25 * $i}] -weight 0.05
}
NetCon in2 ns syn2 -delay 1.5 -weight 0.03
for {set i 3} {$i >= 0} {incr i -1} {
    APCount ap$i soma${i}(0.5) -thresh 0
    ap$i record aptimes$i
}
det record spk2
c1 record spk1
vector create amp {0 0.4 0 0.6 0}
vector create tv {0 3 4 9 10}
vector play amp st1.amp tv
record soma0(0.5).v
record soma1(0.5).v
record soma3(0.5).v
record syn2.g
record syn1.g
record c2.weight
record st1.i
setval dt 0.025
if {$local} { cvode -active 1 -atol 1e-4 -local 1 }
finitialize -65
continuerun 7
setval c2.weight 0.08
continuerun 25
foreach v {spk1 spk2 aptimes0 aptimes1 aptimes2 aptimes3 amp tv} { puts stderr "$v [vector get $v]" }
puts stderr "ap1 n [getval ap1.n]"
