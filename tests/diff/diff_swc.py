#!/usr/bin/python3
"""diff_swc.py: random SWC morphologies imported by nrn-run's load_swc and by NEURON's Import3d.

Each seed writes one SWC file: a soma as one point, NeuroMorpho's three points, a stack of
2-8 points or a closed contour of 4-10, and 1-5 trees of axon, basal or apical dendrite
(types 2-4) started at random soma points, random walks with tapering radii that branch in
two or three up to depth 4; now and then a point repeats its parent's (a zero-length piece)
or a point changes type mid-branch. Both sides then print, and must print the same: every
section's name, L and area (nseg 1), the d_lambda rule's nseg (Ra 100, freq 100, d_lambda
0.1) and area, NEURON's topology() text, and soma(0.5)'s v for 5 ms with hh everywhere and
a 2 nA pulse. A file both refuse counts as agreement.

Usage: diff_swc.py --seeds A:B [--bin DIR] [--dir DIR]; exit status 1 if any seed differed
(its files stay in DIR/sSEED). make diffcheck runs it (tests/diff/run.sh).
"""
import math
import os
import random
import subprocess
import sys

import seeds

NEURON_SIDE = r'''
import os, sys
from neuron import h
h.load_file("stdrun.hoc")
h.load_file("import3d.hoc")
sys.stdout.flush()
saved = os.dup(1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # Import3d prints its progress
r = h.Import3d_SWC_read()
r.input("cell.swc")
h.Import3d_GUI(r, False).instantiate(None)
sys.stdout.flush()
os.dup2(saved, 1)
secs = list(h.allsec())
for s in secs:
    print("sec", s.name(), repr(s.L), repr(sum(seg.area() for seg in s)))
for s in secs:
    s.Ra = 100
    s.cm = 1
for s in secs:
    s.nseg = int((s.L / (0.1 * h.lambda_f(100, sec=s)) + .999) / 2) * 2 + 1
for s in secs:
    print("nseg", s.name(), s.nseg, repr(sum(seg.area() for seg in s)))
sys.stdout.flush()
h.topology()
sys.stdout.flush()
for s in secs:
    s.insert("hh")
ic = h.IClamp(secs[0](0.5))
ic.delay = 1
ic.dur = 1
ic.amp = 2
v = h.Vector().record(secs[0](0.5)._ref_v)
h.finitialize(-65)
h.continuerun(5)
for k in range(len(v)):
    print(repr(v[k]))
'''

OUR_SIDE = r'''
load_swc cell.swc
set secs [sections]
# the area of a section's segments, in order (as NEURON's sum over the section)
proc areasum {s} {
    set a 0.0
    foreach g [segments $s] { set a [expr {$a + [getval $g.area]}] }
    return $a
}
foreach s $secs { puts "sec $s [getval $s.L] [areasum $s]" }
foreach s $secs { setval $s.Ra 100 $s.cm 1 }
geom_nseg -freq 100 -d_lambda 0.1
foreach s $secs { puts "nseg $s [getval $s.nseg] [areasum $s]" }
puts -nonewline [topology]
insert hh
set soma [lindex $secs 0]
IClamp ic ${soma}(0.5) -delay 1 -dur 1 -amp 2
record ${soma}(0.5).v
finitialize -65
continuerun 5
'''


def make_swc(seed):
    """The SWC text of one seed."""
    r = random.Random(seed)
    pts = []

    def add(kind, x, y, z, rad, parent):
        pts.append((len(pts) + 1, kind, x, y, z, rad, parent))
        return len(pts)

    style, sr = r.choice(["one", "three", "stack", "stack", "contour"]), round(r.uniform(3, 12), 3)
    if style == "one":
        soma = [add(1, 0, 0, 0, sr, -1)]
    elif style == "three":
        c = add(1, 0, 0, 0, sr, -1)
        soma = [c, add(1, 0, -sr, 0, sr, c), add(1, 0, sr, 0, sr, c)]
    else:
        n, prev, soma = r.randint(2, 8) if style == "stack" else r.randint(4, 10), -1, []
        for i in range(n):
            if style == "stack":
                p = (round(r.uniform(-1, 1), 3), round(i * r.uniform(1, 4) - 8, 3), 0, round(r.uniform(1, 8), 3))
            else:
                a = 2 * math.pi * i / n
                p = (round(sr * math.cos(a), 3), round(sr * math.sin(a), 3), 0, round(r.uniform(0.5, 2), 3))
            prev = add(1, *p, prev)
            soma.append(prev)
    for _ in range(r.randint(1, 5)):
        kind, start = r.choice([2, 3, 3, 4]), r.choice(soma)
        todo = [(start, r.uniform(0.3, 2.5), 0)]
        while todo and len(pts) < 400:
            parent, rad, depth = todo.pop()
            x, y, z = pts[parent - 1][2:5]
            step = (r.uniform(-5, 5), r.uniform(-5, 5), r.uniform(-5, 5))
            for _ in range(r.randint(1, 12)):
                if r.random() < 0.03:  # the parent's point again: a zero-length piece
                    x, y, z = pts[parent - 1][2:5]
                else:
                    x, y, z = (round(c + d + r.uniform(-1, 1), 3) for c, d in zip((x, y, z), step))
                rad = round(max(0.05, rad * r.uniform(0.85, 1.05)), 3)
                parent = add(kind if r.random() > 0.02 else r.choice([2, 3, 4]), x, y, z, rad, parent)
            if depth < 4 and r.random() < 0.6:
                todo += [(parent, rad, depth + 1)] * r.choice([2, 2, 3])
    return "".join("%d %d %r %r %r %r %d\n" % p for p in pts)


def ours_as_neuron(text):
    """nrn-run's output with its CSV (t, v) cut to the v column, as the NEURON side prints it."""
    return [line.split(",")[1] if "," in line else line for line in text.split("\n") if not line.startswith("t,")]


def same_number(x, y):
    try:
        return float(x) == float(y)
    except ValueError:
        return False


def run_seed(seed, d, args):
    """The morphology of one seed in folder d, imported both ways: None if they agree."""
    for name, text in (("cell.swc", make_swc(seed)), ("nrn_side.py", NEURON_SIDE), ("ours.tcl", OUR_SIDE)):
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    theirs = subprocess.run([sys.executable, "nrn_side.py"], capture_output=True, text=True, cwd=d)
    ours = subprocess.run([os.path.join(args.bin, "nrn-run"), "ours.tcl"], capture_output=True, text=True, cwd=d)
    if theirs.returncode and ours.returncode:
        return None
    if theirs.returncode:
        return "NEURON refuses it, nrn-run does not: " + theirs.stderr.strip()[-200:]
    if ours.returncode:
        return "nrn-run refuses it, NEURON does not: " + ours.stderr.strip()[:200]
    a, b = ours_as_neuron(ours.stdout), theirs.stdout.split("\n")
    for i in range(max(len(a), len(b))):
        x, y = (a[i] if i < len(a) else "(end)"), (b[i] if i < len(b) else "(end)")
        if x != y and not same_number(x, y):
            return "line %d: %r, NEURON %r" % (i + 1, x, y)
    return None


def main():
    args = seeds.parser(__doc__).parse_args()
    return seeds.run(args, "diff_swc", lambda seed, d: run_seed(seed, d, args),
                     "morphologies, against NEURON's Import3d")


if __name__ == "__main__":
    sys.exit(main())
