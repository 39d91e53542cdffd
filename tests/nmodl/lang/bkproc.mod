: bkproc.mod, written for nrn's tests: a BREAKPOINT without currents that SOLVEs a PROCEDURE:
: NEURON runs the PROCEDURE first, then the BREAKPOINT's statements, both in nrn_state.
NEURON {
    SUFFIX bkproc
    RANGE x, xseen
}
ASSIGNED { x xseen }
INITIAL { x = 0 xseen = -1 }
BREAKPOINT {
    SOLVE bump
    xseen = x
}
PROCEDURE bump() { x = x + 1 }
