: want: 2:17: unexpected 'TABLE': expected a mechanism name
NEURON { SUFFIX TABLE }
