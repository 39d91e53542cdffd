: STEADYSTATE derivimplicit in INITIAL of a derivimplicit block with two states, declared in
: the other order than their equations (nocmodl's Newton varies them in declaration order).
: They start at their steady state, as in published models: with a step of 1e-9 ms NEURON's
: Newton iteration cannot reach |F| <= 1e-8 from anywhere else ("scopmath library error").
NEURON {
    SUFFIX ssdi
    NONSPECIFIC_CURRENT i
    RANGE gbar, e
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
PARAMETER { gbar = 0.002 (S/cm2) e = -80 (mV) }
ASSIGNED { v (mV) i (mA/cm2) minf mtau hinf htau }
STATE { h m }
INITIAL {
    rates(v)
    m = minf
    h = hinf
    SOLVE states STEADYSTATE derivimplicit
}
BREAKPOINT {
    SOLVE states METHOD derivimplicit
    i = gbar*m*m*m*h*(v - e)
}
DERIVATIVE states {
    rates(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
}
PROCEDURE rates(v (mV)) {
    minf = 1/(1 + exp(-(v + 40)/7))
    mtau = 1 + 4*exp(-(v + 50)*(v + 50)/400)
    hinf = 1/(1 + exp((v + 60)/6))
    htau = 10 + 40*exp(-(v + 60)*(v + 60)/900)
}
