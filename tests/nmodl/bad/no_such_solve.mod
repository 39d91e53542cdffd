: want: 4:14: SOLVE states: no DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block is named states
NEURON { SUFFIX x }
STATE { m }
BREAKPOINT { SOLVE states METHOD cnexp }
INITIAL { m = 1 }
