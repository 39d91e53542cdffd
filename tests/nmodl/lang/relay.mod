: relay.mod: a POINT_PROCESS (not an artificial cell) that passes every event it receives
: on after a lag, with net_event: a NetCon source (tests/nmodl/test_nmodl_lang.sh).
NEURON {
    POINT_PROCESS Relay
    RANGE lag, n
}
PARAMETER { lag = 0.5 (ms) }
ASSIGNED { n }
INITIAL { n = 0 }
NET_RECEIVE (w) {
    if (flag == 0) {
        net_send(lag, 1)
    } else {
        n = n + 1
        net_event(t)
    }
}
