#!/bin/sh
# test_oneline.sh: a message that quotes what the user wrote stays one line "FILE:LINE:
# message" (or "command: message") when that holds a newline, a carriage return or an
# escape sequence: section names, looked-up names, Tcl errors, CSV cells, -p arguments.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1

# one_line NAME CMD...: CMD fails with exactly one line on stderr, free of control characters
one_line() {
    name=$1
    shift
    "$@" > out 2> err
    rc=$?
    lines=$(wc -l < err | tr -d ' ')
    if [ "$rc" -ne 0 ] && [ "$lines" -eq 1 ] && ! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" err &&
        ! LC_ALL=C grep -q "$(printf '\r')" err; then
        pass "$name"
    else
        fail "$name" "exit $rc, $lines lines:" "$(od -c err | head -5)"
    fi
}

printf 'section "a\\nb"\n' > nl.tcl
one_line oneline-section-newline nrn-run nl.tcl
check_grep oneline-section-says-why 'nl.tcl:1: bad section name "a\\nb": a name cannot hold' err
printf 'section "a\\033\\[31mb"\n' > esc.tcl
one_line oneline-section-escape nrn-run esc.tcl
printf 'section a\nconnect "x\\ny" a(1)\n' > look.tcl
one_line oneline-lookup nrn-run look.tcl
printf 'section a\nsetval "a\\nb.L" 3\n' > path.tcl
one_line oneline-value-path nrn-run path.tcl
printf 'error "two\\nlines\\rback"\n' > err.tcl
one_line oneline-tcl-error nrn-run err.tcl
check_grep oneline-tcl-error-escaped 'err.tcl:1: two\\nlines\\rback$' err
printf 'section "a\\nb"\n' > b.tcl
one_line oneline-build nrn-build b.tcl
printf 't,"v\n[mV]"\n0,-65\n1,"x\ny"\n' > t.csv
one_line oneline-plot-cell nrn-plot t.csv
one_line oneline-sweep-p nrn-sweep -p "$(printf 'amp=\r,,2')" "$ROOT/recipes/hh.tcl"
printf 'amp\n' > header.csv
one_line oneline-points-header-only nrn-sweep --points header.csv "$ROOT/recipes/hh.tcl"
check_grep points-header-only-says 'header.csv:1: no points' err
