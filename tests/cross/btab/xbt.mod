: xbt.mod: written for nrn's tests (tests/cross): a sodium-like channel whose TABLE'd rate
: (the GLOBAL minf) is computed in BREAKPOINT, so that after a step it holds the value of
: the instance whose current was computed last.
NEURON {
    SUFFIX xbt
    USEION na READ ena WRITE ina
    RANGE gbar
    GLOBAL minf, htau
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) (S) = (siemens) }
PARAMETER { gbar = 0.02 (S/cm2) htau = 2 (ms) }
STATE { h }
ASSIGNED { v (mV) ena (mV) ina (mA/cm2) minf }
BREAKPOINT {
    SOLVE st METHOD cnexp
    rates(v)
    ina = gbar*minf*minf*minf*h*(v - ena)
}
INITIAL { rates(v) h = 1/(1 + exp((v + 60)/6)) }
DERIVATIVE st { h' = (1/(1 + exp((v + 60)/6)) - h)/htau }
PROCEDURE rates(v (mV)) {
    TABLE minf FROM -100 TO 100 WITH 200
    minf = 1/(1 + exp(-(v + 40)/5))
}
