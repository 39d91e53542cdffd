# Values carried between calls by mechanism code (tests/cross/carry, built with nrnivmodl): two
# hh somas a and b (20x20; IClamps del 1 dur 5, amp 0.3 and 0.1) with xcarry (a THREADSAFE
# GLOBAL read before it is written: one copy per thread) on 1 and on 2 threads
# (pc.nthread(2): a cell on each), and with xfloc (a file-scope LOCAL; not thread safe) on 1
# thread. t and both v, 10 ms, each table after a "# MECH THREADS" line.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 cross_carry.py > cross_carry.csv
import subprocess, sys
from neuron import h

def run(mech, nthread):
    from _nmodl_common import load_test_mechanisms
    load_test_mechanisms("../cross/carry")
    h.load_file("stdrun.hoc")
    keep = []
    for c, amp in (("a", 0.3), ("b", 0.1)):
        s = h.Section(name=c); s.L = 20; s.diam = 20
        s.insert("hh"); s.insert(mech)
        ic = h.IClamp(s(0.5)); ic.delay = 1; ic.dur = 5; ic.amp = amp
        keep += [s, ic]
    h.ParallelContext().nthread(nthread)
    recs = [h.Vector().record(r) for r in (h._ref_t, keep[0](0.5)._ref_v, keep[2](0.5)._ref_v)]
    h.tstop = 10
    h.run()
    print("# %s %d" % (mech, nthread))
    print("t,a(0.5).v,b(0.5).v")
    for row in zip(*recs):
        print(",".join(repr(x) for x in row))

if len(sys.argv) == 3:
    run(sys.argv[1], int(sys.argv[2]))
else:
    for mech, n in (("xcarry", 1), ("xcarry", 2), ("xfloc", 1)):
        sys.stdout.flush()
        subprocess.run([sys.executable, sys.argv[0], mech, str(n)], check=True,
                       stderr=subprocess.DEVNULL)
