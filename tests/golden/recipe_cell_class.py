# recipes/cell-class.tcl in NEURON: 1000 ball-and-stick cells made by a "class" (a Python
# function), a pulse at cell7's dendrite end, cell7's soma recorded; run() with tstop 25.
# Run: /usr/bin/python3 recipe_cell_class.py > recipe_cell_class.csv
from neuron import h
h.load_file("stdrun.hoc")

def ballstick(prefix):
    soma = h.Section(name=prefix + ".soma"); soma.L = 12.6157; soma.diam = 12.6157
    dend = h.Section(name=prefix + ".dend"); dend.L = 200; dend.diam = 1; dend.nseg = 5
    for s in (soma, dend):
        s.Ra = 100; s.cm = 1
    dend.connect(soma(1))
    soma.insert("hh"); dend.insert("pas")
    soma.gnabar_hh = 0.12; soma.gkbar_hh = 0.036; soma.gl_hh = 0.0003; soma.el_hh = -54.3
    dend.g_pas = 0.001; dend.e_pas = -65
    return soma, dend

cells = [ballstick(f"cell{i}") for i in range(1000)]
stim = h.IClamp(cells[7][1](1)); stim.delay = 5; stim.dur = 1; stim.amp = 0.3
t = h.Vector().record(h._ref_t)
v = h.Vector().record(cells[7][0](0.5)._ref_v)
h.tstop = 25
h.run()
print("t,soma_v")
for a, b in zip(t, v):
    print(f"{a!r},{b!r}")
