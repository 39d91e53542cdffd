# dt changed between continueruns, then secondorder: NEURON recomputes cj (the capacitance's
# 1/dt or 2/dt) only when dt changes, so secondorder 1 runs with the cj of secondorder 0 until
# the next dt change. Two hh somas (20x20, in separate cells, so nrn runs them on 2 threads),
# an IClamp of 0.1 nA from 1 ms for 30 ms on the first; dt 0.025 to 10 ms, 0.0125 to 20 ms,
# then secondorder 1; t and both v at 30 and 40 ms (the same with pc.nthread(2)).
# Run: /usr/bin/python3 cross_dtso.py > cross_dtso.txt
from neuron import h
h.load_file("stdrun.hoc")
a = h.Section(name="a"); a.L = a.diam = 20; a.insert("hh")
b = h.Section(name="b"); b.L = b.diam = 20; b.insert("hh")
ic = h.IClamp(a(0.5)); ic.delay = 1; ic.dur = 30; ic.amp = 0.1
h.finitialize(-65)
h.continuerun(10)
h.dt = 0.0125
h.continuerun(20)
h.secondorder = 1
for T in (30, 40):
    h.continuerun(T)
    print(repr(h.t), repr(a(0.5).v), repr(b(0.5).v))
