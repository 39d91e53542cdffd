# common.tcl: sourced by every tests/tcl/*.test file. Sets tcltest up so that each test
# prints one line (test_tcl.sh turns them into PASS/FAIL lines), and makes the nrn
# commands available: nrn-run has them already; a plain tclsh loads the package.
package require tcltest 2
namespace import -force ::tcltest::*
tcltest::configure -verbose {pass body error}
if {[info commands ::nrn::section] eq ""} {
    package require nrn
}
namespace import -force ::nrn::*

# The -errorcode of script (run in the caller's scope), or "ok" if it does not fail.
proc errcode {script} {
    if {[catch {uplevel 1 $script} msg opts]} {
        return [dict get $opts -errorcode]
    }
    return ok
}

# The golden file NAME from tests/golden, as one string.
set ::goldendir [file normalize [file join [file dirname [info script]] .. golden]]
proc golden {name} {
    set f [open [file join $::goldendir $name]]
    set text [read $f]
    close $f
    return $text
}

# A temporary directory for files the tests write; removed by finish.
set ::tmpdir [file join [expr {[info exists ::env(TMPDIR)] ? $::env(TMPDIR) : "/tmp"}] \
                  nrn-tcl-tests-[pid]]
file mkdir $::tmpdir

# The contents of file path.
proc slurp {path} {
    set f [open $path]
    set text [read $f]
    close $f
    return $text
}

# Ends a test file: summary, temporary files gone, an empty model (so nrn-run writes nothing).
proc finish {} {
    file delete -force $::tmpdir
    cleanupTests
    reset
}
