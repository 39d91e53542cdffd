# Geometry of the branched.py model (same sections, same order): for every section in h.allsec()
# and every x in sec.allseg(): "name(x) area ri diam", then the text of h.topology().
# Run: /usr/bin/python3 branched_geom.py > branched_geom.txt
import sys
from neuron import h
soma = h.Section(name="soma"); soma.L = 20; soma.diam = 20; soma.nseg = 3; soma.insert("hh")
d0 = h.Section(name="d0"); d0.L = 100; d0.diam = 2; d0.nseg = 3
d0.insert("pas"); d0.g_pas = 0.0002; d0.e_pas = -65
d0.connect(soma(0))
d1 = h.Section(name="d1"); d1.L = 150; d1.diam = 1.5; d1.nseg = 5
d1.insert("pas")
d1.connect(soma(0.3))
d2 = h.Section(name="d2"); d2.L = 200; d2.diam = 1; d2.nseg = 4; d2.insert("hh")
d2.connect(soma(1))
tp = h.Section(name="tp")
for p in [(0, 0, 0, 3), (20, 5, 0, 2), (50, 10, 5, 1), (80, 10, 10, 0.6)]:
    tp.pt3dadd(*p)
tp.nseg = 7; tp.insert("hh")
tp.connect(d2(1))
for s in (soma, d0, d1, d2): s.Ra = 100
tp.Ra = 120
print("# name(x) area ri diam")
for sec in h.allsec():
    for seg in sec.allseg():
        print(f"{sec.name()}({seg.x!r}) {seg.area()!r} {seg.ri()!r} {seg.diam!r}")
sys.stdout.flush()          # h.topology() writes through C stdio: flush Python's buffer first
h.topology()
