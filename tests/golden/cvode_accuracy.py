# CVODE accuracy and work of NEURON 8.2.2 on two models, at atol 1e-3 and 1e-5 and the
# tight "truth" at atol 1e-8 (rtol 0, condition_order 2: interpolated spike times):
#   hh_step:   hh soma 20x20 um, IClamp del 1 dur 40 amp 0.1 (repetitive firing), 50 ms
#   ballstick: the ballstick_netstim.py model (hh soma, pas dend nseg 9, ExpSyn <- NetStim)
#   axon:      bench/neuron/cvode_axon.hoc's axon (hh, nseg 1001, 10 mm), 40 ms, measured at
#              its far end x = 1 - 0.5/1001
# One line per run: NAME ATOL steps fevals nspikes spike times ; v every 5 ms to the end
# (cvode.solve to each time: CVODE's interpolation, the step sequence is not disturbed).
# steps and fevals are cvode.statistics()'s advance_tn and function evaluations.
# Run: /usr/bin/python3 cvode_accuracy.py > cvode_accuracy.txt
# With the argument "spread": NEURON's own spread of those errors on the two models whose
# spikes are chaotic in the step sequence (hh_step, ballstick) at atol 1e-3 and 1e-5: the
# soma's gnabar_hh changed by k * 1e-13 (relative, k = 0..7), which moves the steps by
# rounding only; one line per model and atol: NAME ATOL largest spike-time error, largest
# v error (every 5 ms) of the eight runs against the unperturbed truth at atol 1e-8, and
# the largest number of function evaluations among them.
# (cvode_spread.py runs this mode: /usr/bin/python3 cvode_spread.py > cvode_spread.txt)
import os, re, sys, tempfile
from neuron import h
h.load_file("stdrun.hoc")


def hh_step():
    soma = h.Section(name="soma"); soma.L = soma.diam = 20
    soma.insert("hh")
    ic = h.IClamp(soma(0.5)); ic.delay = 1; ic.dur = 40; ic.amp = 0.1
    return soma(0.5), [soma, ic]


def axon():
    ax = h.Section(name="axon"); ax.nseg = 1001; ax.L = 10000; ax.diam = 1; ax.Ra = 100
    ax.insert("hh")
    ic = h.IClamp(ax(0.5 / 1001)); ic.delay = 1; ic.dur = 0.5; ic.amp = 1
    return ax(1 - 0.5 / 1001), [ax, ic]


def ballstick():
    soma = h.Section(name="soma"); soma.L = soma.diam = 12.6157; soma.insert("hh")
    dend = h.Section(name="dend"); dend.L = 200; dend.diam = 1; dend.nseg = 9
    dend.insert("pas"); dend.g_pas = 0.001; dend.e_pas = -65
    dend.connect(soma(1))
    for s in (soma, dend): s.Ra = 100
    ns = h.NetStim(); ns.start = 5; ns.interval = 8; ns.number = 5; ns.noise = 0
    syn = h.ExpSyn(dend(0.5)); syn.tau = 2; syn.e = 0
    nc = h.NetCon(ns, syn); nc.delay = 1; nc.weight[0] = 0.04
    return soma(0.5), [soma, dend, ns, syn, nc]


def stats(cv):
    """advance_tn and function evaluations from cvode.statistics() (printed by C)."""
    sys.stdout.flush()
    with tempfile.TemporaryFile(mode="w+") as f:
        fd = os.dup(1); os.dup2(f.fileno(), 1)
        cv.statistics()
        os.dup2(fd, 1); os.close(fd)
        f.seek(0); text = f.read()
    return (int(re.search(r"(\d+) advance_tn", text).group(1)),
            int(re.search(r"(\d+) function evaluations", text).group(1)))


def run(build, tstop, atol, k=0):
    """spike times and v every 5 ms at atol, the soma's gnabar_hh changed by k * 1e-13."""
    site, keep = build()
    if k:
        site.sec(0.5).gnabar_hh = 0.12 * (1 + k * 1e-13)
    cv.active(1); cv.atol(atol); cv.rtol(0); cv.condition_order(2)
    det = h.NetCon(site._ref_v, None, sec=site.sec); det.threshold = 10
    spk = h.Vector(); det.record(spk)
    h.finitialize(-65)
    vs = []
    for j in range(1, tstop // 5 + 1):
        cv.solve(5.0 * j)
        vs.append(site.v)
    return list(spk), vs


cv = h.CVode()
if sys.argv[1:] == ["spread"]:
    print("# NEURON 8.2.2's spread (cvode_accuracy.py spread): NAME ATOL max spike-time error,"
          " max v error, max fevals of 8 runs")
    for name, build in (("hh_step", hh_step), ("ballstick", ballstick)):
        tsp, tv = run(build, 50, 1e-8)
        for atol in (1e-3, 1e-5):
            es = ev = nf = 0
            for k in range(8):
                sp, vs = run(build, 50, atol, k)
                es = max([es] + [abs(a - b) for a, b in zip(sp, tsp)])
                ev = max([ev] + [abs(a - b) for a, b in zip(vs, tv)])
                nf = max(nf, stats(cv)[1])
            print(name, repr(atol), repr(es), repr(ev), nf)
    sys.exit(0)
for name, build, tstop in (("hh_step", hh_step, 50), ("ballstick", ballstick, 50),
                           ("axon", axon, 40)):
    for atol in (1e-3, 1e-5, 1e-8):
        spk, vs = run(build, tstop, atol)
        steps, fevals = stats(cv)
        print(name, repr(atol), steps, fevals, len(spk), " ".join(repr(x) for x in spk), ";",
              " ".join(repr(x) for x in vs))
