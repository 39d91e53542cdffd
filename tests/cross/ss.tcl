# ss.tcl: written for nrn's tests (tests/cross): after net.tcl (or cells.tcl), runs to 50,
# saves the state, runs to 100 and prints the state of cells 0 and $N-1; then restores the
# state and runs to 100 again, printing the same: both halves must be equal. Under CVODE
# both continue from a restore, which restarts the integrator.
proc show {} {
    global N
    foreach k [list 0 [expr {$N - 1}]] {
        foreach p {soma(0.5).v soma(0.5).cai soma(0.5).O_xkin d1(0.5).cai d2(0.5).v w.g w.n
                   soma(0.5).s_xsrc} {
            puts -nonewline "[getval c$k.$p] "
        }
        if {[info exists ::noise] && $::noise} { puts -nonewline "[getval c$k.soma(0.5).inoise_xnoise] " }
    }
    puts "t [getval t]"
}
finitialize -65
continuerun 50
savestate save s
# under CVODE a restore restarts the integrator: both halves restart it at 50
if {[dict get [cvode] active]} { savestate restore s }
continuerun 100
show
savestate restore s
continuerun 100
show
