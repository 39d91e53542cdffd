# net.tcl: written for nrn's tests (tests/cross). A ring of the cells of cells.tcl ($N of
# them, amplitudes varying, xnoise when $noise is 1): cell k's soma drives an Xksyn
# (KINETIC synapse) on cell k+1's d1 and on cell k+3's soma; a NetStim starts cell 0.
# Spikes go to --spikes; the records are those of cells.tcl for the indices in $rec.
set vary 1
set amp0 0.8
source [file join [file dirname [info script]] cells.tcl]
for {set k 0} {$k < $N} {incr k} {
    Xksyn c$k.ks c$k.d1(0.5)
    Xksyn c$k.ks2 c$k.soma(0.5)
    pc set_gid2node $k [pc id]
    pc cell $k c$k.soma(0.5).v
}
for {set k 0} {$k < $N} {incr k} {
    pc gid_connect nc$k [expr {($k + $N - 1) % $N}] c$k.ks -delay 2 -weight 0.01
    pc gid_connect nd$k [expr {($k + $N - 3) % $N}] c$k.ks2 -delay 3.5 -weight 0.004
}
NetStim st -number 2 -start 1 -interval 20
NetCon ns st c0.ks -delay 1 -weight 0.02
setval tstop 80
