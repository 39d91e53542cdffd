: want: 5:5: VERBATIM uses '_p': only plain C on the NMODL names can pass (NEURON's internals are not available)
NEURON { SUFFIX vbad RANGE x }
ASSIGNED { x }
INITIAL {
    VERBATIM
    _p[0] = 1.;
    ENDVERBATIM
}
