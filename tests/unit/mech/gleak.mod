: gleak.mod: a gated leak for tests/unit/test_cable.c, written for this project: a cnexp block
: whose rates are plain assignments (the translator's untabled vector state kernel and its
: range form), a nonspecific current with IF ... ELSE in its BREAKPOINT.
NEURON {
    SUFFIX gleak
    NONSPECIFIC_CURRENT i
    RANGE g, e, i, s
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    g = .0005 (S/cm2)
    e = -70 (mV)
}
ASSIGNED {
    v (mV)
    i (mA/cm2)
    sinf
    stau (ms)
}
STATE { s }
BREAKPOINT {
    SOLVE states METHOD cnexp
    if (v > -50) {
        i = g * s * (v - e)
    } else {
        i = 0.5 * g * s * (v - e)
    }
}
INITIAL {
    s = 1 / (1 + exp((v + 60) / 6))
}
DERIVATIVE states {
    sinf = 1 / (1 + exp((v + 60) / 6))
    stau = 2 + 10 / (1 + exp((v + 40) / 10))
    s' = (sinf - s) / stau
}
