# The cortical model of tests/golden/_nmodl_modeldb.py (tests/nmodl/modeldb, ModelDB-style .mod files
# written for the project) in NEURON 8.2.2, fixed step, 100 ms, every 4th step: the reference of
# tests/nmodl/modeldb/modeldb.tcl -D model=cortical. Needs neuron-dev (nrnivmodl).
# Run: /usr/bin/python3 nmodl_modeldb_cortical.py > nmodl_modeldb_cortical.csv
from _nmodl_modeldb import model
model("cortical")
