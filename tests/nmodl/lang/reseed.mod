: reseed.mod: an artificial cell whose event intervals are exponential draws, with
: set_seed from a PROCEDURE (tests/nmodl/test_nmodl_lang.sh: random functions).
NEURON {
    ARTIFICIAL_CELL Reseed
    RANGE mean, last, myseed
}
PARAMETER { mean = 2 (ms) myseed = 0 }
ASSIGNED { last }
PROCEDURE seed(x) { set_seed(x) }
INITIAL {
    if (myseed > 0) { seed(myseed) }
    net_send(exprand(mean), 1)
}
NET_RECEIVE (w) {
    last = exprand(mean)
    net_event(t)
    net_send(last, 1)
}
