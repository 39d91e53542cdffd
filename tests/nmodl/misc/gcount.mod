: gcount.mod: a THREADSAFE mechanism whose GLOBAL acc carries a count from step to step
: (test_nmodl_misc.sh: replicas of a sweep must not share it). Written for nrn.
NEURON {
    SUFFIX gcount
    THREADSAFE
    GLOBAL acc
    RANGE inc
    NONSPECIFIC_CURRENT i
}
PARAMETER { inc = 1 }
ASSIGNED { acc i (mA/cm2) v (mV) }
INITIAL { acc = 0 }
BEFORE STEP { acc = acc + inc }
BREAKPOINT { i = -1e-5 * acc }
