#!/bin/sh
# test_tui_interrupt.sh: a long command typed at : (a Tcl loop, or a long run inside the
# engine) says on screen that it runs and how to stop it; Ctrl-C stops that command with an
# error on the status line and leaves nrn-tui running, with the model usable; Ctrl-C outside
# a command still ends nrn-tui (status 130), as a terminal user expects; a run under the local
# step goes in slices, its keys working (s stops it).
. "$ROOT/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux missing: nrn-tui tests skipped"; exit 0; }
. "$ROOT/tests/tui/tmux.sh"

cp "$ROOT/recipes/hh.tcl" "$TMP/"
tui_start 100 30 hh.tcl
check_screen "opens" "soma [1] hh"
keys : ; type_text "while 1 {}"; keys Enter
check_screen "a running command is named with the way to stop it" "running: while 1 {}   (Ctrl-C interrupts it)"
keys C-c
check_screen "Ctrl-C interrupts a Tcl loop" "interrupted (Ctrl-C)"
check_eq "nrn-tui goes on after the interrupted loop" "$(wait_exit 1)" "running"
# a run inside the engine: 4e6 steps, far longer than the test waits
keys : ; type_text "set x [continuerun 100000]"; keys Enter
check_screen "a long engine run shows as running" "running: set x [continuerun 100000]"
sleep 0.3
keys C-c
check_screen "Ctrl-C cancels a run inside the engine" "interrupted (Ctrl-C): cancelled at t ="
check_eq "nrn-tui goes on after the cancelled run" "$(wait_exit 1)" "running"
keys r
check_screen "r still runs after an interrupt" "done at t = 5 ms (200 steps;"
keys : ; type_text "write_csv out.csv"; keys Enter
wait_file "$TMP/out.csv"
printf 'source hh.tcl\nrun\n' > "$TMP/same.tcl"
(cd "$TMP" && nrn-run same.tcl > ref.csv)
check_files "the numbers after an interrupt equal nrn-run's" "$TMP/out.csv" "$TMP/ref.csv"
# a run under the local step goes in slices as any other (the cells' integrators go on
# from one to the next): the keys work during it, s stops it
keys : ; type_text "setval tstop 1e6; cvode -active 1 -local 1"; keys Enter
keys r
check_screen "a local-step run runs in slices" "running to tstop = 1e+06 ms"
sleep 0.3
keys s
check_screen "s stops the local-step run" "stopped at t ="
check_eq "nrn-tui goes on after the stopped local-step run" "$(wait_exit 1)" "running"
keys C-c
check_eq "Ctrl-C outside a command ends nrn-tui with 130" "$(wait_exit)" "130"
