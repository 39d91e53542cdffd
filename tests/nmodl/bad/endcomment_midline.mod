: want: 3:1: COMMENT without ENDCOMMENT
NEURON { SUFFIX x }
COMMENT
 an end word counts only first on its line (nocmodl): not here ENDCOMMENT
PARAMETER { a = 1 }
