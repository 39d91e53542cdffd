# ab.tcl: written for nrn's tests (tests/cross/x0). Two hh somas a and b with xs0 (this
# folder's library $lib), s0 0.5 and 2: the model of tests/golden/cross_x0.py; records t,
# both v and both s; for nrn-sweep, no run.
load_mechanisms $lib
foreach c {a b} s0 {0.5 2} {
    section $c -L 20 -diam 20
    insert hh $c
    insert xs0 $c
    setval $c.s0_xs0 $s0
}
record t
foreach p {a(0.5).v b(0.5).v a(0.5).s_xs0 b(0.5).s_xs0} { record $p }
setval tstop 20
