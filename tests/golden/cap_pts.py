# Four IClamps at one node of a channel-free soma 10x10 (del 0, dur 1), 40 steps: same-type point processes at one
# node are summed newest first (reverse creation order; forward order changes the last bit). Run: /usr/bin/python3 cap_pts.py > cap_pts.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 10
amps = [-0.5240707458162173, -7.391544078297145, -0.5189292690574687, -8.689422815203739e-09]
ics = []
for a in amps:
    ic = h.IClamp(soma(0.5)); ic.delay = 0; ic.dur = 1; ic.amp = a
    ics.append(ic)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.finitialize(-65)
h.continuerun(1)
print("t,soma(0.5).v")
for a, b in zip(t, v):
    print(f"{a!r},{b!r}")
