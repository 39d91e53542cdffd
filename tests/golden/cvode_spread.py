# NEURON 8.2.2's own spread of its CVODE errors on the chaotic models: cvode_accuracy.py's
# "spread" mode (its comment says what is measured).
# Run: /usr/bin/python3 cvode_spread.py > cvode_spread.txt
import os, runpy, sys

sys.argv[1:] = ["spread"]
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cvode_accuracy.py"))
