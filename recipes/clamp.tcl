# clamp.tcl: voltage-clamp protocols on three identical hh somas (10 um x 10 um):
#   a  SEClamp (NEURON's single-electrode clamp, rs 0.01 MOhm): hold -65 mV for 1 ms, step to
#      -10 mV for 5 ms, back to -65 mV for 4 ms; se.i shows the Na inward then K outward current;
#   b  VClamp (the two-electrode clamp with its amplifier): the same steps, arrays dur[0..2] and
#      amp[0..2] given as -dur0 ... -amp2;
#   c  a ramp: SEClamp amp1 driven by `vector play ... -continuous` (Vector.play with
#      interpolation) through (0,-65) (2,-65) (7,-20) (9,-65).
# Output: t, each soma's v and each clamp's current. Same numbers as NEURON (tests/golden/
# recipe_clamp.py; VClamp's current to 1e-5 relative, see tests/unit/test_events.c).
# Run: nrn-run recipes/clamp.tcl | nrn-plot -y se.i,vc.i
foreach s {a b c} {
    section $s -L 10 -diam 10
    insert hh $s
}
SEClamp se a(0.5) -rs 0.01 -dur1 1 -amp1 -65 -dur2 5 -amp2 -10 -dur3 4 -amp3 -65
VClamp vc b(0.5) -dur0 1 -amp0 -65 -dur1 5 -amp1 -10 -dur2 4 -amp2 -65
SEClamp ramp c(0.5) -rs 0.01 -dur1 10
vector create ramp_t {0 2 7 9}
vector create ramp_v {-65 -65 -20 -65}
vector play ramp_v ramp.amp1 ramp_t -continuous
record t
foreach path {a(0.5).v se.i b(0.5).v vc.i c(0.5).v ramp.i} {
    record $path
}
finitialize -65
continuerun 10
