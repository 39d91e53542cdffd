: bkcount.mod, written for nrn's tests: a BREAKPOINT without currents, which NEURON runs in
: nrn_state (once per step, with the step's new v), never at finitialize; under CVODE once
: before each step. n counts its runs, vseen keeps the v it saw.
NEURON {
    SUFFIX bkcount
    RANGE n, vseen
}
ASSIGNED { v (mV) n vseen (mV) }
INITIAL { n = 0 }
BREAKPOINT {
    n = n + 1
    vseen = v
}
