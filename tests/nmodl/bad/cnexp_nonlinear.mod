: want: 6:5: cnexp: m' is not linear in m (derivimplicit is not supported yet)
NEURON { SUFFIX x }
STATE { m }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states {
    m' = m*m
}
