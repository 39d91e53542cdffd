# LINEAR and NONLINEAR blocks compiled by NEURON 8.2.2's nrnivmodl and run in NEURON, three
# unconnected sections for 30 ms: soma 20x20 with hh clamped by vc1 (tests/nmodl/nrn/vclmp1mod.mod,
# NEURON's example: LINEAR solved from a FUNCTION; dur 5/10/15, amp -65/-30/-65); spine 10x10
# with pas and ExpSynSpine (expsynspinemod.mod: LINEAR from a PROCEDURE; tau 2, rsp 20) driven
# by a NetStim (start 3, interval 6, number 4, weight 0.005); nl 10x10 with pas and nltest
# (nltestmod.mod: NONLINEAR solved by BREAKPOINT), IClamp 2/10/0.05.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_linear.py > nmodl_linear.csv
from neuron import h
from _nmodl_common import load_test_mechanisms, run_print
load_test_mechanisms()
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20; soma.insert("hh")
spine = h.Section(name="spine"); spine.L = spine.diam = 10; spine.insert("pas")
nl = h.Section(name="nl"); nl.L = nl.diam = 10; nl.insert("pas"); nl.insert("nltest")
vc = h.vc1(soma(0.5))
for k, (d, a) in enumerate(((5, -65), (10, -30), (15, -65))):
    vc.dur[k] = d
    vc.amp[k] = a
syn = h.ExpSynSpine(spine(0.5)); syn.tau = 2; syn.rsp = 20
ns = h.NetStim(); ns.start = 3; ns.interval = 6; ns.number = 4; ns.noise = 0
nc = h.NetCon(ns, syn); nc.weight[0] = 0.005; nc.delay = 1
ic = h.IClamp(nl(0.5)); ic.delay = 2; ic.dur = 10; ic.amp = 0.05
cols = [("t", h._ref_t), ("soma(0.5).v", soma(0.5)._ref_v), ("vc.I", vc._ref_I),
        ("spine(0.5).v", spine(0.5)._ref_v), ("syn.i", syn._ref_i), ("syn.vsp", syn._ref_vsp),
        ("syn.g", syn._ref_g), ("nl(0.5).v", nl(0.5)._ref_v), ("nl(0.5).xx_nltest",
        nl(0.5)._ref_xx_nltest), ("nl(0.5).yy_nltest", nl(0.5)._ref_yy_nltest)]
run_print(cols, 30)
