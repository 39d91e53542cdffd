# Reference for recipes/spike-demo.tcl: the spike times it prints to stderr, one per line as
# Python prints them. The model is spike_demo.py's (hh soma 10x10, four IClamps dur 0.5 amp 0.1 at
# 2, 13, 27, 40 ms, spike detector on soma(0.5).v, 50 ms); the recipe's CSV is spike_demo.csv
# without its first line.
# Run: /usr/bin/python3 recipe_spike_demo.py > recipe_spike_demo.txt
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 10; soma.diam = 10; soma.insert("hh")
stims = []
for delay in (2, 13, 27, 40):
    ic = h.IClamp(soma(0.5)); ic.delay = delay; ic.dur = 0.5; ic.amp = 0.1
    stims.append(ic)
spike_times = h.Vector()
nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma); nc.record(spike_times)
h.finitialize(-65)
h.continuerun(50)
for t in spike_times:
    print(t)
