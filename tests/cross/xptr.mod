: xptr.mod: written for nrn's tests (tests/cross): a current proportional to a variable
: read through a POINTER (set to an xsrc's s, usually in another section of the cell).
NEURON {
    SUFFIX xptr
    NONSPECIFIC_CURRENT i
    POINTER p
    RANGE g
}
UNITS { (mA) = (milliamp) }
PARAMETER { g = 1e-4 }
ASSIGNED { p i (mA/cm2) }
BREAKPOINT { i = -g*p }
