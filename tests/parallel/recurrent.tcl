# recurrent.tcl: a small recurrent network for the split tests (tests/parallel): 12 hh
# cells, gid i on rank i % nhost, each fed by up to three others ((i k + 3) % 12 for k = 1,
# 5, 7; delays 2, 2.5 or 3 ms), NetStims on every fourth cell; spikes of many cells per
# exchange interval and convergent inputs. NEURON: tests/golden/recurrent_parallel.py.
set N 12
set rank [pc id]
set nhost [pc nhost]
for {set gid $rank} {$gid < $N} {incr gid $nhost} {
    pc set_gid2node $gid $rank
    section c$gid.soma -L 20 -diam 20
    insert hh c$gid.soma
    ExpSyn c$gid.syn c$gid.soma(0.5) -tau 2
    pc cell $gid c$gid.soma(0.5).v
    if {$gid % 4 == 0} {
        NetStim st$gid -number 3 -start [expr {1 + $gid}] -interval 7
        NetCon ns$gid st$gid c$gid.syn -delay 1 -weight 0.02
    }
}
for {set gid $rank} {$gid < $N} {incr gid $nhost} {
    foreach k {1 5 7} {
        set src [expr {($gid * $k + 3) % $N}]
        if {$src == $gid} continue
        pc gid_connect nc$gid.$k $src c$gid.syn -delay [expr {2 + ($gid % 3) * 0.5}] -weight 0.006
    }
}
pc set_maxstep 10
finitialize -65
pc psolve 80
