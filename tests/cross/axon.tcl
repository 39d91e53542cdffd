# axon.tcl: written for nrn's tests (tests/cross). An unbranched hh axon of $nseg segments
# (101; one chain: the fused cable step applies when every mechanism is inst_local), an
# ExpSyn at 0.3 driven by a NetStim (noise $noise), an IClamp at 0; $apc 1 adds an APCount at
# 0.9 (its after_cvode check is not inst_local: the step runs the separate passes), $se 1 an
# SEClamp at 1 (-65, -30, -65 mV for 10, 10, 5 ms; rs 1; the passes too). Records
# t, v at 0.1, 0.5 and 0.9 and the synapse's g ($rec 0: nothing); 40 ms.
set noise [expr {[info exists noise] ? $noise : 0}]
set apc [expr {[info exists apc] ? $apc : 0}]
set rec [expr {[info exists rec] ? $rec : 1}]
set se [expr {[info exists se] ? $se : 0}]
set nseg [expr {[info exists nseg] ? $nseg : 101}]
section ax -L 3000 -diam 1 -nseg $nseg
insert hh ax
ExpSyn syn ax(0.3) -tau 2 -e 0
NetStim ns -start 1 -interval 6 -number 6 -noise $noise
NetCon nc ns syn -delay 0.5 -weight 0.02
IClamp ic ax(0) -del 25 -dur 1 -amp 0.3
if {$apc} { APCount apc ax(0.9) }
if {$se} { SEClamp se ax(1) -dur1 10 -amp1 -65 -dur2 10 -amp2 -30 -dur3 5 -amp3 -65 -rs 1 }
if {$rec} {
    record t
    foreach x {0.1 0.5 0.9} { record ax($x).v }
    record syn.g
}
setval tstop 40
