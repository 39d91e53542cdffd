: arrays.mod: a RANGE array (columns x0, x1, x2 of every instance), a LOCAL array and a
: FROM loop over them, written for nrn's tests.
DEFINE N 3
NEURON { SUFFIX arr RANGE x, s }
PARAMETER { scale = 2 }
ASSIGNED { x[N] s }
INITIAL {
    LOCAL a[N], k
    k = 1
    FROM i = 0 TO N - 1 {
        a[i] = (i + 1)*scale
        x[i] = a[i] + k
    }
    s = x[0] + x[1] + x[2]
}
