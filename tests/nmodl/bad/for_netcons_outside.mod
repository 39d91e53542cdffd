: want: 3:11: FOR_NETCONS is allowed only in a NET_RECEIVE block
NEURON { POINT_PROCESS x }
INITIAL { FOR_NETCONS(w) { } }
