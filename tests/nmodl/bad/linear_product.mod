: want: 6:21: LINEAR: a product of states: the equation is not linear
NEURON { SUFFIX x }
STATE { a b }
INITIAL { SOLVE l }
LINEAR l {
    ~ a + b = 2  ~ a*b = 1
}
