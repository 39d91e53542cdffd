: want: 5:16: SOLVE k in FUNCTION: only STEADYSTATE sparse is supported for a KINETIC block
NEURON { SUFFIX x }
STATE { a b }
BREAKPOINT { SOLVE k METHOD sparse }
FUNCTION f() { SOLVE k METHOD sparse f = a }
KINETIC k { ~ a <-> b (1, 2) }
