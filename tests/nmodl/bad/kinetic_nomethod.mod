: want: 4:14: SOLVE k: a KINETIC block needs METHOD sparse (without a METHOD NEURON 8.2.2 cannot link it either)
NEURON { SUFFIX x }
STATE { a b }
BREAKPOINT { SOLVE k }
KINETIC k { ~ a <-> b (1, 2) }
