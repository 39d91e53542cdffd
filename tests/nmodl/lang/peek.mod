: peek.mod: a density mechanism that copies what its POINTER names into a RANGE variable
: every step, and writes into it at INITIAL when asked (tests/nmodl/test_nmodl_lang.sh).
NEURON {
    SUFFIX peek
    RANGE seen, put
    POINTER src
}
PARAMETER { put = 0 }
ASSIGNED { src seen }
INITIAL {
    if (put != 0) { src = put }
    if (nrn_pointing(src)) { seen = src }
}
BREAKPOINT {
    if (nrn_pointing(src)) { seen = src } else { seen = -1 }
}
