: want: 4:14: SOLVE p METHOD cvode_t in a mechanism without STATEs: not supported yet (under CVODE NEURON calls it from the current evaluation; METHOD after_cvode is supported)
NEURON { POINT_PROCESS x ELECTRODE_CURRENT i }
ASSIGNED { i v }
BREAKPOINT { SOLVE p METHOD cvode_t i = 0 }
PROCEDURE p() { i = v }
