: want: 6:26: CONSERVE: 'c' is not a STATE solved by this block
NEURON { SUFFIX x }
PARAMETER { c = 1 }
STATE { a b }
BREAKPOINT { SOLVE k METHOD sparse }
KINETIC k { CONSERVE a + c = 1  ~ a <-> b (1, 2) }
