# The izh model of tests/golden/_nmodl_modeldb.py (izh07.mod of tests/nmodl/modeldb alone) in
# NEURON 8.2.2, fixed step, 100 ms, every step: the reference of tests/nmodl/modeldb/modeldb.tcl
# -D model=izh. Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_modeldb_izh.py > nmodl_modeldb_izh.csv
from _nmodl_modeldb import model
model("izh", every=1)
