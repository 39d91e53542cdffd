: want: 3:29: unexpected '}': expected a method name (cnexp, derivimplicit, sparse, ...)
NEURON { SUFFIX x }
BREAKPOINT { SOLVE s METHOD }
