: apcount.mod: APCount counts the upward crossings of thresh by v at its location, checked
: after every step with the new v (SOLVE ... METHOD after_cvode), and keeps the time of the
: last one; `APCount.record VEC` collects every crossing time into VEC, which this file
: appends to through record_value(), the engine's NMODL hook for a point process's record
: vector (NEURON's apcount.mod reaches its Vector through VERBATIM). Translated into libnrn
: at build time (tools/nmodlc).

NEURON {
    POINT_PROCESS APCount
    RANGE n, thresh, time, firing
}

UNITS {
    (mV) = (millivolt)
}

PARAMETER {
    n
    thresh = -20 (mV)
    time (ms)
}

ASSIGNED {
    v (mV)
    firing
}

INITIAL {
    n = 0
    firing = 0
    check()
}

BREAKPOINT {
    SOLVE check METHOD after_cvode
}

: a crossing counts once: firing stays 1 until v is back below thresh at a later t
PROCEDURE check() {
    if (v >= thresh && !firing) {
        firing = 1
        time = t
        n = n + 1
        record_value(t)
    }
    if (firing && v < thresh && t > time) {
        firing = 0
    }
}
