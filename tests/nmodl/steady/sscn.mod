: STEADYSTATE derivimplicit in INITIAL of a block the BREAKPOINT solves by cnexp (NEURON then
: runs the exponential update with dt 1e-9).
NEURON {
    SUFFIX sscn
    NONSPECIFIC_CURRENT i
    RANGE gbar, e
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
PARAMETER { gbar = 0.003 (S/cm2) e = -80 (mV) }
ASSIGNED { v (mV) i (mA/cm2) ninf ntau }
STATE { n }
INITIAL {
    n = 0.4
    SOLVE states STEADYSTATE derivimplicit
}
BREAKPOINT {
    SOLVE states METHOD cnexp
    i = gbar*n*n*n*n*(v - e)
}
DERIVATIVE states {
    ninf = 1/(1 + exp(-(v + 45)/9))
    ntau = 3 + 7*exp(-(v + 55)*(v + 55)/600)
    n' = (ninf - n)/ntau
}
