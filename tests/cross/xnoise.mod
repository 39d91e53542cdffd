: xnoise.mod: written for nrn's tests (tests/cross): a small noisy current, normrand each
: step (the random stream's draw count is state that savestate and threads must keep).
NEURON {
    SUFFIX xnoise
    NONSPECIFIC_CURRENT i
    RANGE sd, inoise
}
UNITS { (mA) = (milliamp) }
PARAMETER { sd = 0.002 }
ASSIGNED { i (mA/cm2) inoise (mA/cm2) }
INITIAL { inoise = 0 }
BREAKPOINT { i = inoise }
BEFORE STEP { inoise = normrand(0, sd) }
