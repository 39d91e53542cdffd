# A STATE that starts from its RANGE PARAMETER (tests/cross/x0/xs0.mod: no INITIAL block, so s
# starts at s0, per instance): hh somas a and b (20x20) with xs0, s0 0.5 and 2. t, both v and
# both s, 20 ms. Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 cross_x0.py > cross_x0.csv
from _nmodl_common import load_test_mechanisms
from neuron import h
load_test_mechanisms("../cross/x0")
h.load_file("stdrun.hoc")
a = h.Section(name="a"); a.L = a.diam = 20
b = h.Section(name="b"); b.L = b.diam = 20
for sec, s0 in ((a, 0.5), (b, 2)):
    sec.insert("hh"); sec.insert("xs0")
    sec(0.5).s0_xs0 = s0
cols = [("a(0.5).v", a(0.5)._ref_v), ("b(0.5).v", b(0.5)._ref_v),
        ("a(0.5).s_xs0", a(0.5)._ref_s_xs0), ("b(0.5).s_xs0", b(0.5)._ref_s_xs0)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.tstop = 20
h.run()
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
