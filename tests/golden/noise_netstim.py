# NetStim with noise (for the record only: our engine deliberately uses a different random generator).
# NetStim ns start 1, interval 5, number 6, noise 0.5, default seed, fresh process, no sections.
# Spike times (NetCon(ns, None).record): run1 = first finitialize(-65)/continuerun(50); run2 = a second
# finitialize/continuerun(50) (the random stream continues); run3 = a third run after ns.seed(1) (run1
# repeats). Run: /usr/bin/python3 noise_netstim.py > noise_netstim.txt
from neuron import h
h.load_file("stdrun.hoc")
ns = h.NetStim(); ns.start = 1; ns.interval = 5; ns.number = 6; ns.noise = 0.5
spk = h.Vector(); nc = h.NetCon(ns, None); nc.record(spk)
for label in ("run1", "run2", "run3"):
    if label == "run3":
        ns.seed(1)
    h.finitialize(-65)
    h.continuerun(50)
    print(f"# spikes {label}: " + " ".join(repr(x) for x in spk))
