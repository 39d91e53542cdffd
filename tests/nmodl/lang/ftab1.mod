: ftab1.mod: y follows a one-argument FUNCTION_TABLE of t (tests/nmodl/test_nmodl_lang.sh:
: linear interpolation between the given values, clamped outside them).
NEURON {
    SUFFIX ftab1
    RANGE y
}
ASSIGNED { y }
FUNCTION_TABLE f(x)
BREAKPOINT { y = f(t) }
