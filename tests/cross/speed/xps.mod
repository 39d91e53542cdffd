: xps.mod: written for nrn's tests (tests/cross): a point process synapse with a decaying
: conductance state, raised by each NetCon event, reversing at the sodium ion's ena.
NEURON {
    POINT_PROCESS Xps
    USEION na READ ena
    NONSPECIFIC_CURRENT i
    RANGE tau, g, i
    THREADSAFE
}
UNITS { (mV) = (millivolt) (nA) = (nanoamp) (uS) = (microsiemens) }
PARAMETER { tau = 3 (ms) }
STATE { g (uS) }
ASSIGNED { v (mV) ena (mV) i (nA) }
INITIAL { g = 0 }
BREAKPOINT {
    SOLVE st METHOD cnexp
    i = g*(v - ena)
}
DERIVATIVE st { g' = -g/tau }
NET_RECEIVE(w (uS)) { g = g + w }
