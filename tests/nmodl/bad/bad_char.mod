: want: 3:11: unexpected character '$'
NEURON { SUFFIX x }
INITIAL { $x = 1 }
