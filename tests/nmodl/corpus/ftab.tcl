# ftab.tcl: NEURON's cagkftab.mod (a calcium-gated K channel whose rates alp and bet are
# 2-D FUNCTION_TABLEs of v and log(cai)) with hh in a soma under a current step; the
# tables are given with function_table: v evenly from -100 to 50 mV, log(cai) at the
# values of a vector. The model of tests/golden/nmodl_ftab.py.
load_mechanisms $lib
section soma -L 20 -diam 20
insert hh soma
insert cagkftab soma
IClamp ic soma(0.5) -del 2 -dur 30 -amp 0.2
set alp {}
set bet {}
for {set i 0} {$i < 16} {incr i} {
    set v [expr {-100 + 10*$i}]
    for {set j 0} {$j < 5} {incr j} {
        lappend alp [expr {0.05*exp(0.04*$v)*(1 + 0.5*$j)}]
        lappend bet [expr {0.2*exp(-0.03*$v)}]
    }
}
vector create alp $alp
vector create bet $bet
vector create lnca {-12 -10 -8 -6 -4}
function_table alp_cagkftab alp 16 -100 50 5 lnca
function_table bet_cagkftab bet 16 -100 50 5 lnca
function_table tst_cagkftab 1
record t
record soma(0.5).v
record soma(0.5).o_cagkftab
record soma(0.5).ik
setval tstop 50
run
