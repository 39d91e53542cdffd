: xkd.mod: written for nrn's tests (tests/cross): a delayed-rectifier potassium channel whose
: rates come from a TABLE (the GLOBALs ninf and ntau, computed in the DERIVATIVE block only),
: so the fused fixed step runs it by chunks and tiles.
NEURON {
    SUFFIX xkd
    USEION k READ ek WRITE ik
    RANGE gbar
    GLOBAL ninf, ntau
    THREADSAFE
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) (S) = (siemens) }
PARAMETER { gbar = 0.01 (S/cm2) }
STATE { n }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) ninf ntau (ms) }
BREAKPOINT {
    SOLVE st METHOD cnexp
    ik = gbar*n*n*n*n*(v - ek)
}
INITIAL { rates(v) n = ninf }
DERIVATIVE st {
    rates(v)
    n' = (ninf - n)/ntau
}
PROCEDURE rates(v (mV)) {
    TABLE ninf, ntau FROM -100 TO 100 WITH 400
    ninf = 1/(1 + exp(-(v + 50)/8))
    ntau = 1 + 4/(1 + exp((v + 40)/10))
}
