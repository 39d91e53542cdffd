: xcach.mod: written for nrn's tests (tests/cross): a calcium current whose reversal
: potential follows the concentration another mechanism (xcacc) writes.
NEURON {
    SUFFIX xcach
    USEION ca READ eca WRITE ica
    RANGE gbar
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) }
PARAMETER { gbar = 0.002 (S/cm2) }
ASSIGNED { v (mV) eca (mV) ica (mA/cm2) }
STATE { m }
INITIAL { m = 1/(1 + exp(-(v + 30)/6)) }
BREAKPOINT {
    SOLVE st METHOD cnexp
    ica = gbar*m*m*(v - eca)
}
DERIVATIVE st { m' = (1/(1 + exp(-(v + 30)/6)) - m)/2 }
