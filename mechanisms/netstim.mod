: netstim.mod: NetStim, an artificial cell that emits number spikes every interval ms from
: start. With noise = 0 the times are NEURON's exactly (repeated addition, not snapped to
: the step grid); with noise in (0, 1] a fraction noise of each interval is exponentially
: distributed. A NetCon event with a positive first weight starts a sequence, a negative
: one stops it. Translated into libnrn at build time (tools/nmodlc).
:
: The noise is drawn by exprand() from the engine's counter-based stream of the object
: (src/engine/mrandom.c), not from NEURON's generator: the intervals differ from NEURON's
: but do not depend on creation order, worker count or how a run is split into calls.

NEURON {
    ARTIFICIAL_CELL NetStim
    RANGE interval, number, start, noise
    RANGE event, on, ispike
    THREADSAFE
}

PARAMETER {
    interval = 10 (ms) <1e-9, 1e9>
    number = 10 <0, 1e9>
    start = 50 (ms)
    noise = 0 <0, 1>
}

ASSIGNED {
    event (ms)
    on
    ispike
}

INITIAL {
    on = 0
    ispike = 0
    if (noise < 0) {
        noise = 0
    }
    if (noise > 1) {
        noise = 1
    }
    if (start >= 0 && number > 0) {
        on = 1
        : the first spike comes at start on average, noise or not
        event = start + invl(interval) - interval*(1. - noise)
        if (event < 0) {
            event = 0
        }
        net_send(event, 3)
    }
}

PROCEDURE init_sequence() {
    if (number > 0) {
        on = 1
        event = 0
        ispike = 0
    }
}

FUNCTION invl(mean (ms)) (ms) {
    if (mean <= 0.) {
        mean = .01 (ms)
    }
    if (noise == 0) {
        invl = mean
    } else {
        invl = (1. - noise)*mean + noise*mean*exprand(1)
    }
}

PROCEDURE next_invl() {
    if (number > 0) {
        event = invl(interval)
    }
    if (ispike >= number) {
        on = 0
    }
}

NET_RECEIVE (w) {
    if (flag == 0) { : an external event: start or stop
        if (w > 0 && on == 0) {
            init_sequence()
            next_invl()
            event = event - interval*(1. - noise)
            net_send(event, 1)
        } else if (w < 0) {
            on = 0
        }
    }
    if (flag == 3) { : the start event from INITIAL
        if (on == 1) {
            init_sequence()
            net_send(0, 1)
        }
    }
    if (flag == 1 && on == 1) {
        ispike = ispike + 1
        net_event(t)
        next_invl()
        if (on == 1) {
            net_send(event, 1)
        }
    }
}
