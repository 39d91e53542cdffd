: want: 5:13: flux equations involve only one state
NEURON { SUFFIX x }
STATE { a b }
BREAKPOINT { SOLVE k METHOD sparse }
KINETIC k { ~ a + b << (1) }
