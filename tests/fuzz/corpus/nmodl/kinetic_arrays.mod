: kinarraymod.mod: a KINETIC scheme on STATE arrays written for nrn's tests (not from NEURON):
: diffusion along ca[0..3] and buffering in each, COMPARTMENT i, vol[i] with a GLOBAL array of
: volumes, a flux into ca[0], reactions in FROM loops; METHOD sparse (nonlinear: ca + B).
: NEURON 8.2.2 runs the same file for the golden tests/golden/nmodl_kinetic.csv.
NEURON { SUFFIX karr RANGE D GLOBAL vol }
DEFINE N 4
PARAMETER { D = 0.5 kb = 0.3 tot = 2 }
ASSIGNED { vol[N] fr[N] v }
STATE { ca[N] B[N] CB[N] }
INITIAL {
    FROM i = 0 TO N-1 {
        vol[i] = 1 + i*0.5
        fr[i] = 0.2*(i+1)
        ca[i] = 0.1*(i+1)
        B[i] = tot
    }
}
BREAKPOINT { SOLVE st METHOD sparse }
KINETIC st {
    COMPARTMENT i, vol[i] {ca B CB}
    ~ ca[0] << (0.01*sin(t))
    FROM i = 0 TO N-2 {
        ~ ca[i] <-> ca[i+1] (D*fr[i+1], D*fr[i+1])
    }
    FROM i = 0 TO N-1 {
        ~ ca[i] + B[i] <-> CB[i] (1.5, kb)
    }
}
