: want: 4:13: unexpected '=': expected '<->', '<<' or '->' in the reaction
NEURON { SUFFIX x }
KINETIC k {
    ~ a + b = c
}
