: xcarry.mod: written for nrn's tests (tests/cross): a THREADSAFE GLOBAL that carries a value
: from one call to the next (read before the block writes it): NEURON gives each thread its
: own copy, so the value passes between the instances of one thread.
NEURON {
    THREADSAFE
    SUFFIX xcarry
    NONSPECIFIC_CURRENT i
    RANGE g
    GLOBAL last
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
PARAMETER { g = 1e-3 }
ASSIGNED { v (mV) i (mA/cm2) last (mV) }
INITIAL { last = v }
BREAKPOINT {
    i = g*(last + 65)
    last = v
}
