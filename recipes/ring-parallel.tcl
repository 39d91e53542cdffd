# ring-parallel.tcl: recipes/ring.tcl's network written with pc (NEURON's ParallelContext),
# as NEURON's tutorial "Ball and stick 4: parallel" does: cell gid i lives on rank
# i % nhost (round robin), its soma(0.5).v is the spike source of gid i, and its ExpSyn is fed
# by gid i-1 through pc gid_connect (delay 5 ms, weight 0.01 uS); a NetStim on the rank of gid
# 0 starts the wave at 9 ms. The spikes of every rank are the same for any number of ranks,
# and the same as ring.tcl's and as NEURON's (tests/golden/ring_parallel.py).
# Run: nrn-run recipes/ring-parallel.tcl               (one rank)
#      nrn-run -D N=8 recipes/ring-parallel.tcl
#      mpirun -np 4 nrn-run --spikes spikes.csv recipes/ring-parallel.tcl
#      nrn-run -D N=10000 -D TSTOP=20 -D timing=1 recipes/ring-parallel.tcl   (times on stderr)
#      nrn-run --threads 2 recipes/ring-parallel.tcl   (the cells of a rank on 2 threads)
#      mpirun -np 2 nrn-run -D record_v=1 -o v.csv recipes/ring-parallel.tcl
#        (each rank records its cells' soma v; v.csv has t, then rank 0's columns, then
#        rank 1's: t,cell0,cell2,cell4,cell1,cell3 for N = 5)
# Output: on one rank, "gid,t" rows of the spikes on stdout; on several, nothing (each rank
# has its own cells' spikes: --spikes gathers them all into one file).
if {![info exists N]} {
    set N 5
}
if {![info exists TSTOP]} {
    set TSTOP 100
}
set rank [pc id]
set nhost [pc nhost]

# One ball-and-stick cell named cell$gid, as the tutorial's BallAndStick class.
proc ball_and_stick {gid} {
    set c cell$gid
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

# This rank's cells, round robin.
for {set gid $rank} {$gid < $N} {incr gid $nhost} {
    pc set_gid2node $gid $rank
    ball_and_stick $gid
    pc cell $gid cell$gid.soma(0.5).v
    if {[info exists record_v]} {
        record cell$gid.soma(0.5).v
    }
}
# Each cell listens to the one before it, wherever that one lives.
for {set gid $rank} {$gid < $N} {incr gid $nhost} {
    set src [expr {($gid - 1 + $N) % $N}]
    pc gid_connect nc$gid $src cell$gid.syn -delay 5 -weight 0.01
}
if {[pc gid_exists 0]} {
    NetStim stim -number 1 -start 9
    NetCon ncstim stim cell0.syn -delay 1 -weight 0.01
}

pc spike_record -1 tvec idvec
pc set_maxstep 10
finitialize -65
set t0 [pc time]
pc psolve $TSTOP
set elapsed [pc allreduce [expr {[pc time] - $t0}] max]
set wait [pc allreduce [pc wait_time] max]
if {[info exists timing] && $rank == 0} {
    puts stderr [format "ring-parallel: %d cells on %d ranks of %d threads, psolve %.3f s,\
                         exchange %.3f s" $N $nhost [pc nthread] $elapsed $wait]
}
if {$nhost == 1} {
    puts "gid,t"
    foreach x [vector get tvec] g [vector get idvec] {
        puts "[expr {int($g)}],$x"
    }
}
