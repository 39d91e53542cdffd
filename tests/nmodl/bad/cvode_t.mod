: want: 4:14: SOLVE p METHOD cvode_t: not supported yet (METHOD after_cvode is)
NEURON { POINT_PROCESS x ELECTRODE_CURRENT i }
ASSIGNED { i v }
BREAKPOINT { SOLVE p METHOD cvode_t i = 0 }
PROCEDURE p() { i = v }
