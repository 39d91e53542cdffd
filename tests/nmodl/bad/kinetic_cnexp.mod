: want: 4:14: SOLVE k METHOD cnexp: a KINETIC block cannot be solved by cnexp (nor in NEURON); use METHOD sparse
NEURON { SUFFIX x }
STATE { a b }
BREAKPOINT { SOLVE k METHOD cnexp }
KINETIC k { ~ a <-> b (1, 2) }
