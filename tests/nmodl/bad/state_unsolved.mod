: want: 4:9: STATE m is never solved nor assigned
NEURON { SUFFIX x NONSPECIFIC_CURRENT i }
ASSIGNED { i v }
STATE { m }
BREAKPOINT { i = m * v }
