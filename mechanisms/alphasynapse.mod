: alphasynapse.mod: AlphaSynapse, NEURON's alpha-function synapse: from onset on, the
: conductance follows gmax*x*exp(1 - x) with x = (t - onset)/tau (zero beyond x = 10);
: i = g (v - e) in nA. Translated into libnrn at build time (tools/nmodlc); its numbers are
: NEURON 8.2.2's AlphaSynapse bit for bit.

NEURON {
    POINT_PROCESS AlphaSynapse
    RANGE onset, tau, gmax, e, i
    NONSPECIFIC_CURRENT i
    RANGE g
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    onset = 0 (ms)
    tau = .1 (ms) <1e-3, 1e6>
    gmax = 0 (uS) <0, 1e9>
    e = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
}

BREAKPOINT {
    if (gmax) {
        at_time(onset)
    }
    g = cond(t)
    i = g*(v - e)
}

FUNCTION cond(x (ms)) (uS) {
    if (x < onset) {
        cond = 0
    } else {
        cond = gmax*alpha((x - onset)/tau)
    }
}

FUNCTION alpha(x) {
    if (x < 0 || x > 10) {
        alpha = 0
    } else {
        alpha = x*exp(1 - x)
    }
}
