# The axon of tests/cross/axon.tcl: ax L 3000 diam 1 nseg 101 with hh (Ra 35.4); ExpSyn syn at
# ax(0.3) tau 2 e 0 driven by NetStim ns start 1 interval 6 number 6 noise 0 (NetCon delay 0.5
# weight 0.02); IClamp at ax(0) del 25 dur 1 amp 0.3; APCount apc at ax(0.9). The comment line
# gives apc.n and the times apc.record collected. 40 ms. (cross_axon_se.py: with an SEClamp.)
# Run: /usr/bin/python3 cross_axon.py > cross_axon.csv
from neuron import h

def run(seclamp=False):
    """Prints the run; seclamp: an SEClamp at ax(1), -65/-30/-65 mV for 10/10/5 ms, rs 1, and
    its current as a last column."""
    h.load_file("stdrun.hoc")
    ax = h.Section(name="ax"); ax.L = 3000; ax.diam = 1; ax.nseg = 101
    ax.insert("hh")
    syn = h.ExpSyn(ax(0.3)); syn.tau = 2; syn.e = 0
    ns = h.NetStim(); ns.start = 1; ns.interval = 6; ns.number = 6; ns.noise = 0
    nc = h.NetCon(ns, syn); nc.delay = 0.5; nc.weight[0] = 0.02
    ic = h.IClamp(ax(0)); ic.delay = 25; ic.dur = 1; ic.amp = 0.3
    apc = h.APCount(ax(0.9)); times = h.Vector(); apc.record(times)
    cols = [("ax(0.1).v", ax(0.1)._ref_v), ("ax(0.5).v", ax(0.5)._ref_v),
            ("ax(0.9).v", ax(0.9)._ref_v), ("syn.g", syn._ref_g)]
    if seclamp:
        se = h.SEClamp(ax(1)); se.dur1 = 10; se.amp1 = -65; se.dur2 = 10; se.amp2 = -30
        se.dur3 = 5; se.amp3 = -65; se.rs = 1
        cols.append(("se.i", se._ref_i))
    t = h.Vector().record(h._ref_t)
    vecs = [h.Vector().record(r) for _, r in cols]
    h.tstop = 40
    h.finitialize(-65)
    h.continuerun(40)
    print("# apc " + repr(apc.n) + ": " + " ".join(repr(x) for x in times))
    print("t," + ",".join(name for name, _ in cols))
    for i in range(len(t)):
        print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))

if __name__ == "__main__":
    run()
