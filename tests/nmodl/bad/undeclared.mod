: want: 6:13: 'gbar' is not declared (PARAMETER, ASSIGNED, STATE, CONSTANT or LOCAL)
NEURON { SUFFIX x NONSPECIFIC_CURRENT i }
PARAMETER { g = 1 }
ASSIGNED { i v }
BREAKPOINT {
    i = g * gbar * v
}
