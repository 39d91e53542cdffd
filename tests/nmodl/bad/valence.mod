: want: 3:5: USEION ca VALENCE 1: ca has valence 2
NEURON { SUFFIX x
    USEION ca READ eca WRITE ica VALENCE 1
}
