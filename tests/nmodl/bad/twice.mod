: want: 4:12: 'g' is declared twice (first at line 3)
NEURON { SUFFIX x }
PARAMETER { g = 1 }
ASSIGNED { g }
