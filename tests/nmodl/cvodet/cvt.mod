: SOLVE of a PROCEDURE by METHOD cvode_t: in the fixed step NEURON runs it in nrn_state after
: each step, with the new v, as METHOD after_cvode.
NEURON {
    SUFFIX cvt
    NONSPECIFIC_CURRENT i
    RANGE gbar, e
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
PARAMETER { gbar = 0.004 (S/cm2) e = -75 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { s }
INITIAL { s = 0.1 }
BREAKPOINT {
    SOLVE upd METHOD cvode_t
    i = gbar*s*(v - e)
}
PROCEDURE upd() {
    s = s + dt*(1/(1 + exp(-(v + 55)/4)) - s)/5
}
