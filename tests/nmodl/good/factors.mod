: factors.mod: the unit factors nocmodl knows, each kept in a RANGE variable at INITIAL
: (written for nrn's tests; the values must be NEURON 8.2.2's modern constants exactly).
NEURON { SUFFIX factors RANGE f, fk, f4, r, rmv, k, e, pi }
UNITS {
    (mV) = (millivolt)
    F = (faraday) (coulomb)
    FK = (faraday) (kilocoulombs)
    F4 = (faraday) (10000 coulomb)
    R = (k-mole) (joule/degC)
    RMV = (k-mole) (mV-coulomb/degC)
    KB = (k) (joule/degC)
    E = (e) (coulomb)
    PI = (pi) (1)
}
ASSIGNED { f fk f4 r rmv k e pi }
INITIAL {
    f = F
    fk = FK
    f4 = F4
    r = R
    rmv = RMV
    k = KB
    e = E
    pi = PI
}
