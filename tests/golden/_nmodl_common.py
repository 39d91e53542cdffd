# Shared by the nmodl_*.py goldens: builds tests/nmodl/nrn's .mod files with NEURON's nrnivmodl
# (_nrnmech_build.sh, needs neuron-dev) into a scratch folder and loads them into NEURON.
import os, subprocess, tempfile
from neuron import h

def load_test_mechanisms():
    here = os.path.dirname(os.path.abspath(__file__))
    build = tempfile.mkdtemp(prefix="nrnmech.")
    subprocess.run(["sh", os.path.join(here, "_nrnmech_build.sh"), os.path.join(here, "../nmodl/nrn"),
                    build], check=True, stdout=subprocess.DEVNULL)
    h.nrn_load_dll(os.path.join(build, "x86_64/.libs/libnrnmech.so"))
    subprocess.run(["rm", "-rf", build], check=True)
