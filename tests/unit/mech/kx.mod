: kx.mod: a user mechanism for test_blocks.c (the interleaved cells' step by tiles): a K
: current through the k ion, a cnexp state, and TABLE GLOBALs that keep the last instance's
: values, as hh's minf_hh.
NEURON {
    SUFFIX kx
    USEION k READ ek WRITE ik
    RANGE gbar
    GLOBAL ninf, ntau
    THREADSAFE
}
PARAMETER { gbar = 0.01 (S/cm2) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) ninf ntau (ms) }
STATE { n }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*n*n*(v - ek)
}
INITIAL {
    rates(v)
    n = ninf
}
DERIVATIVE states {
    rates(v)
    n' = (ninf - n)/ntau
}
PROCEDURE rates(v (mV)) {
    TABLE ninf, ntau FROM -100 TO 100 WITH 200
    ninf = 1/(1 + exp(-(v + 40)/8))
    ntau = 1 + 4*exp(-(v + 50)*(v + 50)/400)
}
