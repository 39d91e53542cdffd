# Accessors a NEURON user reaches for, on a small tree: seg.volume() over allseg, the
# 3-D point getters (n3d, x3d, y3d, z3d, diam3d, arc3d), SectionList subtree/wholetree
# orders, and a point process's get_segment. tests/tcl/accessors.test builds the same
# model with the Tcl commands and compares every line.
# Run: /usr/bin/python3 accessors.py > accessors.txt
from neuron import h

soma = h.Section(name="soma")
for p in [(0, 0, 0, 10), (4, 3, 0, 12), (10, 3, 2, 9.5), (20, 1, 2, 10)]:
    soma.pt3dadd(*p)
soma.nseg = 3
dend1 = h.Section(name="dend1"); dend1.L = 200; dend1.diam = 2; dend1.nseg = 5
dend1.connect(soma(1), 0)
dend2 = h.Section(name="dend2")
for p in [(0, 0, 0, 3), (-10, 5, 0, 2.5), (-10, 5, 0, 2), (-30, 12, 4, 1.25), (-45, 12, 9, 1)]:
    dend2.pt3dadd(*p)
dend2.nseg = 7
dend2.connect(soma(0), 0)
dend3 = h.Section(name="dend3"); dend3.L = 50; dend3.diam = 1.5; dend3.nseg = 2
dend3.connect(dend1(0.5), 1)
dend3(0.25).diam = 1.0
dend4 = h.Section(name="dend4"); dend4.L = 30; dend4.diam = 1; dend4.nseg = 1
dend4.connect(dend1(1), 0)
dend5 = h.Section(name="dend5"); dend5.L = 40; dend5.diam = 0.8; dend5.nseg = 3
dend5.connect(dend1(1), 0)
axon = h.Section(name="axon"); axon.L = 300; axon.diam = 0.7; axon.nseg = 9
axon.connect(soma(0.5), 0)
lone = h.Section(name="lone"); lone.L = 10; lone.diam = 10
child = h.Section(name="child"); child.L = 10; child.diam = 1
child.connect(lone(1))

for sec in h.allsec():
    n = int(h.n3d(sec=sec))
    print(f"n3d {sec.name()} {n}")
    for i in range(n):
        print(f"pt3d {sec.name()} {i} {h.x3d(i, sec=sec)!r} {h.y3d(i, sec=sec)!r} "
              f"{h.z3d(i, sec=sec)!r} {h.diam3d(i, sec=sec)!r} {h.arc3d(i, sec=sec)!r}")
for sec in h.allsec():
    print(f"allseg {sec.name()} " + " ".join(str(seg) for seg in sec.allseg()))
    for seg in sec.allseg():
        print(f"volume {seg} {seg.volume()!r}")
for sec in h.allsec():
    sl = h.SectionList(); sl.subtree(sec=sec)
    print(f"subtree {sec.name()} " + " ".join(s.name() for s in sl))
    sl = h.SectionList(); sl.wholetree(sec=sec)
    print(f"wholetree {sec.name()} " + " ".join(s.name() for s in sl))
for seg in [soma(0.2), soma(0), soma(1), dend1(0.33), dend1(0.5), dend3(0.3), dend3(0.5), dend3(0.9),
            dend3(0), dend3(1), axon(0.05)]:
    ic = h.IClamp(seg)
    print(f"get_segment {seg.sec.name()}({seg.x:g}) {ic.get_segment()} {ic.get_loc()!r}")
    h.pop_section()
