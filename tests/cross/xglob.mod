: xglob.mod: written for nrn's tests (tests/cross): mechanism code that writes GLOBALs at
: each step (the last v it saw and a count of its calls).
NEURON { SUFFIX xglob GLOBAL gv, cnt RANGE lv }
ASSIGNED { v gv cnt lv }
INITIAL { gv = 0 cnt = 0 }
BREAKPOINT {
    gv = v
    lv = gv
    cnt = cnt + 1
}
