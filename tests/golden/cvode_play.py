# A continuous Vector.play under NEURON 8.2.2's CVODE (atol 1e-5): a 20x20 um pas soma, an
# IClamp (del 0, dur 1e9) whose amp plays {0 0.1 0.2 0.05 0.05 0} at t {0 2 4 4 6 10}
# (-continuous; a jump at 4). NEURON restarts CVODE at every time of the play (its
# statistics() count: the first line, "inits N"); then v every 1 ms to 12 ms by
# cvode.solve (interpolated), "t,v".
# Run: /usr/bin/python3 cvode_play.py > cvode_play.csv
import os, re, tempfile
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma"); soma.L = soma.diam = 20; soma.insert("pas")
ic = h.IClamp(soma(0.5)); ic.delay = 0; ic.dur = 1e9
tv = h.Vector([0, 2, 4, 4, 6, 10]); av = h.Vector([0, 0.1, 0.2, 0.05, 0.05, 0])
av.play(ic._ref_amp, tv, 1)
cv = h.CVode(); cv.active(1); cv.atol(1e-5)
h.finitialize(-65)
rows = []
for k in range(1, 13):
    cv.solve(k)
    rows.append((h.t, soma(0.5).v))
with tempfile.TemporaryFile(mode="w+") as f:
    fd = os.dup(1); os.dup2(f.fileno(), 1)
    cv.statistics()
    os.dup2(fd, 1); os.close(fd)
    f.seek(0); text = f.read()
print("# inits", re.search(r"(\d+) init", text).group(1))
print("t,v")
for a, b in rows:
    print(f"{a!r},{b!r}")
