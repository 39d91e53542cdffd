# Reference for recipes/savestate.tcl, the scripting course's SaveState tip: run the initial
# period once, save, then for each value of a parameter restore and run only the part that differs.
# Cell: soma L 20 diam 20 hh, dend L 500 diam 2 nseg 11 pas (g 1e-4, e -70) at soma(1), Ra 100;
# IClamp at soma(0.5) delay 205 dur 2; spike detector on soma(0.5).v. finitialize(-65),
# continuerun(200) (settling), save; then for amp in 0.05 .. 0.4: restore, IClamp amp, empty the
# spike vector, continuerun(230).
# Output: the table the recipe prints: amp, spike count, first spike time (empty if none), v at 230.
# Run: /usr/bin/python3 recipe_savestate.py > recipe_savestate.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 20; soma.diam = 20; soma.insert("hh")
dend = h.Section(name="dend"); dend.L = 500; dend.diam = 2; dend.nseg = 11
dend.insert("pas"); dend.g_pas = 1e-4; dend.e_pas = -70
dend.connect(soma(1))
for s in (soma, dend): s.Ra = 100
ic = h.IClamp(soma(0.5)); ic.delay = 205; ic.dur = 2; ic.amp = 0
spk = h.Vector(); det = h.NetCon(soma(0.5)._ref_v, None, sec=soma); det.record(spk)
h.finitialize(-65)
h.continuerun(200)
ss = h.SaveState(); ss.save()
print("amp,nspikes,first_spike,v_end")
for amp in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4):
    ss.restore()
    ic.amp = amp
    spk.resize(0)
    h.continuerun(230)
    first = repr(spk[0]) if len(spk) else ""
    print(f"{amp!r},{len(spk)},{first},{soma(0.5).v!r}")
