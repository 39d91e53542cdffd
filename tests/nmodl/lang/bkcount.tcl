# bkcount.tcl: bkcount.mod and bkproc.mod (BREAKPOINTs without currents) in an hh soma under a
# current step, the model of tests/golden/nmodl_bkcount.py. 5 ms. -D cvode=1: under CVODE
# without bkproc (tests/golden/nmodl_bkcount_cvode.py).
load_mechanisms $lib
if {![info exists cvode]} { set cvode 0 }
section soma -L 20 -diam 20
insert hh soma
insert bkcount soma
if {!$cvode} { insert bkproc soma }
IClamp ic soma(0.5) -del 1 -dur 2 -amp 0.3
if {$cvode} { cvode -active 1 -atol 1e-5 -rtol 0 }
record t
record soma(0.5).v
record soma(0.5).n_bkcount
record soma(0.5).vseen_bkcount
if {!$cvode} {
    record soma(0.5).x_bkproc
    record soma(0.5).xseen_bkproc
}
setval tstop 5
run
