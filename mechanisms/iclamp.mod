: iclamp.mod: IClamp, NEURON's current pulse: amp nA into the cell from del to del + dur ms
: (an electrode current, positive depolarizes); the pulse's edges are discontinuities the
: variable step stops at (at_time). Translated into libnrn at build time (tools/nmodlc); its
: numbers are NEURON 8.2.2's IClamp bit for bit.

NEURON {
    POINT_PROCESS IClamp
    RANGE del, dur, amp, i
    ELECTRODE_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
}

PARAMETER {
    del (ms)
    dur (ms) <0, 1e9>
    amp (nA)
}

ASSIGNED {
    i (nA)
}

INITIAL {
    i = 0
}

BREAKPOINT {
    at_time(del)
    at_time(del + dur)
    if (t < del + dur && t >= del) {
        i = amp
    } else {
        i = 0
    }
}
