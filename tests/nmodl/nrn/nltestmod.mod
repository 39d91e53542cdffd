: nltestmod.mod: a NONLINEAR block written for nrn's tests (not from NEURON), solved by
: BREAKPOINT's SOLVE every step (scopmath's newton), its solution driving a small current.
: NEURON 8.2.2 runs the same file for the golden tests/golden/nmodl_linear.csv.
NEURON {
    SUFFIX nltest
    NONSPECIFIC_CURRENT i
    RANGE a, b
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) }
PARAMETER { a = 1 b = 2 g = 1e-4 (S/cm2) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { yy xx }
INITIAL {
    xx = 1
    yy = 1
}
BREAKPOINT {
    SOLVE nl
    i = g*xx*(v + 60)
}
NONLINEAR nl {
    ~ xx + yy*yy = a + b*exp(v/50)
    ~ yy - xx*xx*0.5 = b/(1 + exp(-(v + 40)/10))
}
