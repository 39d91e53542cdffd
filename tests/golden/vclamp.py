# VClamp (two-electrode clamp) on an hh soma: soma L 10 diam 10 hh (Ra 35.4); VClamp vc at soma(0.5) with
# array parameters dur[0] 2, amp[0] -70, dur[1] 5, amp[1] -10, dur[2] 3, amp[2] -70; defaults gain 1e5,
# rstim 1, tau1 0.001, tau2 0 (clamp off after t = 10). 12 ms. Run: /usr/bin/python3 vclamp.py > vclamp.csv
from neuron import h
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = 10; soma.diam = 10; soma.insert("hh")
vc = h.VClamp(soma(0.5))
vc.dur[0] = 2; vc.amp[0] = -70; vc.dur[1] = 5; vc.amp[1] = -10; vc.dur[2] = 3; vc.amp[2] = -70
cols = [("soma(0.5).v", soma(0.5)._ref_v), ("vc.i", vc._ref_i), ("vc.vo", vc._ref_vo),
        ("vc.e", vc._ref_e), ("vc.vi", vc._ref_vi)]
t = h.Vector().record(h._ref_t)
vecs = [h.Vector().record(r) for _, r in cols]
h.finitialize(-65)
h.continuerun(12)
print("t," + ",".join(name for name, _ in cols))
for i in range(len(t)):
    print(",".join(repr(x) for x in [t[i]] + [v[i] for v in vecs]))
