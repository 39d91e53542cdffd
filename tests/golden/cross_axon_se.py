# The axon of cross_axon.py with an SEClamp at ax(1): -65, -30, -65 mV for 10, 10, 5 ms, rs 1
# (tests/cross/axon.tcl with se 1); its current se.i as a last column. 40 ms.
# Run: /usr/bin/python3 cross_axon_se.py > cross_axon_se.csv
from cross_axon import run
run(seclamp=True)
