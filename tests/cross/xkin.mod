: xkin.mod: written for nrn's tests (tests/cross): a three-state KINETIC potassium-like
: channel solved by sparse, with a conserve statement.
NEURON {
    SUFFIX xkin
    NONSPECIFIC_CURRENT i
    RANGE gbar
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) }
PARAMETER { gbar = 0.01 (S/cm2) e = -80 (mV) }
ASSIGNED { v (mV) i (mA/cm2) a (/ms) b (/ms) }
STATE { C1 C2 O }
INITIAL { SOLVE kin STEADYSTATE sparse }
BREAKPOINT {
    SOLVE kin METHOD sparse
    i = gbar*O*(v - e)
}
KINETIC kin {
    a = 0.1*exp((v + 40)/20)
    b = 0.2*exp(-(v + 40)/25)
    ~ C1 <-> C2 (2*a, b)
    ~ C2 <-> O (a, 2*b)
    CONSERVE C1 + C2 + O = 1
}
