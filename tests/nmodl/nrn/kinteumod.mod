: kinteumod.mod: kintestmod.mod (beside it) solved by METHOD euler instead of sparse (SUFFIX kinteu),
: for nrn's tests (not from NEURON): nocmodl's derivative form of a KINETIC block (CONSERVE ignored).
: NEURON 8.2.2 runs the same file for the golden tests/golden/nmodl_kinetic_euler.csv.
NEURON {
    SUFFIX kinteu
    NONSPECIFIC_CURRENT i
    RANGE gbar, a, b
    GLOBAL vol1, vol2
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) }
PARAMETER {
    gbar = 0.003 (S/cm2)
    e = -80 (mV)
    vol1 = 2
    vol2 = 0.5
    kx = 0.01 (/ms)
}
ASSIGNED { v (mV) i (mA/cm2) a (/ms) b (/ms) }
STATE { C1 C2 O I1 X Y }
INITIAL {
    C1 = 1
    X = 0.2
    Y = 0.1
}
BREAKPOINT {
    SOLVE kin METHOD euler
    i = gbar*O*(v - e)
}
KINETIC kin {
    LOCAL q
    a = 0.1*exp((v + 40)/20)
    b = 0.2*exp(-(v + 40)/25)
    q = a*b
    COMPARTMENT vol1 {X}
    COMPARTMENT vol2 {Y}
    ~ C1 <-> C2 (2*a, b)
    ~ C2 <-> O (a, 2*b)
    ~ O <-> I1 (0.05, 0.01 + q)
    CONSERVE C1 + C2 + O + I1 = 1
    ~ 2X <-> Y (a, b)
    ~ X << (kx)
    ~ Y -> (b)
}
