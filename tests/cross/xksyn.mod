: xksyn.mod: written for nrn's tests (tests/cross): a synapse whose transmitter-bound
: states follow a KINETIC scheme (sparse); an event adds its weight to the closed state.
NEURON {
    POINT_PROCESS Xksyn
    NONSPECIFIC_CURRENT i
    RANGE e, g
}
UNITS { (mV) = (millivolt) (nA) = (nanoamp) (uS) = (microsiemens) }
PARAMETER { e = 0 (mV) }
ASSIGNED { v (mV) i (nA) g (uS) }
STATE { C (uS) O (uS) }
INITIAL { C = 0 O = 0 }
BREAKPOINT {
    SOLVE kin METHOD sparse
    g = O
    i = g*(v - e)
}
KINETIC kin {
    ~ C <-> O (2, 0.5)
    ~ O -> (0.3)
    ~ C -> (0.1)
}
NET_RECEIVE(w (uS)) { C = C + w }
