: want: 5:1: NONLINEAR nl: 3 equations for 2 states
NEURON { SUFFIX x }
STATE { a b }
INITIAL { SOLVE nl }
NONLINEAR nl {
    ~ a + b = 2
    ~ a - b = 1
    ~ a*b = 3
}
