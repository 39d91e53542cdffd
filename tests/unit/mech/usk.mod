: usk.mod: a user mechanism for tests/unit/test_units_step.c (written for nrn's tests): a
: potassium current with a cnexp gate and a leak, so that the translated kernels of a
: mechanism outside the built-ins run tile by tile in the fixed step of a tree.
NEURON {
    SUFFIX usk
    USEION k READ ek WRITE ik
    NONSPECIFIC_CURRENT il
    RANGE gbar, tau, el
    THREADSAFE
}
PARAMETER { gbar = 0.004 (S/cm2) tau = 2 (ms) el = -62 (mV) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) il (mA/cm2) }
STATE { s }
BREAKPOINT {
    SOLVE st METHOD cnexp
    ik = gbar*s*(v - ek)
    il = 2e-5*(v - el)
}
INITIAL { s = sinf(v) }
DERIVATIVE st { s' = (sinf(v) - s)/tau }
FUNCTION sinf(vm (mV)) { sinf = 1/(1 + exp(-(vm + 50)/4)) }
