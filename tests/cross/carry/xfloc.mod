: xfloc.mod: written for nrn's tests (tests/cross): a file-scope LOCAL that carries a value
: from one call to the next, shared by every instance (not thread safe).
NEURON {
    SUFFIX xfloc
    NONSPECIFIC_CURRENT i
    RANGE g
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
LOCAL acc
PARAMETER { g = 1e-3 }
ASSIGNED { v (mV) i (mA/cm2) }
INITIAL { acc = 0 }
BREAKPOINT {
    acc = 0.99*acc + 0.01*(v + 65)
    i = g*acc
}
