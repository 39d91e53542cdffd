# two.tcl: written for nrn's tests (tests/cross). Two hh somas a and b (IClamps 0.3 and 0.1
# nA) with the mechanism $mech of this folder's library $lib; for nrn-run and nrn-sweep (no
# run), the model of tests/golden/cross_carry.py.
load_mechanisms $lib
foreach c {a b} amp {0.3 0.1} {
    section $c -L 20 -diam 20
    insert hh $c
    insert $mech $c
    IClamp ic$c ${c}(0.5) -del 1 -dur 5 -amp $amp
}
