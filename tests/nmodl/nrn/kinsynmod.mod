: kinsynmod.mod: a kinetic synapse written for nrn's tests (not from NEURON): transmitter T set
: by events (NET_RECEIVE) and cleared by a flux, binding (C0 + T <-> C1, nonlinear), opening and
: desensitization with CONSERVE, solved by METHOD sparse. NEURON 8.2.2 runs the same file for
: the golden tests/golden/nmodl_kinsyn.csv.
NEURON {
    POINT_PROCESS KinSyn
    RANGE g, gmax, e
    NONSPECIFIC_CURRENT i
}
UNITS { (nA) = (nanoamp) (mV) = (millivolt) (uS) = (microsiemens) }
PARAMETER {
    gmax = 0.01 (uS)
    e = 0 (mV)
    Rb = 5 (/ms)
    Ru = 0.2 (/ms)
    Ro = 1 (/ms)
    Rc = 0.3 (/ms)
    Rd = 0.05 (/ms)
    Rr = 0.01 (/ms)
    kT = 1 (/ms)
}
ASSIGNED { v (mV) i (nA) g (uS) }
STATE { C0 C1 D O T }
INITIAL {
    C0 = 1
    T = 0
}
BREAKPOINT {
    SOLVE kstates METHOD sparse
    g = gmax*O
    i = g*(v - e)
}
KINETIC kstates {
    ~ C0 + T <-> C1 (Rb, Ru)
    ~ C1 <-> O (Ro, Rc)
    ~ C1 <-> D (Rd, Rr)
    ~ T -> (kT)
    CONSERVE C0 + C1 + D + O = 1
}
NET_RECEIVE (w) {
    T = T + w
}
