: xs0.mod: written for nrn's tests (tests/cross): a STATE with no INITIAL block, so that it
: starts from its PARAMETER s0 (RANGE: a value per instance), decaying; a current through it.
NEURON {
    SUFFIX xs0
    NONSPECIFIC_CURRENT i
    RANGE g, s0, e
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
PARAMETER { g = 1e-3 (S/cm2) e = 0 (mV) s0 = 1 tau = 5 (ms) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { s }
BREAKPOINT {
    SOLVE dec METHOD cnexp
    i = g*s*(v - e)
}
DERIVATIVE dec { s' = -s/tau }
