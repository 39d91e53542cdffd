: xftab.mod: written for nrn's tests (tests/cross): a leak whose conductance is a
: FUNCTION_TABLE of v.
NEURON {
    SUFFIX xftab
    NONSPECIFIC_CURRENT i
    RANGE gmax
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) }
PARAMETER { gmax = 1e-4 e = -75 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
FUNCTION_TABLE gt(x (mV))
BREAKPOINT { i = gmax*gt(v)*(v - e) }
