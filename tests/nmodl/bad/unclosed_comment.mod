: want: 3:1: COMMENT without ENDCOMMENT
NEURON { SUFFIX x }
COMMENT
 never closed
