#!/bin/sh
# test_nrn_tui.sh: nrn-tui driven in tmux as a user drives it: the tree, the table, an edit
# (and a refused one), a run with live traces, stop and continue, :write_csv against
# nrn-run byte for byte, :save replayed by nrn-run, help, search, completion, resize,
# ASCII and NO_COLOR, a bad script, signals, and quit with exit status 0.
. "$ROOT/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux missing: nrn-tui tests skipped"; exit 0; }
. "$ROOT/tests/tui/tmux.sh"

cp "$ROOT/recipes/hh.tcl" "$ROOT/tests/tui/cable.tcl" "$ROOT/tests/tui/ball.tcl" "$TMP/"

# --- the tree, the table, an edit, a run, :write_csv and :save ---
tui_start 100 30 hh.tcl
check_screen "opens with the topology tree" "soma [1] hh"
check_screen "the globals in the table" "celsius"
check_screen "the script's traces" "soma(0.5).v"
keys j
check_screen "selecting soma shows its parameters" "soma(0.5)  segment 1 of 1"
check_screen "ion parameters" "ena"
keys Tab / ; type_text gnabar; keys Enter
check_screen "mechanism parameters from the catalogue" "gnabar_hh"
keys / ; type_text diam; keys Enter Enter C-u; type_text 20; keys Enter
check_screen "an edit through setval" "soma.diam = 20"
keys Enter C-u; type_text -5; keys Enter
check_screen "a bad value is refused" "diam must be > 0, got -5 (nothing changed)"
if screen | grep -Eq "diam +20 +um"; then pass "the refused edit changed nothing"; else fail "the refused edit changed nothing" "$(screen)"; fi
keys r
check_screen "r runs to tstop" "done at t = 5 ms (200 steps;"
check_screen "the header shows t and tstop" "t = 5.0000 ms  tstop = 5 ms"
keys : ; type_text "write_csv out.csv"; keys Enter
keys : ; type_text "save session.tcl"; keys Enter
check_screen ":save says where" "saved the session to session.tcl"
printf 'source hh.tcl\nsetval soma.diam 20\nrun\n' > "$TMP/same.tcl"
(cd "$TMP" && nrn-run same.tcl > ref.csv)
check_files ":write_csv equals nrn-run's CSV for the same model and edits" "$TMP/out.csv" "$TMP/ref.csv"
(cd "$TMP" && nrn-run session.tcl > replay.csv)
check_files "nrn-run replays :save with the same numbers" "$TMP/replay.csv" "$TMP/ref.csv"
check_grep ":save holds the edit as a command" '^setval soma.diam 20$' "$TMP/session.tcl"

# --- help, search, completion, views ---
keys '?'
check_screen "? lists every key" "Shift-Tab"
if screen | grep -Fq ":save FILE"; then pass "help names :save"; else fail "help names :save" "$(screen)"; fi
keys q
check_screen "q closes the help, not the program" "Topology"
keys : ; type_text "sec"; keys Tab
check_screen "Tab lists the matches" "section  sections"
keys C-u ; type_text "segm"; keys Tab
check_screen "Tab completes a command name" ":segments"
type_text "so"; keys Tab
check_screen "Tab completes a section name" ":segments soma"
keys Enter
check_screen "a Tcl command's result on the status line" "soma(0.5)"
keys : ; type_text "nosuchcommand"; keys Enter
check_screen "a Tcl error on the status line" 'invalid command name "nosuchcommand"'
keys : Up Up
check_screen "Up recalls the history" ":segments soma"
keys Escape
keys v
check_screen "v shows the shape" "v at t = 5 ms"
keys v
check_screen "v again shows the model summary" "hh"
keys v

# --- resize down to 80x24 and below, then back ---
$TM resize-window -x 80 -y 24
check_screen "80x24 keeps every pane" "Traces"
$TM resize-window -x 40 -y 12
sleep 0.3
$TM resize-window -x 12 -y 3
check_screen "a tiny window says so" "terminal t"
$TM resize-window -x 100 -y 30
check_screen "back to 100x30" "Parameters"

# --- quit ---
keys q
check_eq "q quits with exit status 0" "$(wait_exit)" "0"
if screen | grep -Fq "Topology"; then fail "the terminal is restored after q" "$(screen)"; else pass "the terminal is restored after q"; fi

# --- a live run of a longer model: stop, continue, same numbers as nrn-run ---
# (seconds of simulation: too long under valgrind, which make valgrind uses)
if [ -z "${VALGRIND:-}" ]; then
tui_start 100 30 cable.tcl
check_screen "the cable loads" "axon [1001] hh"
keys r
check_screen "a long run shows [running]" "[running]"
keys s
check_screen "s stops it" "stopped at t ="
st=$(screen | sed -n 's/.*stopped at t = \([0-9.]*\) ms.*/\1/p')
if [ -n "$st" ] && awk "BEGIN { exit !($st > 0 && $st < 300) }"; then pass "stopped midway (t = $st)"; else fail "stopped midway" "$(screen | tail -3)"; fi
check_screen "live traces of every recorded variable" "axon(0.9).v"
keys n
check_screen "n takes one step" "one step: t ="
keys c
check_screen "c continues to tstop" "done at t = 300 ms" 60
keys : ; type_text run; keys Enter
check_screen ":run runs in slices as r does" "[running]"
keys s
check_screen "... and s stops it" "stopped at t ="
keys c
check_screen "... and c continues it" "done at t = 300 ms" 60
keys : ; type_text "write_csv cable_tui.csv"; keys Enter
keys : ; type_text "save cable_session.tcl"; keys Enter
check_screen "saved" "saved the session"
(cd "$TMP" && nrn-run cable.tcl > cable_ref.csv)
check_files "stopped, stepped and continued: the same numbers as one nrn-run" "$TMP/cable_tui.csv" "$TMP/cable_ref.csv"
(cd "$TMP" && nrn-run cable_session.tcl > cable_replay.csv)
check_files "the stopped run's session replays the same numbers" "$TMP/cable_replay.csv" "$TMP/cable_ref.csv"
keys q
check_eq "quit after a run" "$(wait_exit)" "0"

# --- a change in the middle of a run, and :continuerun: the session still replays exactly ---
tui_start 100 30 cable.tcl
check_screen "the cable again" "axon [1001] hh"
keys r
check_screen "running" "[running]"
keys : ; type_text "setval axon.gnabar_hh 0.2"; keys Enter
check_screen "the run goes on after a change" "done at t = 300 ms" 60
keys : ; type_text "continuerun 320"; keys Enter
check_screen ":continuerun T runs in slices to T" "done at t = 320 ms" 60
keys : ; type_text "write_csv mid_tui.csv"; keys Enter
keys : ; type_text "save mid_session.tcl"; keys Enter
check_screen "saved the changed run" "saved the session"
check_grep "the journal holds the run up to the change" "^setval tstop [0-9.e+-]+; run; setval tstop 300.0$" "$TMP/mid_session.tcl"
(cd "$TMP" && nrn-run mid_session.tcl > mid_replay.csv)
check_files "a change during a run replays with the same numbers" "$TMP/mid_replay.csv" "$TMP/mid_tui.csv"
if cmp -s "$TMP/mid_tui.csv" "$TMP/cable_ref.csv"; then fail "the change made a difference" "same as the unchanged run"; else pass "the change made a difference"; fi
keys q
check_eq "quit after the changed run" "$(wait_exit)" "0"
fi

# --- a branched cell: folding, objects, globals, non-uniform values, output, shape ---
tui_start 100 40 ball.tcl
check_screen "what a script prints goes to the status line" "> ball.tcl loaded"
check_screen "children under their parent, in topology order" "    dend2 [3] pas"
check_screen "a point process under its section" "• syn ExpSyn(0.9)"
check_screen "an artificial cell" "• ns NetStim"
check_screen "a NetCon with source and target" "→ nc ns → syn"
keys j Left
if wait_for "▸ soma [1] hh" 5 && ! screen | grep -Fq "dend1 [5]"; then pass "Left folds the section"; else fail "Left folds the section" "$(screen | head -12)"; fi
keys Right
check_screen "Right unfolds it" "dend1 [5] pas"
keys / ; type_text dend1; keys Enter
check_screen "search in the tree" "dend1(0.5)  segment 3 of 5"
keys Tab / ; type_text g_pas; keys Enter
check_screen "non-uniform values are marked" "0.001 *S/cm2"
keys S
check_screen "S lists a value along the section" "g_pas along dend1 (5 segments)"
check_screen "... each segment" "0.1          0.002"
keys q ]
check_screen "] moves to the next segment" "dend1(0.7)  segment 4 of 5"
keys a
check_screen "a traces the selected parameter" "tracing dend1(0.7).g_pas"
keys BTab / ; type_text "syn "; keys Enter
check_screen "a point process's parameters" "syn  ExpSyn at dend1(0.9)"
keys Tab / ; type_text tau; keys Enter Enter C-u; type_text 3; keys Enter
check_screen "a point process edit" "syn.tau = 3"
keys BTab / ; type_text "nc "; keys Enter
check_screen "a NetCon's options" "weight[0]"
keys g Tab / ; type_text tstop; keys Enter Enter C-u; type_text 12; keys Enter
check_screen "a global edit" "tstop = 12"
check_screen "the header follows" "tstop = 12 ms"
keys r
check_screen "the cell runs" "done at t = 12 ms"
keys : ; type_text "write_csv ball_tui.csv"; keys Enter
keys : ; type_text "save ball_session.tcl"; keys Enter
check_screen "saved the cell's session" "saved the session"
printf 'source ball.tcl\nrecord dend1(0.7).g_pas\nsetval syn.tau 3\nsetval tstop 12\nrun\n' > "$TMP/ball_same.tcl"
(cd "$TMP" && nrn-run ball_same.tcl > ball_ref.csv 2>/dev/null)
check_files "a cell with synapses: :write_csv equals nrn-run" "$TMP/ball_tui.csv" "$TMP/ball_ref.csv"
(cd "$TMP" && nrn-run ball_session.tcl > ball_replay.csv 2>/dev/null)
check_files "... and its session replays the same" "$TMP/ball_replay.csv" "$TMP/ball_ref.csv"
keys : ; type_text topology; keys Enter
check_screen "a long result opens the output view" "----|       dend1(0-1)"
keys q
check_screen "q closes it" "Topology"
keys v
check_screen "the shape of a branched cell, coloured by v" "v at t = 12 ms"
check_screen "... with its colour bar" "v [mV]"
keys BTab / ; type_text dend1; keys Enter Tab / ; type_text g_pas; keys Enter V
check_screen "V colours the shape by the selected parameter" "g_pas at t = 12 ms"
keys V
check_screen "V again: back to v" "the shape shows v"
rev() { $TM capture-pane -p -e | grep -c "$(printf '\033')\[7m"; }
n1=$(rev)
keys BTab g
wait_for "Parameters  globals" 5
n0=$(rev)
if [ "$n1" -gt $((n0 + 2)) ]; then pass "the selected section is marked in the shape"; else fail "the selected section is marked in the shape" "reverse lines: $n1 selected, $n0 not"; fi
keys Tab Tab z
check_screen "z zooms the view" "Shape"
if wait_gone "Topology" 5; then pass "zoom hides the other panes"; else fail "zoom hides the other panes" "$(screen | head -3)"; fi
keys Escape q
check_eq "quit the cell" "$(wait_exit)" "0"

# --- the empty model, a trace added with a, ASCII, NO_COLOR ---
TUI_LANG=C; tui_start 100 30; TUI_LANG=
check_screen "no input: an empty model and a hint" "empty model"
keys : ; type_text "section soma -L 10 -diam 10"; keys Enter
keys : ; type_text "insert hh"; keys Enter
check_screen "sections made at : appear in the tree" "soma [1] hh"
if screen | grep -Fq "◆"; then fail "ASCII in the C locale" "$(screen | head -5)"; else pass "ASCII in the C locale"; fi
keys j a
check_screen "a adds a trace of the selected segment's v" "tracing soma(0.5).v"
keys r
check_screen "the new trace runs" "done at t = 5 ms"
check_screen "its legend" "soma(0.5).v"
keys q
check_eq "quit the empty model" "$(wait_exit)" "0"

TUI_ENV=NO_COLOR=1; tui_start 100 30 --ascii hh.tcl; TUI_ENV=
check_screen "--ascii draws the tree in ASCII" "- soma [1] hh"
check_screen "--ascii draws the traces" "soma(0.5).v"
if $TM capture-pane -p -e | grep -Eq "$(printf '\033')\[(3[0-7]|38;5;[0-9]+)m"; then fail "NO_COLOR: no colours" "$($TM capture-pane -p -e | grep -m3 "$(printf '\033')")"; else pass "NO_COLOR: no colours"; fi
keys q
check_eq "quit in ASCII" "$(wait_exit)" "0"

tui_start 100 30 hh.tcl
check_screen "started in colour" "soma [1] hh"
if wait_colour 5; then pass "colours without NO_COLOR"; else fail "colours without NO_COLOR" "$($TM capture-pane -p -e | head -5)"; fi
keys q
check_eq "quit in colour" "$(wait_exit)" "0"

# --- a bad script: opens with the error shown and what loaded before it ---
printf 'section soma -L 10 -diam 10\ninsert hh soma\nsetval soma.L -1\nsection dend\n' > "$TMP/bad.tcl"
tui_start 100 30 bad.tcl
check_screen "a bad script: FILE:LINE on the status line" "bad.tcl:3: "
check_screen "what loaded before the error is usable" "soma [1] hh"
keys : ; type_text "save bad_session.tcl"; keys Enter
check_screen "saved after a bad script" "saved the session"
check_grep ":save notes where loading stopped" "^# nrn-tui: loading stopped here: bad.tcl:3: " "$TMP/bad_session.tcl"
keys q
check_eq "quit after a bad script" "$(wait_exit)" "0"

# --- Tcl's exit restores the terminal and ends with its status ---
tui_start 100 30 hh.tcl
check_screen "started for exit" "soma [1] hh"
keys : ; type_text "exit 3"; keys Enter
check_eq ":exit 3 ends with status 3" "$(wait_exit)" "3"
if screen | grep -Fq "Topology"; then fail "the terminal is restored after exit" "$(screen)"; else pass "the terminal is restored after exit"; fi

# --- SIGTERM restores the terminal ---
tui_start 100 30 hh.tcl
check_screen "started for SIGTERM" "soma [1] hh"
pkill -TERM -P "$($TM list-panes -F '#{pane_pid}' | head -1)" 2>/dev/null
check_eq "SIGTERM ends with 128+15" "$(wait_exit)" "143"
if screen | grep -Fq "Topology"; then fail "the terminal is restored after SIGTERM" "$(screen)"; else pass "the terminal is restored after SIGTERM"; fi

# --- nothing to show: exit 1 with FILE:LINE ---
printf 'kind,section\nnonsense,row,with,fields\n' > "$TMP/bad.csv"
tui_start 100 30 -m bad.csv
check_eq "a model file that does not load, in a terminal: exit 1" "$(wait_exit)" "1"
check_screen "... with FILE:LINE on the terminal" "nrn-tui: bad.csv:1: not a model CSV"
nrn-tui -m "$TMP/bad.csv" </dev/null >"$TMP/o" 2>"$TMP/e"; rc=$?
check_eq "a model that does not load, no terminal: exit 1" "$rc" "1"
check_grep "... with FILE:LINE" "bad.csv:[0-9]+: " "$TMP/e"
nrn-tui "$TMP/bad.tcl" </dev/null >"$TMP/o" 2>"$TMP/e"; rc=$?
check_eq "a bad script without a terminal: exit 1" "$rc" "1"
check_grep "... with FILE:LINE" "bad.tcl:3: " "$TMP/e"
check_status "a missing file is a usage error" 2 nrn-tui "$TMP/none.tcl"
check_status "--help" 0 nrn-tui --help
check_grep "--help names the keys help" "Press \\? for the keys" "$TMP/out"
