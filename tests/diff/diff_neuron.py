#!/usr/bin/python3
"""diff_neuron.py: random models run by nrn-run and by NEURON 8.2.2, every record compared bit for bit.

The goldens check chosen models; this checks the ones nobody chose. Each seed builds one model
twice, as a Tcl script for nrn-run and as a Python script for NEURON, from the same random
draws: one to seventeen cells (often identical, so that the engine lays them out as interleaved
blocks), each a random tree of up to 12 sections or a balanced binary or ternary one of up to 364
(one nseg per depth, so that its depths run as interleaved units) (random nseg, L, diam, Ra, cm, attachment
points), hh and pas, with --mod the translated channels of bench/nmodl, random parameters and
celsius, IClamps, an SEClamp, an AlphaSynapse, ExpSyns driven by a NetStim and by NetCons
between the cells, dt 0.01 to 0.05, secondorder 0 or 2, sometimes a parameter changed between
two continueruns. Both record t, v at random places and some m_hh (a quarter of the models
every 1.5 or 4 steps, NEURON's record(&x, Dt)); nrn-run's CSV and NEURON's
repr() output must hold the same doubles. The fixed step only: CVODE differs in the last
bits between the two CVODE versions.

Usage: diff_neuron.py --seeds A:B [--threads N] [--mod OURS.so:NEURON.so] [--bin DIR] [--dir DIR]
A seed's scripts stay in DIR/sSEED (default a temporary folder) when it fails, with the reason
on stdout; exit status 1 if any seed failed. make diffcheck runs it (tests/diff/run.sh).
"""
import os
import random
import subprocess
import sys

import seeds

# Mechanism sets a section may take: the built-ins, and with --mod those of bench/nmodl
# (SUFFIXes; hh1/hh2 are hh-like, HHna/HHk split hh, the rest move calcium and sodium).
BUILTIN_SETS = ["hh", "pas", "hh pas", "hh"]
MOD_SETS = ["HHna HHk Passive", "hh cachan1 capump", "hh2", "hh1 cagk cacur", "pas nacax nacur",
            "HHna HHk pas cachan cagk", "hh1 hh"]


class Model:
    """The same model written twice: tcl lines for nrn-run, py lines for NEURON."""

    def __init__(self):
        self.tcl = []
        self.py = ["from neuron import h", "h.load_file('stdrun.hoc')", "S = {}", "O = {}"]

    def both(self, tcl, py):
        self.tcl.append(tcl)
        self.py.append(py)


def make_shape(r, mod):
    """A random tree: (index, parent index or -1, parent x, L, diam, nseg, mechs, Ra, cm)."""
    sets = BUILTIN_SETS + (MOD_SETS if mod else [])
    shape = []
    if r.random() < 0.25:  # a balanced tree: one nseg per depth, so its depths become units
        k, depth, level, parents = r.choice([2, 2, 3]), r.randint(2, 5), 0, [-1]
        while level <= depth:
            nseg, children = r.choice([1, 2, 3, 5]), []
            for parent in parents:
                for _ in range(1 if parent < 0 else k):
                    children.append(len(shape))
                    shape.append((len(shape), parent, 1, round(r.uniform(5, 200), 2), round(r.uniform(0.3, 5), 2),
                                  nseg, r.choice(sets), 100, 1))
            parents, level = children, level + 1
        return shape
    for i in range(r.randint(1, 12)):
        parent = -1 if i == 0 else r.randrange(0, i)
        shape.append((i, parent, r.choice([0, 0.3, 0.5, 1, 1, 1]), round(r.uniform(5, 300), 2),
                      round(r.uniform(0.3, 20), 2), r.choice([1, 1, 2, 3, 5, 7, 11]), r.choice(sets),
                      r.choice([35.4, 100, 150.5]), r.choice([1, 1, 0.8, 2])))
    return shape


def build(seed, mod):
    """The model of one seed: a Model and the value paths it records (t first)."""
    r = random.Random(seed)
    m = Model()
    if mod:
        m.both("load_mechanisms %s" % mod[0], "h.nrn_load_dll(%r)" % mod[1])
    celsius = r.choice([6.3, 6.3, 16, 37])
    m.both("setval celsius %r" % celsius, "h.celsius = %r" % celsius)
    ncell = r.choice([1, 1, 2, 3, 8, 9, 16, 17])
    shared = make_shape(r, mod) if r.random() < 0.6 else None
    cells, secs = [], []
    for c in range(ncell):
        names = []
        for (i, parent, px, length, diam, nseg, mechs, ra, cm) in shared or make_shape(r, mod):
            name = "c%d_s%d" % (c, i)
            names.append(name)
            m.both("section %s -L %r -diam %r -nseg %d -Ra %r -cm %r" % (name, length, diam, nseg, ra, cm),
                   "s = S[%r] = h.Section(name=%r); s.L = %r; s.diam = %r; s.nseg = %d; s.Ra = %r; s.cm = %r"
                   % (name, name, length, diam, nseg, ra, cm))
            for mech in mechs.split():
                m.both("insert %s %s" % (mech, name), "s.insert(%r)" % mech)
            if parent >= 0:
                m.both("connect %s %s(%r)" % (name, names[parent], px),
                       "s.connect(S[%r](%r), 0)" % (names[parent], px))
            secs.append((name, mechs.split()))
        cells.append(names)
    for name, mechs in r.sample(secs, min(len(secs), r.randint(0, 4))):
        if "hh" in mechs:
            g = round(r.uniform(0.05, 0.2), 4)
            m.both("setval %s.gnabar_hh %r" % (name, g), "S[%r].gnabar_hh = %r" % (name, g))
        if "pas" in mechs:
            e = round(r.uniform(-80, -55), 2)
            m.both("setval %s.e_pas %r" % (name, e), "S[%r].e_pas = %r" % (name, e))
    for c in range(ncell):
        if r.random() < 0.7:
            name, x = r.choice(cells[c]), r.choice([0.5, 0.1, 0.9, 1.0])
            de, du, amp = round(r.uniform(0, 5), 3), round(r.uniform(0.1, 20), 3), round(r.uniform(-0.2, 2), 3)
            m.both("IClamp ic%d %s(%r) -delay %r -dur %r -amp %r" % (c, name, x, de, du, amp),
                   "o = O['ic%d'] = h.IClamp(S[%r](%r)); o.delay = %r; o.dur = %r; o.amp = %r"
                   % (c, name, x, de, du, amp))
    if r.random() < 0.15:
        name = r.choice(cells[r.randrange(ncell)])
        m.both("SEClamp se %s(0.5) -dur1 2 -amp1 -50 -dur2 3 -amp2 -20 -dur3 4 -amp3 -70 -rs 0.5" % name,
               "o = O['se'] = h.SEClamp(S[%r](0.5)); o.dur1 = 2; o.amp1 = -50; o.dur2 = 3; o.amp2 = -20; "
               "o.dur3 = 4; o.amp3 = -70; o.rs = 0.5" % name)
    if r.random() < 0.2:
        name = r.choice(cells[r.randrange(ncell)])
        m.both("AlphaSynapse as %s(0.5) -onset 2 -tau 0.7 -gmax 0.05 -e 0" % name,
               "o = O['as'] = h.AlphaSynapse(S[%r](0.5)); o.onset = 2; o.tau = 0.7; o.gmax = 0.05; o.e = 0" % name)
    nsyn = r.randint(0, 3) if ncell > 1 or r.random() < 0.5 else 0
    for k in range(nsyn):
        name, tau = r.choice(cells[r.randrange(ncell)]), round(r.uniform(0.5, 5), 2)
        m.both("ExpSyn syn%d %s(0.5) -tau %r -e 0" % (k, name, tau),
               "o = O['syn%d'] = h.ExpSyn(S[%r](0.5)); o.tau = %r; o.e = 0" % (k, name, tau))
    if nsyn and r.random() < 0.7:
        start, interval, w = round(r.uniform(0, 5), 2), round(r.uniform(2, 10), 2), round(r.uniform(0.001, 0.05), 4)
        m.both("NetStim ns -start %r -interval %r -number 5 -noise 0" % (start, interval),
               "o = O['ns'] = h.NetStim(); o.start = %r; o.interval = %r; o.number = 5; o.noise = 0"
               % (start, interval))
        m.both("NetCon ncs ns syn0 -delay 1 -weight %r" % w,
               "o = O['ncs'] = h.NetCon(O['ns'], O['syn0']); o.delay = 1; o.weight[0] = %r" % w)
    for k in range(nsyn):
        name = cells[r.randrange(ncell)][0]
        delay, w = round(r.uniform(0.5, 4), 3), round(r.uniform(0.001, 0.05), 4)
        m.both("NetCon nc%d %s(0.5).v syn%d -threshold 0 -delay %r -weight %r" % (k, name, k, delay, w),
               "o = O['nc%d'] = h.NetCon(S[%r](0.5)._ref_v, O['syn%d'], sec=S[%r]); o.threshold = 0; "
               "o.delay = %r; o.weight[0] = %r" % (k, name, k, name, delay, w))
    paths = ["t"]
    refs = ["h._ref_t"]
    for name, mechs in r.sample(secs, min(len(secs), 6)):
        x = r.choice([0, 0.5, 1, 0.25])
        paths.append("%s(%r).v" % (name, x))
        refs.append("S[%r](%r)._ref_v" % (name, x))
        if "hh" in mechs and r.random() < 0.3:
            paths.append("%s(0.5).m_hh" % name)
            refs.append("S[%r](0.5)._ref_m_hh" % name)
    dt, tstop, so = r.choice([0.025, 0.025, 0.01, 0.05]), r.choice([10, 20, 30]), r.choice([0, 0, 0, 2])
    m.both("setval dt %r secondorder %d" % (dt, so), "h.dt = %r; h.secondorder = %d" % (dt, so))
    # a quarter of the models record every `every` ms (NEURON's record(&x, Dt)); its own
    # generator, so that the other draws, and so the models of the seeds, stay as they were
    every = random.Random(seed + 104729).choice([0, 0, 0, 0, 0, 0, 4 * dt, 1.5 * dt])
    for p in paths[1:]:
        m.tcl.append("record %s" % p + (" -dt %r" % every if every else ""))
    m.py.append("vecs = [h.Vector().record(x%s) for x in (%s,)]"
                % (", %r" % every if every else "", ", ".join(refs)))
    m.both("finitialize -65", "h.finitialize(-65)")
    if r.random() < 0.3:  # a change between two continueruns
        m.both("continuerun %r" % (tstop / 2), "h.continuerun(%r)" % (tstop / 2))
        name, mechs = r.choice(secs)
        if "hh" in mechs:
            m.both("setval %s.gkbar_hh 0.02" % name, "S[%r].gkbar_hh = 0.02" % name)
        else:
            m.both("setval %s.diam 3" % name, "S[%r].diam = 3" % name)
    m.both("continuerun %r" % tstop, "h.continuerun(%r)" % tstop)
    m.py.append("print(%r)" % ",".join(paths))
    m.py.append("for i in range(len(vecs[0])):\n    print(','.join(repr(v[i]) for v in vecs))")
    return m


def compare(ours, theirs):
    """None if the two CSV texts hold the same header and the same doubles, else why not."""
    a, b = ours.strip().split("\n"), theirs.strip().split("\n")
    if a[0] != b[0]:
        return "header: %s | NEURON: %s" % (a[0], b[0])
    if len(a) != len(b):
        return "%d rows, NEURON %d" % (len(a) - 1, len(b) - 1)
    names = a[0].split(",")
    for i in range(1, len(a)):
        x, y = [float(s) for s in a[i].split(",")], [float(s) for s in b[i].split(",")]
        for j in range(len(x)):
            if x[j] != y[j] and not (x[j] != x[j] and y[j] != y[j]):
                return "row %d (t %r), %s: %r, NEURON %r" % (i, x[0], names[j], x[j], y[j])
    return None


def run_seed(seed, d, args, mod):
    """The model of one seed in folder d, run both ways: None if they agree, else why not."""
    m = build(seed, mod)
    with open(os.path.join(d, "model.tcl"), "w") as f:
        f.write("\n".join(m.tcl) + "\n")
    with open(os.path.join(d, "model.py"), "w") as f:
        f.write("\n".join(m.py) + "\n")
    ours = subprocess.run([os.path.join(args.bin, "nrn-run"), "--threads", str(args.threads), "model.tcl"],
                          capture_output=True, text=True, cwd=d)
    if ours.returncode:
        return "nrn-run failed: " + ours.stderr.strip()[:300]
    theirs = subprocess.run([sys.executable, "model.py"], capture_output=True, text=True, cwd=d)
    if theirs.returncode:
        return "NEURON failed: " + theirs.stderr.strip()[-300:]
    return compare(ours.stdout, theirs.stdout)


def main():
    ap = seeds.parser(__doc__)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--mod", help="OURS.so:NEURON.so, bench/nmodl built by nrn-build mod and by nrnivmodl")
    args = ap.parse_args()
    mod = [os.path.abspath(p) for p in args.mod.split(":")] if args.mod else None
    what = "models on %d thread%s%s, against NEURON" % (args.threads, "s" if args.threads > 1 else "",
                                                       " with bench/nmodl's channels" if mod else "")
    return seeds.run(args, "diff_neuron", lambda seed, d: run_seed(seed, d, args, mod), what)


if __name__ == "__main__":
    sys.exit(main())
