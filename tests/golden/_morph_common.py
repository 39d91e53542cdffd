# Shared body of the morph_*.py goldens (not a golden itself: make-golden.sh skips names starting
# with _). run(relpath, reader, amp): NEURON 8.2.2's Import3d of the morphology at relpath (relative
# to this directory) with the hoc reader class named reader (Import3d_SWC_read,
# Import3d_Neurolucida3), then Ra 100, cm 1 and the d_lambda rule (freq 100, d_lambda 0.1, +.999
# rounding, as the CellBuilder) on every section; hh everywhere, IClamp soma[0](0.5) del 1 dur 1
# amp amp, 10 ms at dt 0.025.
# Prints: per section (h.allsec order) name, parent, parentx, n3d, L, area with nseg 1, d_lambda
# nseg, area with that nseg, and the sums of the 3-D points' x, y, z, diam; the h.topology() text;
# the soma[0](0.5) voltage trace.
import os, sys
from neuron import h


def run(relpath, reader, amp):
    """Imports the morphology at relpath with reader, prints its facts, runs it with IClamp amp."""
    path = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), relpath))
    h.load_file("stdrun.hoc")
    h.load_file("import3d.hoc")
    sys.stdout.flush()
    saved = os.dup(1); os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # Import3d prints progress
    r = getattr(h, reader)()
    r.input(path)
    i3d = h.Import3d_GUI(r, False)
    i3d.instantiate(None)
    sys.stdout.flush(); os.dup2(saved, 1)
    secs = list(h.allsec())
    rows = []
    for s in secs:
        n = int(h.n3d(sec=s))
        sums = [0.0, 0.0, 0.0, 0.0]
        for i in range(n):
            sums[0] += h.x3d(i, sec=s); sums[1] += h.y3d(i, sec=s)
            sums[2] += h.z3d(i, sec=s); sums[3] += h.diam3d(i, sec=s)
        ps = s.parentseg()
        parent = (ps.sec.name(), ps.x) if ps is not None else ("-", 0.0)
        area1 = sum(seg.area() for seg in s)
        rows.append([s.name(), parent[0], parent[1], n, s.L, area1, sums])
    for s in secs:
        s.Ra = 100; s.cm = 1
    for s in secs:
        s.nseg = int((s.L / (0.1 * h.lambda_f(100, sec=s)) + .999) / 2) * 2 + 1
    print("# NEURON 8.2.2 Import3d of " + os.path.basename(relpath))
    print(f"sections {len(secs)}")
    print(f"area1 {sum(r_[5] for r_ in rows)!r}")
    print(f"nseg {sum(s.nseg for s in secs)}")
    for s, r_ in zip(secs, rows):
        arean = sum(seg.area() for seg in s)
        print(f"sec {r_[0]} {r_[1]} {r_[2]!r} {r_[3]} {r_[4]!r} {r_[5]!r} {s.nseg} {arean!r} "
              f"{r_[6][0]!r} {r_[6][1]!r} {r_[6][2]!r} {r_[6][3]!r}")
    print("topology")
    sys.stdout.flush()
    h.topology()
    sys.stdout.flush()
    print("end topology")
    for s in secs:
        s.insert("hh")
    soma = h.soma[0]
    ic = h.IClamp(soma(0.5)); ic.delay = 1; ic.dur = 1; ic.amp = amp
    v = h.Vector().record(soma(0.5)._ref_v)
    h.dt = 0.025
    h.finitialize(-65)
    h.continuerun(10)
    print(f"trace {len(v)}")
    for k in range(len(v)):
        print(repr(v[k]))
