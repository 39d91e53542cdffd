: want: 4:17: record_value: only a POINT_PROCESS or ARTIFICIAL_CELL records
NEURON { SUFFIX x }
ASSIGNED { v }
PROCEDURE p() { record_value(v) }
BREAKPOINT { p() }
