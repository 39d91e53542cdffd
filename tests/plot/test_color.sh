#!/bin/sh
# Colours: only on a terminal (auto), never with NO_COLOR set (auto), forced by --color=always,
# refused by --color=never; the legend carries the series colours. The terminal cases run in a
# detached tmux session so stdout really is a terminal.
. "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
D="$ROOT/tests/plot/data"
ESC=$(printf '\033')

has_esc() { grep -q "$ESC" "$1"; }

nrn-plot -W 70 -H 18 "$D/units.csv" >"$TMP/auto.txt"
if has_esc "$TMP/auto.txt"; then fail "auto: no colour into a pipe"; else pass "auto: no colour into a pipe"; fi
nrn-plot --color=always -W 70 -H 18 "$D/units.csv" >"$TMP/always.txt"
if has_esc "$TMP/always.txt"; then pass "--color=always colours a pipe"; else fail "--color=always colours a pipe"; fi
check_grep "series 1 is blue, series 2 red in the legend" "$ESC\[34m.*$ESC\[0m v .*$ESC\[31m" "$TMP/always.txt"
nrn-plot --color -W 70 -H 18 "$D/units.csv" >"$TMP/bare.txt"
check_files "--color alone means always" "$TMP/bare.txt" "$TMP/always.txt"
NO_COLOR=1 nrn-plot --color=always -W 70 -H 18 "$D/units.csv" >"$TMP/nc_always.txt"
check_files "--color=always wins over NO_COLOR" "$TMP/nc_always.txt" "$TMP/always.txt"
nrn-plot --color=never -W 70 -H 18 "$D/units.csv" >"$TMP/never.txt"
check_files "--color=never is the plain picture" "$TMP/never.txt" "$TMP/auto.txt"
sed "s/$ESC\[[0-9;]*m//g" "$TMP/always.txt" >"$TMP/stripped.txt"
check_files "colours change nothing else" "$TMP/stripped.txt" "$TMP/auto.txt"

# On a terminal: tmux pane of a fixed size; capture with -e keeps the escape sequences.
if ! command -v tmux >/dev/null 2>&1; then
    fail "tmux is needed for the terminal colour tests"; exit 0
fi
S="nrnplot-color-$$"
export TMUX_TMPDIR="$TMP"  # a private tmux server, whatever else runs
unset TMUX
run_in_tmux() { # run_in_tmux OUTFILE ENV... : draws into a fresh pane and captures it with -e
    out=$1; shift
    tmux new-session -d -s "$S" -x 80 -y 24 \
        "env $* '$ROOT/${BIN:-bin}/nrn-plot' -W 70 -H 18 '$D/units.csv'; echo DONE; sleep 30"
    i=0
    while [ $i -lt 300 ]; do  # up to 30 s: a loaded machine (or valgrind) starts slowly
        tmux capture-pane -p -t "$S" 2>/dev/null | grep -q '^DONE' && break
        sleep 0.1; i=$((i + 1))
    done
    tmux capture-pane -e -p -t "$S" >"$out"
    tmux kill-session -t "$S" 2>/dev/null
}
run_in_tmux "$TMP/tty.txt" TERM=xterm-256color
if has_esc "$TMP/tty.txt"; then pass "auto: colour on a terminal"; else fail "auto: colour on a terminal" "$(head -5 "$TMP/tty.txt")"; fi
run_in_tmux "$TMP/tty_nc.txt" TERM=xterm-256color NO_COLOR=1
if grep -q "$ESC\[3[0-9]m" "$TMP/tty_nc.txt"; then fail "auto: NO_COLOR on a terminal"; else pass "auto: NO_COLOR on a terminal"; fi
check_grep "terminal picture has the legend" "v .* w" "$TMP/tty_nc.txt"
tmux kill-server 2>/dev/null || true
exit 0
