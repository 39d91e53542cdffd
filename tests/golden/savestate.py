# SaveState round trip: soma L 10 diam 10 hh (Ra 35.4), IClamp soma(0.5) del 1 dur 0.5 amp 0.3.
# finitialize(-65); continuerun(5); ss = SaveState(); ss.save(); continuerun(10) -> `straight`;
# ss.restore() (t back to 5); continuerun(10) -> `restored`. The recording vectors keep appending after
# the restore, so the restored run adds 200 points (t 5.025 .. 10); its t = 5 value is read right after
# restore(). Rows are t = 5 .. 10 (201 rows); `# identical` says whether both t and v agree exactly.
# Run: /usr/bin/python3 savestate.py > savestate.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 10; soma.diam = 10; soma.insert("hh")
ic = h.IClamp(soma(0.5)); ic.delay = 1; ic.dur = 0.5; ic.amp = 0.3
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.finitialize(-65)
h.continuerun(5)
k = len(t) - 1                      # index of the t = 5 point
ss = h.SaveState(); ss.save()
h.continuerun(10)
n = len(t)
ss.restore()
t_restored, v_restored = [h.t], [soma(0.5).v]
h.continuerun(10)
t_restored += list(t)[n:]; v_restored += list(v)[n:]
t_straight, v_straight = list(t)[k:n], list(v)[k:n]
print(f"# identical {t_straight == t_restored and v_straight == v_restored}")
print("t,straight,restored")
for i in range(len(t_straight)):
    print(f"{t_straight[i]!r},{v_straight[i]!r},{v_restored[i]!r}")
