: ticker.mod: an artificial cell that ticks every interval ms and appends each tick's time
: to its record vector with record_value (tests/nmodl/test_nmodl_lang.sh: record_value and
: the record subcommand it gives the type's objects).
NEURON {
    ARTIFICIAL_CELL Ticker
    RANGE interval
}
PARAMETER { interval = 1 (ms) }
INITIAL { net_send(interval, 1) }
NET_RECEIVE (w) {
    record_value(t)
    net_send(interval, 1)
}
