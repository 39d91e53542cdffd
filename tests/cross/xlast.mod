: xlast.mod: written for nrn's tests (tests/cross): a current from a GLOBAL written at the step
: before (the last v any instance saw), without THREADSAFE: NEURON's rule makes it not thread
: safe, so the model runs on one thread and nrn-sweep runs its points alone.
NEURON {
    SUFFIX xlast
    NONSPECIFIC_CURRENT i
    GLOBAL k, last
}
PARAMETER { k = 0.002 (mA/cm2/mV) }
ASSIGNED { v (mV) i (mA/cm2) last (mV) }
INITIAL { last = v }
BREAKPOINT {
    i = k*(last - v)
    last = v
}
