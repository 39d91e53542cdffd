# gap.tcl: two passive cells joined by a gap junction made of two HalfGap point processes,
# each reading the other side's v through its POINTER (setpointer). $renumber: edits after
# the setpointers that renumber the nodes (a new cell first, more segments).
load_mechanisms $lib
section a -L 20 -diam 20
section b -L 20 -diam 20
insert pas a b
HalfGap ga a(0.5) -g 0.01
HalfGap gb b(0.5) -g 0.01
setpointer ga.vgap b(0.5).v
setpointer gb.vgap a(0.5).v
if {$renumber} {
    section z -L 10 -diam 10
    connect a(0) z(1)
    setval b.nseg 3
    setval a.nseg 5
}
IClamp ic a(0.5) -del 1 -dur 5 -amp 0.1
record t
record a(0.5).v
record b(0.5).v
record ga.i
record gb.i
setval tstop 10
run
