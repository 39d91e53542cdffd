# Morphology import golden: NEURON 8.2.2's Import3d of simple-all-types.swc (Import3d_SWC_read), then Ra 100, cm 1
# and the d_lambda rule (freq 100, d_lambda 0.1, +.999 rounding, as the CellBuilder) on every section; hh everywhere,
# IClamp soma[0](0.5) del 1 dur 1 amp 1, 10 ms at dt 0.025.
# Prints: per section (h.allsec order) name, parent, parentx, n3d, L, area with nseg 1, d_lambda
# nseg, area with that nseg, and the sums of the 3-D points' x, y, z, diam; the h.topology() text;
# the soma[0](0.5) voltage trace.
# Run: /usr/bin/python3 morph_all_types.py > morph_all_types.txt
import sys
sys.dont_write_bytecode = True  # no __pycache__ beside the goldens
from _morph_common import run
run("../../../shared/morphologies/simple-all-types.swc", "Import3d_SWC_read", 1)
