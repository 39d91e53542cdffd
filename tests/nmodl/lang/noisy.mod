: noisy.mod: a noise current drawn with normrand every step, plus uniform and exponential
: draws kept for inspection (tests/nmodl/test_nmodl_lang.sh: random functions).
NEURON {
    SUFFIX noisy
    NONSPECIFIC_CURRENT i
    RANGE sd, u, e, inoise
}
PARAMETER { sd = 0.001 (mA/cm2) }
ASSIGNED { i (mA/cm2) inoise (mA/cm2) u e }
INITIAL { inoise = 0 u = scop_random() }
BREAKPOINT {
    SOLVE draw
    i = inoise
}
PROCEDURE draw() {
    inoise = normrand(0, sd)
    u = scop_random()
    e = exprand(2)
}
