: cvnl.mod: a test mechanism for the variable step (tests/nmodl/test_nmodl_cvode.sh): two
: states whose equations are not linear in them, so that ode_matsol needs nocmodl's symbolic
: derivative (a' has a*a) and its difference quotient (b' has exp(b)); their current feeds v.
NEURON {
    SUFFIX cvnl
    NONSPECIFIC_CURRENT i
    RANGE gmax, e, k
}
UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}
PARAMETER {
    gmax = 0.002 (S/cm2)
    e = -80 (mV)
    k = 0.05 (/ms)
}
ASSIGNED {
    v (mV)
    i (mA/cm2)
}
STATE { a b }
INITIAL {
    a = 0.1
    b = 0.2
}
BREAKPOINT {
    SOLVE states METHOD derivimplicit
    i = gmax*a*b*(v - e)
}
DERIVATIVE states {
    LOCAL s
    s = 1/(1 + exp(-(v + 50)/5))
    a' = 0.2*(1 - a) - k*a*a*(1 + exp((v + 40)/10))
    b' = (s - b)/2 - 0.01*exp(b)
}
