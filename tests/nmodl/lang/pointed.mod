: pointed.mod: a point process that reads its POINTER only when asked to (use = 1): an
: unset POINTER fails the run only where it is used, as in NEURON.
NEURON {
    POINT_PROCESS Pointed
    RANGE use, seen
    POINTER p
}
PARAMETER { use = 0 }
ASSIGNED { p seen }
BREAKPOINT {
    if (use) { seen = p }
}
