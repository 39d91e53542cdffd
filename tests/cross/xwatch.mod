: xwatch.mod: written for nrn's tests (tests/cross): a point process that WATCHes v and
: switches a conductance on above -50 mV and off below -60 mV, counting the crossings.
NEURON {
    POINT_PROCESS Xwatch
    NONSPECIFIC_CURRENT i
    RANGE g, gon, e, n
}
UNITS { (mV) = (millivolt) (nA) = (nanoamp) (uS) = (microsiemens) }
PARAMETER { gon = 0.002 (uS) e = -70 (mV) }
ASSIGNED { v (mV) i (nA) g (uS) n }
INITIAL { g = 0 n = 0 net_send(0, 1) }
BREAKPOINT { i = g*(v - e) }
NET_RECEIVE(w) {
    if (flag == 1) {
        WATCH (v > -50) 2
    } else if (flag == 2) {
        g = gon
        n = n + 1
        WATCH (v < -60) 3
    } else if (flag == 3) {
        g = 0
        WATCH (v > -50) 2
    }
}
