: want: 3:11: 'rates' is not a FUNCTION or PROCEDURE of this file, nor a known function
NEURON { SUFFIX x }
INITIAL { rates(1) }
