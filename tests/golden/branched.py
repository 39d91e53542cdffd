# A branched hh/pas tree with a tapered 3-D-point section (tp) hung off the end of d2; IClamp at soma(0.5).
# Shows axial coupling at shared/interior/end parent nodes and pt3d areas in a run. Run: /usr/bin/python3 branched.py > branched.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 20; soma.diam = 20; soma.nseg = 3; soma.insert("hh")
d0 = h.Section(name="d0"); d0.L = 100; d0.diam = 2; d0.nseg = 3
d0.insert("pas"); d0.g_pas = 0.0002; d0.e_pas = -65
d0.connect(soma(0))
d1 = h.Section(name="d1"); d1.L = 150; d1.diam = 1.5; d1.nseg = 5
d1.insert("pas")                      # pas defaults: g 0.001, e -70
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
ic = h.IClamp(soma(0.5)); ic.delay = 1; ic.dur = 0.5; ic.amp = 0.8
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("d0(0.5).v", d0(0.5)._ref_v),
        ("d1(0.9).v", d1(0.9)._ref_v), ("d2(1).v", d2(1)._ref_v),
        ("tp(0.5).v", tp(0.5)._ref_v), ("tp(0.5).m_hh", tp(0.5)._ref_m_hh)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(10)
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
