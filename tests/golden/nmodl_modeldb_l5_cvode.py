# The l5 model of tests/golden/_nmodl_modeldb.py under CVODE (atol 1e-5, rtol 0), a row per
# step, 40 ms: the reference of tests/nmodl/modeldb/modeldb.tcl -D model=l5 -D cvode=1 -D tstop=40.
# Needs neuron-dev (nrnivmodl). Run: /usr/bin/python3 nmodl_modeldb_l5_cvode.py > nmodl_modeldb_l5_cvode.csv
from _nmodl_modeldb import model
model("l5", cvode=True, tstop=40)
