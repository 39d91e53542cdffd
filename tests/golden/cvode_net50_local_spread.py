# NEURON 8.2.2's own spread on cvode_net50_local.py's network under its local variable step:
# every soma's gnabar_hh changed by k * 1e-13 (relative, k = 0..7), which moves the steps by
# rounding only (the spikes there are chaotic in the step sequence, as on the hh soma of
# cvode_spread.py). One line per atol (1e-3, 1e-5): ATOL, the largest of the eight runs'
# largest spike-time errors, the largest of their mean errors (against the unperturbed
# truth: the global step at atol 1e-8 with interpolated crossings), and the largest of their
# f-evaluation counts (CVode.statistics(), summed over the cells).
# Run: /usr/bin/python3 cvode_net50_local_spread.py > cvode_net50_local_spread.txt
import os, runpy, sys

net = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cvode_net50_local.py"),
                     run_name="net50_local")
run, cells = net["run"], net["cells"]

truth = run(0, 1e-8, 2)[0]
print("# NEURON 8.2.2's spread (cvode_net50_local_spread.py): ATOL max spike-time error,"
      " max mean error, max fevals of 8 runs")
for atol in (1e-3, 1e-5):
    emax = emean = nf = 0
    for k in range(8):
        for c in cells:
            c[0](0.5).gnabar_hh = 0.12 * (1 + k * 1e-13)
        sp, st = run(1, atol, 1)
        errs = [abs(a - b) for s, t in zip(sp, truth) for a, b in zip(s, t)]
        emax = max(emax, max(errs))
        emean = max(emean, sum(errs) / len(errs))
        nf = max(nf, st[1])
    for c in cells:
        c[0](0.5).gnabar_hh = 0.12
    print(repr(atol), repr(emax), repr(emean), nf)
