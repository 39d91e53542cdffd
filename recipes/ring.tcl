# ring.tcl: NEURON's ring network tutorial ("Ball and stick 2: build a ring network"): N
# ball-and-stick cells (default 5; nrn-run -D N=8 for 8), cell i's soma drives an ExpSyn on
# cell (i+1)%N's dendrite (threshold 10 mV, delay 5 ms, weight 0.01 uS), and a NetStim
# firing once at 9 ms starts the wave at cell 0. Spike times per cell go to stderr; t and
# every soma's v to stdout. Same numbers as NEURON: tests/golden/recipe_ring.py (N = 5).
# Run: nrn-run recipes/ring.tcl > ring.csv
#      nrn-run -D N=8 --spikes spikes.csv -o ring.csv recipes/ring.tcl
if {![info exists N]} {
    set N 5
}

# One ball-and-stick cell named cell$i, as the tutorial's BallAndStick class.
proc ball_and_stick {i} {
    set c cell$i
    section $c.soma -L 12.6157 -diam 12.6157 -Ra 100 -cm 1
    section $c.dend -L 200 -diam 1 -nseg 5 -Ra 100 -cm 1
    connect $c.dend $c.soma(1)
    insert hh $c.soma
    setval $c.soma.gnabar_hh 0.12 $c.soma.gkbar_hh 0.036 $c.soma.gl_hh 0.0003 \
        $c.soma.el_hh -54.3
    insert pas $c.dend
    setval $c.dend.g_pas 0.001 $c.dend.e_pas -65
    ExpSyn $c.syn $c.dend(0.5) -tau 2
}

for {set i 0} {$i < $N} {incr i} {
    ball_and_stick $i
}
for {set i 0} {$i < $N} {incr i} {
    set next [expr {($i + 1) % $N}]
    NetCon nc$i cell$i.soma(0.5).v cell$next.syn -delay 5 -weight 0.01
    nc$i record spikes$i
}
NetStim stim -number 1 -start 9
NetCon ncstim stim cell0.syn -delay 1 -weight 0.01

record t
for {set i 0} {$i < $N} {incr i} {
    record cell$i.soma(0.5).v
}
finitialize -65
continuerun 100
for {set i 0} {$i < $N} {incr i} {
    puts stderr "cell$i: [vector get spikes$i]"
}
