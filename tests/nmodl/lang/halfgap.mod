: halfgap.mod: one side of a gap junction: the current follows the voltage difference to
: the other side, read through a POINTER (tests/nmodl/test_nmodl_lang.sh).
NEURON {
    POINT_PROCESS HalfGap
    NONSPECIFIC_CURRENT i
    RANGE g, i
    POINTER vgap
}
PARAMETER { g = 0.001 (uS) }
ASSIGNED {
    v (mV)
    vgap (mV)
    i (nA)
}
BREAKPOINT {
    i = g*(v - vgap)
}
