: want: 3:1: unexpected 'PARAMETER': expected a NEURON block statement (SUFFIX, USEION, RANGE, ...)
NEURON { SUFFIX x
PARAMETER { g = 1 }
