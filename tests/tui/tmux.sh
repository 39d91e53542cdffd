# tmux.sh: helpers for the tests that drive nrn-tui in tmux (source after tests/lib.sh).
# Each start uses a tmux server of its own (-L, a name unique to the process and the start)
# so that parallel runs never meet and a server still going away is never reused; the
# last one is killed on exit. Waits poll the screen with a timeout.
TUI_STARTS=0
# under make valgrind (VALGRIND set) every wait is five times longer
TUI_SLOW=1
[ -n "${VALGRIND:-}" ] && TUI_SLOW=5
TM="tmux -L nrntui$$-0 -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# tui_start W H ARGS...: starts nrn-tui ARGS in a W x H window (in $TMP, UTF-8 locale
# unless LANG is set); its exit status goes to $TMP/exit when it ends.
tui_start() {
    w=$1; h=$2; shift 2
    rm -f "$TMP/exit"
    $TM kill-server 2>/dev/null
    TUI_STARTS=$((TUI_STARTS + 1))
    TM="tmux -L nrntui$$-$TUI_STARTS -f /dev/null"
    $TM new-session -d -x "$w" -y "$h" -e "LANG=${TUI_LANG:-C.UTF-8}" -e "LC_ALL=" \
        ${TUI_ENV:+-e "$TUI_ENV"} \
        "cd '$TMP' && nrn-tui $*; echo \$? > '$TMP/exit'; sleep 600"
}

# screen: the window's text now.
screen() { $TM capture-pane -p 2>/dev/null; }

# keys KEY...: types keys (tmux names: Enter, Tab, BTab, Escape, Up, C-u ...).
keys() { $TM send-keys "$@" 2>/dev/null; }

# type TEXT: types TEXT literally.
type_text() { $TM send-keys -l -- "$1"; }

# wait_for TEXT [SECONDS]: waits until the screen shows TEXT (fixed string); 0 if it did.
wait_for() {
    i=0; lim=$(( ${2:-10} * 20 * TUI_SLOW ))
    while [ $i -lt $lim ]; do
        screen | grep -Fq -- "$1" && return 0
        sleep 0.05; i=$((i + 1))
    done
    return 1
}

# wait_gone TEXT [SECONDS]: waits until the screen no longer shows TEXT; 0 if so.
wait_gone() {
    i=0; lim=$(( ${2:-10} * 20 * TUI_SLOW ))
    while [ $i -lt $lim ]; do
        screen | grep -Fq -- "$1" || return 0
        sleep 0.05; i=$((i + 1))
    done
    return 1
}

# wait_colour [SECONDS]: waits until the screen has a foreground colour (SGR 30-37 or
# 38;5;N); 0 if it did.
wait_colour() {
    i=0; lim=$(( ${1:-10} * 20 * TUI_SLOW ))
    while [ $i -lt $lim ]; do
        $TM capture-pane -p -e 2>/dev/null | grep -Eq "$(printf '\033')\[(3[0-7]|38;5;[0-9]+)m" && return 0
        sleep 0.05; i=$((i + 1))
    done
    return 1
}

# check_screen NAME TEXT [SECONDS]: PASS when the screen shows TEXT in time.
check_screen() {
    if wait_for "$2" "${3:-10}"; then pass "$1"; else fail "$1" "screen never showed: $2" "$(screen | head -40)"; fi
}

# wait_exit [SECONDS]: waits for nrn-tui to end; prints its exit status (or "running").
wait_exit() {
    i=0; lim=$(( ${1:-10} * 20 * TUI_SLOW ))
    while [ ! -s "$TMP/exit" ] && [ $i -lt $lim ]; do sleep 0.05; i=$((i + 1)); done
    if [ -s "$TMP/exit" ]; then cat "$TMP/exit"; else echo running; fi
}

# wait_file FILE [SECONDS]: waits until FILE exists and is not empty (a :write_csv done).
wait_file() {
    i=0; lim=$(( ${2:-10} * 20 * TUI_SLOW ))
    while [ ! -s "$1" ] && [ $i -lt $lim ]; do sleep 0.05; i=$((i + 1)); done
}
