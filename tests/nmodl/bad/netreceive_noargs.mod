: want: 3:1: NET_RECEIVE must have at least one argument
NEURON { POINT_PROCESS x }
NET_RECEIVE() { }
