# A kinetic synapse (tests/nmodl/nrn/kinsynmod.mod, KinSyn: events add transmitter, a nonlinear
# binding step, CONSERVE; METHOD sparse) compiled by NEURON 8.2.2's nrnivmodl and run in NEURON:
# soma 20x20 with hh, KinSyn at soma(0.5) driven by a NetStim (start 5, interval 8, number 4,
# weight 1, delay 1); t, v and the synapse's O, T, D and i for 50 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_kinsyn.py > nmodl_kinsyn.csv
from neuron import h
from _nmodl_common import load_test_mechanisms, run_print
load_test_mechanisms()
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20; soma.insert("hh")
syn = h.KinSyn(soma(0.5))
ns = h.NetStim(); ns.start = 5; ns.interval = 8; ns.number = 4; ns.noise = 0
nc = h.NetCon(ns, syn); nc.weight[0] = 1; nc.delay = 1
cols = [("t", h._ref_t), ("soma(0.5).v", soma(0.5)._ref_v), ("syn.O", syn._ref_O),
        ("syn.T", syn._ref_T), ("syn.D", syn._ref_D), ("syn.i", syn._ref_i)]
run_print(cols, 50)
