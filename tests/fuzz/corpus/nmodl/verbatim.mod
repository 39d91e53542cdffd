: verbatim.mod: plain C in VERBATIM blocks (at file scope and in a block, using a LOCAL as
: _lk and the mechanism's variables by name), written for nrn's tests.
NEURON { SUFFIX vb RANGE x, y }
ASSIGNED { x y }
VERBATIM
#include <math.h>
static double sq(double a) { return a * a; } /* a helper in C: "quoted" text is skipped */
ENDVERBATIM
INITIAL {
    LOCAL k
    k = 3
    VERBATIM
    x = sq(_lk) + t;
    ENDVERBATIM
    y = x + 1
}
