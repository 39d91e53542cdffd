: bacheck.mod: BEFORE and AFTER blocks leave traces of when they ran: v and t seen by
: BEFORE BREAKPOINT, v after the solve, a count of BEFORE STEPs, and ini built up by
: BEFORE INITIAL, INITIAL and AFTER INITIAL in turn (tests/golden/nmodl_ba.py).
NEURON {
    SUFFIX bacheck
    RANGE vbb, tbb, vas, nstep, ini
}
ASSIGNED { v (mV) vbb (mV) tbb (ms) vas (mV) nstep ini }
BEFORE INITIAL {
    ini = 1
    nstep = 0
}
INITIAL { ini = ini*10 + 2 }
AFTER INITIAL { ini = ini*10 + 3 }
BEFORE BREAKPOINT {
    vbb = v
    tbb = t
}
AFTER SOLVE { vas = v }
BEFORE STEP { nstep = nstep + 1 }
