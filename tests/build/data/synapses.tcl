# Ten synapses along the dendrite of ball_and_stick.swc (loaded before this script),
# with their time constants rising: the summary lists 8 by name, then counts the rest.
for {set i 0} {$i < 10} {incr i} {
    ExpSyn syn$i "dend\[0\]([expr {($i + 0.5) / 10.0}])" -tau [expr {1 + $i}]
}
IntFire1 if1 -tau 5
IntFire1 if2 -tau 5
