: kdrtab.mod: a delayed rectifier for tests/unit/test_cable.c, written for this project: its
: rates(v) from a TABLE then cnexp (the translator's tabled vector kernels and their range
: forms), reading ek and writing ik.
NEURON {
    SUFFIX kdrtab
    USEION k READ ek WRITE ik
    RANGE gbar, ik
    GLOBAL ninf, ntau
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    gbar = .02 (S/cm2)
}
ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    ninf
    ntau (ms)
    celsius (degC)
}
STATE { n }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar * n * n * (v - ek)
}
INITIAL {
    rates(v)
    n = ninf
}
DERIVATIVE states {
    rates(v)
    n' = (ninf - n) / ntau
}
PROCEDURE rates(v (mV)) {
    LOCAL q
    TABLE ninf, ntau DEPEND celsius FROM -100 TO 100 WITH 400
    q = 3 ^ ((celsius - 22) / 10)
    ninf = 1 / (1 + exp(-(v + 35) / 9))
    ntau = (1 + 4 * exp(-((v + 50) / 20) ^ 2)) / q
}
