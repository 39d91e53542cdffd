# NEURON's Frankenhaeuser-Huxley channels (tests/nmodl/nrn/fhmod.mod, SUFFIX fh: GLOBAL arrays inf[4]
# and tau[4] filled through a TABLE) compiled by NEURON 8.2.2's nrnivmodl and run in NEURON. Soma
# 20x20 with fh only, IClamp 5/20/0.3; t, v and the four states for 30 ms.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_fh.py > nmodl_fh.csv
from neuron import h
from _nmodl_common import load_test_mechanisms
load_test_mechanisms()
h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20
soma.insert("fh")
ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 20; ic.amp = 0.3
seg = soma(0.5)
names = ["v", "m_fh", "h_fh", "n_fh", "p_fh"]
recs = [h.Vector().record(h._ref_t)] + [h.Vector().record(getattr(seg, "_ref_" + n)) for n in names]
h.tstop = 30
h.run()
print(",".join(["t"] + ["soma(0.5)." + n for n in names]))
for row in zip(*recs):
    print(",".join(repr(x) for x in row))
