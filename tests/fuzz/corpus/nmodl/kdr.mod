: kdr.mod: a delayed-rectifier potassium current with one activation gate n and the
: squid axon's rate functions (Hodgkin and Huxley 1952, shifted to rest at -65 mV), for
: the recipe nmodl.tcl. i = gbar n^4 (v - ek).
TITLE delayed rectifier K channel (recipe)

NEURON {
    SUFFIX kdr
    USEION k READ ek WRITE ik
    RANGE gbar, g
    GLOBAL ninf, ntau
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gbar = 0.036 (S/cm2) <0, 1e9>
}

ASSIGNED {
    v (mV)
    ek (mV)
    celsius (degC)
    ik (mA/cm2)
    g (S/cm2)
    ninf (1)
    ntau (ms)
}

STATE { n }

BREAKPOINT {
    SOLVE gates METHOD cnexp
    g = gbar*n*n*n*n
    ik = g*(v - ek)
}

INITIAL {
    settables(v)
    n = ninf
}

DERIVATIVE gates {
    settables(v)
    n' = (ninf - n)/ntau
}

: the rates at v, scaled by Q10 = 3 from 6.3 degC
PROCEDURE settables(v (mV)) {
    LOCAL a, b, q
    TABLE ninf, ntau DEPEND celsius FROM -100 TO 100 WITH 400
    q = 3^((celsius - 6.3)/10)
    a = 0.01*linoid(-(v + 55), 10)
    b = 0.125*exp(-(v + 65)/80)
    ntau = 1/(q*(a + b))
    ninf = a/(a + b)
}

: x/(exp(x/y) - 1), with its limit y(1 - x/2y) near x = 0
FUNCTION linoid(x, y) {
    if (fabs(x/y) < 1e-6) {
        linoid = y*(1 - x/y/2)
    } else {
        linoid = x/(exp(x/y) - 1)
    }
}
