#!/bin/sh
# test_tui_cvode.sh: the globals table of nrn-tui holds the variable step's settings (cvode
# active, atol, rtol, maxstep, condition_order); Enter edits one through the cvode command,
# a bad value is refused with the engine's message, and :save repeats the change. The run
# goes in slices (many here: the first are a few dt long), and its rows are those of one
# nrn-run under CVODE byte for byte: a slice's end interrupts no step.
. "$ROOT/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux missing: nrn-tui tests skipped"; exit 0; }
. "$ROOT/tests/tui/tmux.sh"

cp "$ROOT/recipes/hh.tcl" "$TMP/"
tui_start 100 30 hh.tcl
check_screen "the globals show cvode's settings" "cvode atol"
keys Tab / ; type_text "cvode active"; keys Enter Enter C-u; type_text 1; keys Enter
check_screen "cvode -active through the table" "-active = 1"
keys / ; type_text "cvode atol"; keys Enter Enter C-u; type_text -1; keys Enter
check_screen "a bad atol is refused" "nothing changed"
keys Enter C-u; type_text 1e-5; keys Enter
check_screen "cvode -atol through the table" "-atol = 1e-5"
keys r
check_screen "r runs under CVODE" "done at t = 5 ms"
keys : ; type_text "write_csv out.csv"; keys Enter
keys : ; type_text "save session.tcl"; keys Enter
check_screen ":save says where" "saved the session to session.tcl"
check_grep ":save holds the cvode commands" '^cvode -atol 1e-5$' "$TMP/session.tcl"
(cd "$TMP" && nrn-run session.tcl > replay.csv)
check_eq "nrn-run replays the CVODE session to tstop" "$(tail -n 1 "$TMP/replay.csv" | cut -d, -f1)" "5.0"
check_eq ":write_csv after a sliced CVODE run is nrn-run's output byte for byte" \
    "$(cmp "$TMP/out.csv" "$TMP/replay.csv" 2>&1 && echo same)" "same"
grep -v '^finitialize\|^continuerun' "$TMP/hh.tcl" > "$TMP/model.tcl"
(cd "$TMP" && nrn-run --cvode --atol 1e-5 --tstop 5 model.tcl > direct.csv 2>/dev/null)
check_eq "... and nrn-run --cvode --atol 1e-5 --tstop 5's on the model alone" \
    "$(cmp "$TMP/out.csv" "$TMP/direct.csv" 2>&1 && echo same)" "same"
keys q
check_eq "q quits with status 0" "$(wait_exit)" "0"

# --- the local step (one CVODE per cell) from the table, the same rows as nrn-run's ---
tui_start 100 30 hh.tcl
check_screen "the globals show cvode local" "cvode local"
keys Tab / ; type_text "cvode active"; keys Enter Enter C-u; type_text 1; keys Enter
keys / ; type_text "cvode local"; keys Enter Enter C-u; type_text 1; keys Enter
check_screen "cvode -local through the table" "-local = 1"
keys r
check_screen "r runs under the local step" "done at t = 5 ms"
keys : ; type_text "write_csv local.csv"; keys Enter
wait_file "$TMP/local.csv"
printf 'source hh.tcl\ncvode -active 1 -local 1\nrun\n' > "$TMP/local.tcl"
(cd "$TMP" && nrn-run local.tcl > local_ref.csv)
check_files ":write_csv under the local step equals nrn-run's" "$TMP/local.csv" "$TMP/local_ref.csv"
keys q
check_eq "q quits after a local-step run" "$(wait_exit)" "0"
