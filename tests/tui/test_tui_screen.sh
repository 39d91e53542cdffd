#!/bin/sh
# test_tui_screen.sh: nrn-tui inside GNU screen (itself in tmux, which gives the test a
# terminal to read): screen sets TERM=screen, its own terminfo entry with 8 colours, and
# passes resizes on with SIGWINCH as an SSH session does. The tree, a run, colours, a resize
# and quit must work there as in tmux, and the exit status must come back through screen.
. "$ROOT/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux missing: nrn-tui tests skipped"; exit 0; }
command -v screen >/dev/null 2>&1 || { echo "screen missing: nrn-tui in screen skipped"; exit 0; }
. "$ROOT/tests/tui/tmux.sh"

cp "$ROOT/recipes/hh.tcl" "$TMP/"
# screen reads no user or system rc file (-c /dev/null, SCREENRC unset), keeps its sockets in
# $TMP, and runs nrn-tui as its only window; -q: no start message.
mkdir -m 700 "$TMP/sock"
printf '#!/bin/sh\nnrn-tui hh.tcl\necho $? > "%s/exit"\n' "$TMP" > "$TMP/in_screen.sh"
TUI_STARTS=$((TUI_STARTS + 1))
TM="tmux -L nrntui$$-$TUI_STARTS -f /dev/null"
$TM new-session -d -x 100 -y 30 -e "LANG=C.UTF-8" -e "LC_ALL=" -e "SCREENDIR=$TMP/sock" \
    -e "SCREENRC=/dev/null" -e "SYSSCREENRC=/dev/null" \
    "cd '$TMP' && screen -q -c /dev/null -S nrntui$$ sh '$TMP/in_screen.sh'; sleep 600"

check_screen "opens in screen with the topology tree" "soma [1] hh"
check_screen "the globals in the table" "celsius"
if wait_colour; then pass "colours under TERM=screen"; else fail "colours under TERM=screen" "$($TM capture-pane -p -e | head -5)"; fi
keys r
check_screen "r runs to tstop in screen" "done at t = 5 ms (200 steps;"
keys : ; type_text "write_csv out.csv"; keys Enter
wait_file "$TMP/out.csv"
printf 'source hh.tcl\nrun\n' > "$TMP/same.tcl"
(cd "$TMP" && nrn-run same.tcl > ref.csv)
check_files ":write_csv in screen equals nrn-run's CSV" "$TMP/out.csv" "$TMP/ref.csv"
$TM resize-window -x 80 -y 24
check_screen "a resize passes through screen" "soma [1] hh"
$TM resize-window -x 30 -y 8
sleep 0.5
$TM resize-window -x 100 -y 30
check_screen "back to full size after a tiny window" "celsius"
keys q
check_eq "q quits with status 0 inside screen" "$(wait_exit)" "0"
# screen ends with its only window; what it restores is the outer terminal's screen
if wait_gone "celsius"; then pass "the screen is restored after q"; else fail "the screen is restored after q" "$(screen | head -20)"; fi
