# Spike demo: soma L 10 diam 10 hh (Ra 35.4) with four identical IClamps at soma(0.5) (dur 0.5, amp 0.1,
# delays 2, 13, 27, 40); spike detector NetCon nc on soma(0.5).v (threshold 10, no target). The pulse at
# 13 falls in the relative refractory period and fails; the other three give the spike times quoted for
# the scripting-course spike demo: 3.225000000100012, 28.20000000009893, 41.70000000010092 (this model
# was found by matching those times; the original course script was not available). 50 ms.
# Run: /usr/bin/python3 spike_demo.py > spike_demo.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 10; soma.diam = 10; soma.insert("hh")
stims = []
for delay in (2, 13, 27, 40):
    ic = h.IClamp(soma(0.5)); ic.delay = delay; ic.dur = 0.5; ic.amp = 0.1
    stims.append(ic)
spk = h.Vector(); nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma); nc.record(spk)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.finitialize(-65)
h.continuerun(50)
print("# spikes nc: " + " ".join(repr(x) for x in spk))
print("t,soma(0.5).v")
for i in range(len(t)):
    print(f"{t[i]!r},{v[i]!r}")
