#!/bin/sh
# test_tui_mechanisms.sh: nrn-tui --mechanisms loads NMODL mechanisms (a library or .mod files)
# before the scripts, as nrn-run does, so a script that inserts one loads; without it the
# script stops at the unknown mechanism. Run without a terminal, nrn-tui says only whether the
# scripts load (exit 1, one line), which is what is checked here; the screen is tested in
# test_nrn_tui.sh.
. "$ROOT/tests/lib.sh"
command -v cc >/dev/null 2>&1 || { pass "tui mechanisms: skipped (no C compiler)"; exit 0; }
export XDG_CACHE_HOME="$TMP/cache"
printf 'section soma\ninsert kdr soma\nsetval soma.gbar_kdr 0.02\n' > "$TMP/k.tcl"
nrn-tui --mechanisms "$ROOT/recipes/kdr.mod" "$TMP/k.tcl" < /dev/null > "$TMP/out" 2> "$TMP/err"
check_eq "tui --mechanisms: the script loads (only the terminal is missing)" \
    "$? $(cat "$TMP/err")" "1 nrn-tui: standard input and output must be a terminal"
nrn-tui "$TMP/k.tcl" < /dev/null > "$TMP/out" 2> "$TMP/err"
check_eq "tui without --mechanisms: the unknown mechanism is named" \
    "$? $(cat "$TMP/err")" "1 nrn-tui: $TMP/k.tcl:2: unknown mechanism \"kdr\""
nrn-tui --mechanisms "$TMP/none.so" "$TMP/k.tcl" < /dev/null > "$TMP/out" 2> "$TMP/err"
check_eq "tui --mechanisms: a missing library is one line, exit 1" "$? $(wc -l < "$TMP/err")" "1 1"
