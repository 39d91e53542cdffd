: xlin.mod: written for nrn's tests (tests/cross): a current from the solution of a
: LINEAR block whose coefficients depend on v.
NEURON {
    SUFFIX xlin
    NONSPECIFIC_CURRENT i
    RANGE g
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) }
PARAMETER { g = 1e-4 a = 2 }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { x y }
BREAKPOINT {
    SOLVE lin
    i = g*(x - y)
}
LINEAR lin SOLVEFOR x, y {
    ~ a*x + y = v + 70
    ~ x - 3*y = 1
}
