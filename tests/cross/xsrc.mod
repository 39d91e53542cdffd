: xsrc.mod: written for nrn's tests (tests/cross): a slow variable that follows v,
: the source of xptr's POINTER.
NEURON { SUFFIX xsrc RANGE s }
STATE { s }
INITIAL { s = 0 }
BREAKPOINT { SOLVE st METHOD cnexp }
DERIVATIVE st { s' = (v + 65 - s)/5 }
