: syntax.mod: one of each construct nocmodl accepts, written for nrn's parser tests.
: It need not make physiological sense; it must parse.
TITLE every construct
COMMENT
  A COMMENT block: skipped, even with unbalanced { and "quotes.
ENDCOMMENT
INCLUDE "parts.inc"
DEFINE NX 3
UNITS {
    (mA) = (milliamp)
    (mM) = (milli/liter)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
    PI = (pi) (1)
    q = 2.5 (coul)
    foot2inch = (foot) -> (inch)
}
NEURON {
    POINT_PROCESS Everything
    USEION ca READ cai, cao WRITE ica VALENCE 2
    USEION cl READ ecl WRITE icl VALENCE -1 REPRESENTS CHEBI:17996
    NONSPECIFIC_CURRENT i
    RANGE gmax, x
    GLOBAL k1, k2
    POINTER pre
    THREADSAFE
    REPRESENTS NCIT:C17145
}
INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }
CONSTANT { kc = 3.5e-2 (/ms) }
PARAMETER {
    gmax = 1 (uS) <0, 1e9>
    k1 = 0.1 (/ms)
    k2 = 1e-3 (/ms)
    arr[NX] (1)
    lim (mV) <-100, 100>
}
ASSIGNED {
    v (mV)
    i (nA)
    ica (mA/cm2)
    icl (mA/cm2)
    cai (mM) cao (mM) ecl (mV)
    pre
    x[NX]
    xf FROM 0 TO 1
}
STATE {
    A B C (1)
    D FROM 0 TO 1 START 0.5 (1) <1e-6>
    y[2]
    z
}
LOCAL toplocal
BREAKPOINT {
    SOLVE scheme METHOD sparse
    i = gmax*C*(v - 0)
    ica = 0
    icl = 0
}
INITIAL {
    LOCAL j
    A = 1
    FROM j = 0 TO NX - 1 BY 1 {
        x[j] = twice(j)
    }
    SOLVE scheme STEADYSTATE sparse
    net_send(0, 1)
}
KINETIC scheme SOLVEFOR A, B, C {
    COMPARTMENT 1 {A B}
    COMPARTMENT j, 2*PI {y}
    LONGITUDINAL_DIFFUSION 1 {C}
    ~ A <-> B (k1, k2)
    ~ 2 B + A <-> C (k1*k1, k2)
    ~ C << (0.1*pre)
    ~ C -> (k2)
    CONSERVE A + B + C = 1
    f_flux = b_flux
}
DERIVATIVE deriv {
    z' = -z/2 (ms)
    y'[0] = 0
}
LINEAR lin {
    ~ D + z = 1
    ~ D - z = 0
}
NONLINEAR nonlin SOLVEFOR D {
    ~ D*D = 0.25
}
PROCEDURE rates(v (mV), c) (ms) {
    LOCAL a, b[2]
    TABLE xf DEPEND k1 FROM -100 TO 100 WITH 200
    UNITSOFF
    a = -v^2 + 3^-2*c
    b[0] = !(a < 1) || (a >= 2 && a != 3) == 0
    if (a > 0) {
        a = 1
    } else if (a < -1) {
        a = -1
    } else {
        a = 0
    }
    while (a > 1) { a = a/2 }
    UNITSON
    VERBATIM
    /* C passed through */
    ENDVERBATIM
    printf("a=%g\n", a)
    LAG a BY k1
    PROTECT toplocal = toplocal + 1
    MUTEXLOCK
    MUTEXUNLOCK
}
FUNCTION f(x) (mV) { f = INT(x) + exp(x) }
FUNCTION_TABLE tab(v (mV), w) (ms)
NET_RECEIVE(w (uS), n) {
    INITIAL { n = 0 }
    if (flag == 0) {
        WATCH (v > -20) 2, (v < lim) 3
        net_event(t)
    }
    FOR_NETCONS(w1, n1) { n1 = n1 + 1 }
    net_move(t + 1)
}
CONSTRUCTOR { VERBATIM
 ENDVERBATIM
}
DESTRUCTOR { }
BEFORE BREAKPOINT { x[0] = 0 }
AFTER SOLVE { x[1] = 0 }
