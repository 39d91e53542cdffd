# area/ri/diam of every node (sec.allseg()) for the spec 9.2 cylinder, 9.4 frustum (nseg 1, 3, 1 then 3) and 9.5 float-stored
# 3-D points. Each is a separate root section. Lines "name(x) area ri diam". Run: /usr/bin/python3 geometry.py > geometry.txt
from neuron import h
cyl = h.Section(name="cyl"); cyl.L = 300; cyl.diam = 2; cyl.Ra = 100; cyl.nseg = 3          # 9.2
fr1 = h.Section(name="fr1"); fr1.pt3dadd(0, 0, 0, 1); fr1.pt3dadd(10, 0, 0, 5)             # 9.4, Ra 35.4
fr3 = h.Section(name="fr3"); fr3.pt3dadd(0, 0, 0, 1); fr3.pt3dadd(10, 0, 0, 5); fr3.nseg = 3
# fr13: as fr3, but geometry computed at nseg 1 first: the middle segment keeps the stale diam 3.0 (spec 1.5)
fr13 = h.Section(name="fr13"); fr13.pt3dadd(0, 0, 0, 1); fr13.pt3dadd(10, 0, 0, 5); fr13(0.5).area(); fr13.nseg = 3
pts = h.Section(name="pts")                                                                 # 9.5, Ra 35.4
for p in [(0, 0, 0, 1.1), (0.1, 0.2, 0.3, 2.3), (7.7, 1.3, 0.1, 0.7), (13.3, 2.2, -4.1, 3.3)]:
    pts.pt3dadd(*p)
pts.nseg = 2
print("# name(x) area ri diam")
for sec in (cyl, fr1, fr3, fr13, pts):
    for seg in sec.allseg():
        print(f"{sec.name()}({seg.x!r}) {seg.area()!r} {seg.ri()!r} {seg.diam!r}")
