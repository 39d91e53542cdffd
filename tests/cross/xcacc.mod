: xcacc.mod: written for nrn's tests (tests/cross): calcium accumulation in a shell
: under the membrane, writing cai, with a decay to cai0.
NEURON {
    SUFFIX xcacc
    USEION ca READ ica WRITE cai
    RANGE depth, tau, cai0
}
UNITS { (mM) = (milli/liter) (mA) = (milliamp) F = (faraday) (coulombs) }
PARAMETER { depth = 0.5 tau = 20 (ms) cai0 = 50e-6 (mM) }
ASSIGNED { ica (mA/cm2) }
STATE { cai (mM) }
INITIAL { cai = cai0 }
BREAKPOINT { SOLVE integrate METHOD derivimplicit }
DERIVATIVE integrate { cai' = -ica/depth/F/2 * (1e7) + (cai0 - cai)/tau }
