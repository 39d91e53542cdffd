: want: 4:13: unexpected '*': expected an expression
NEURON { SUFFIX x }
BREAKPOINT {
    a = b + * c
}
