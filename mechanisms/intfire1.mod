: intfire1.mod: IntFire1, NEURON's leaky integrate-and-fire artificial cell: between events
: its state m decays toward 0 with time constant tau; an event adds its weight; above 1 the
: cell fires and stays refractory for refrac ms (m reads 2 meanwhile). Translated into
: libnrn at build time (tools/nmodlc); its numbers are NEURON 8.2.2's IntFire1 bit for bit.

NEURON {
    ARTIFICIAL_CELL IntFire1
    RANGE tau, refrac, m, t0, refractory
}

PARAMETER {
    tau = 10 (ms)
    refrac = 5 (ms)
}

ASSIGNED {
    m (1)
    t0 (ms)
    refractory (1)
}

INITIAL {
    m = 0
    t0 = t
    refractory = 0
}

NET_RECEIVE(w) {
    if (refractory == 0) {
        : excitable: bring m up to t, then add the input
        m = m*exp(-(t - t0)/tau)
        t0 = t
        m = m + w
        if (m > 1) {
            refractory = 1
            m = 2
            net_send(refrac, refractory)
            net_event(t)
        }
    } else if (flag == 1) {
        : the end of the refractory period
        t0 = t
        refractory = 0
        m = 0
    }
}
