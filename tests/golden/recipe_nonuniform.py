# recipes/nonuniform.tcl in NEURON: hh densities falling linearly with the distance from
# soma(1) along an apical dendrite; run() with tstop 10.
# Run: /usr/bin/python3 recipe_nonuniform.py > recipe_nonuniform.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 20; soma.diam = 20; soma.Ra = 160
ap = h.Section(name="ap"); ap.L = 400; ap.diam = 2; ap.nseg = 21; ap.Ra = 160
ap.connect(soma(1))
for s in (soma, ap):
    s.insert("hh")
maxd = h.distance(soma(1), ap(1))
for seg in ap:
    d = h.distance(soma(1), seg)
    seg.gnabar_hh = 0.12 * (1.0 - d / maxd)
    seg.gkbar_hh = 0.036 * (1.0 - d / maxd)
    seg.gl_hh = 0.0003 * (1.0 - d / maxd)
ic = h.IClamp(soma(0.5)); ic.delay = 1; ic.dur = 1; ic.amp = 0.5
cols = [h._ref_t, soma(0.5)._ref_v, ap(0.5)._ref_v, ap(0.9)._ref_v]
vecs = [h.Vector().record(r) for r in cols]
h.tstop = 10
h.run()
print("t,soma(0.5).v,ap(0.5).v,ap(0.9).v")
for i in range(len(vecs[0])):
    print(",".join(repr(vec[i]) for vec in vecs))
