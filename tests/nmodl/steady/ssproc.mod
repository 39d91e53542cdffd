: The SOLVE in a PROCEDURE that INITIAL calls, and METHOD derivimplicit (at the model's dt) in a
: FUNCTION that INITIAL calls after it (nocmodl wants these SOLVEs before the DERIVATIVE block).
NEURON {
    SUFFIX ssproc
    NONSPECIFIC_CURRENT i
    RANGE gbar, e, q
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
PARAMETER { gbar = 0.002 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) winf wtau q }
STATE { w }
INITIAL {
    w = 0
    settle()
    q = onestep()
}
BREAKPOINT {
    SOLVE states METHOD derivimplicit
    i = gbar*w*(v - e)
}
PROCEDURE settle() {
    SOLVE states STEADYSTATE derivimplicit
}
FUNCTION onestep() {
    SOLVE states METHOD derivimplicit
    onestep = w
}

DERIVATIVE states {
    winf = 1/(1 + exp(-(v + 50)/5))
    wtau = 2 + 20*exp(-(v + 50)*(v + 50)/300)
    w' = (winf - w)/wtau
}
