: want: 4:11: SOLVE k STEADYSTATE sparse: the block is solved by METHOD euler (NEURON fails on this too: the matrix is singular)
NEURON { SUFFIX x }
STATE { a b }
INITIAL { SOLVE k STEADYSTATE sparse }
BREAKPOINT { SOLVE k METHOD euler }
KINETIC k { ~ a <-> b (1, 2) }
