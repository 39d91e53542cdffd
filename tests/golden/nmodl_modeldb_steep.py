# The steep model of tests/golden/_nmodl_modeldb.py (steepk.mod of tests/nmodl/modeldb, exp of
# arguments far beyond +-700, on an hh soma) in NEURON 8.2.2, fixed step, 30 ms, every step: the
# reference of tests/nmodl/modeldb/modeldb.tcl -D model=steep -D tstop=30. Needs neuron-dev
# (nrnivmodl). Run: /usr/bin/python3 nmodl_modeldb_steep.py > nmodl_modeldb_steep.csv
from _nmodl_modeldb import model
model("steep", tstop=30, every=1)
