# thresh.tcl: written for nrn's tests (tests/cross), after axon.tcl. The threshold of a spike
# source changed from Tcl between two continueruns: an APCount at ax(0.9) and a NetCon from
# ax(0.9).v (to an ExpSyn on a second cell, s2, so that two threads have a cell each) start
# with a threshold of 100 mV, which no spike reaches, and come down to -20 at 12 ms. The
# spikes after 12 ms must then be counted and delivered. Prints the APCount's count and
# times, the NetCon's times and s2's peak v after 12 ms.
section s2 -L 20 -diam 20
insert hh s2
ExpSyn syn2 s2(0.5) -tau 2 -e 0
APCount apc ax(0.9) -thresh 100
vector create apct
apc record apct
vector create nct
NetCon wnc ax(0.9).v syn2 -threshold 100 -delay 1 -weight 0.05
wnc record nct
finitialize -65
continuerun 12
setval apc.thresh -20 wnc.threshold -20
set peak -100
while {[getval t] < 39.99} {
    continuerun [expr {[getval t] + 1}]
    if {[getval s2(0.5).v] > $peak} { set peak [getval s2(0.5).v] }
}
puts "apc [getval apc.n] [vector get apct]"
puts "nc [vector get nct]"
puts "s2 peak [expr {$peak > 0 ? "above 0" : $peak}]"
