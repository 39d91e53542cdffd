# h.distance between node positions (spec 9.7 model): s L 100 nseg 1 root; d L 50 nseg 5 at s(1); e L 20 nseg 2 at
# s(0.3); f L 30 nseg 3 at s(0). Lines "origin target distance". Run: /usr/bin/python3 distance.py > distance.txt
from neuron import h
s = h.Section(name="s"); s.L = 100; s.nseg = 1
d = h.Section(name="d"); d.L = 50; d.nseg = 5; d.connect(s(1))
e = h.Section(name="e"); e.L = 20; e.nseg = 2; e.connect(s(0.3))
f = h.Section(name="f"); f.L = 30; f.nseg = 3; f.connect(s(0))
xs = [0, 0.1, 0.3, 0.5, 0.77, 1]
pairs = [(s(0.5), sec(x)) for sec in (s, d, e, f) for x in xs]
pairs += [(s(0.2), d(0.5)), (s(0.2), s(0.9)), (s(0), s(0.9)), (d(0.35), d(0.45)),
          (e(0.77), f(0.5)), (f(0.5), e(0.77)), (d(1), e(1)), (e(0), f(0)), (d(0), f(1))]
print("# origin target distance")
for a, b in pairs:
    print(f"{a.sec.name()}({a.x!r}) {b.sec.name()}({b.x!r}) {h.distance(a, b)!r}")
h.distance(0, s(0.2))                                   # origin-setting form
print(f"s(0.2) d(0.5) {h.distance(d(0.5))!r}")
