: pas.mod: the passive leak, NEURON's pas: i = g (v - e) in mA/cm2. Translated into libnrn at
: build time (tools/nmodlc); its numbers are NEURON 8.2.2's pas bit for bit.

NEURON {
    SUFFIX pas
    NONSPECIFIC_CURRENT i
    RANGE g, e
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g = .001 (S/cm2) <0, 1e9>
    e = -70 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    i = g*(v - e)
}
