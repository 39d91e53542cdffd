#!/bin/sh
# test_tui_docs.sh: nrn-tui's man page and completions know every option of --help, the man
# page lists the keys the ? view lists, and the completions parse and offer the right files.
. "$ROOT/tests/lib.sh"

nrn-tui --help > "$TMP/help"
for o in $(sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z-]*\).*/\2/p' "$TMP/help"); do
    miss=""
    sed 's/\\-/-/g' "$ROOT/man/nrn-tui.1" | grep -q -- "--$o" || miss="$miss man"
    grep -q -- "--$o" "$ROOT/completions/nrn-tui.bash" || miss="$miss bash"
    grep -q -- "--$o" "$ROOT/completions/_nrn-tui" || miss="$miss zsh"
    grep -q -- "-l $o" "$ROOT/completions/nrn-tui.fish" || miss="$miss fish"
    check_eq "option --$o documented everywhere" "$miss" ""
done
# the keys of the ? view (src/tui/keys.c): each one's name is in the man page's KEYS
keys=$(sed -n '/^const char \*const keys_help/,/NULL/s/^ *"\([^ ]*\) .*/\1/p' "$ROOT/src/tui/keys.c")
miss=""
for k in $keys; do
    sed 's/\\-/-/g; s/\\fI//g; s/\\fR//g' "$ROOT/man/nrn-tui.1" | grep -Fq -- "$k" || miss="$miss $k"
done
check_eq "every key of the ? view is in the man page" "$miss" ""
if command -v groff >/dev/null 2>&1; then
    check_eq "the man page renders clean" "$(groff -man -Tutf8 -ww -z "$ROOT/man/nrn-tui.1" 2>&1)" ""
fi
check_status "bash completion parses" 0 bash -n "$ROOT/completions/nrn-tui.bash"
command -v zsh > /dev/null && check_status "zsh completion parses" 0 zsh -n "$ROOT/completions/_nrn-tui"
command -v fish > /dev/null && check_status "fish completion parses" 0 fish -n "$ROOT/completions/nrn-tui.fish"
mkdir "$TMP/comp" && cd "$TMP/comp" && touch a.swc b.csv c.tcl e.txt && mkdir sub
got=$(bash -O extglob -c '. "$1"; COMP_WORDS=(nrn-tui ""); COMP_CWORD=1; _nrn_tui; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' sh "$ROOT/completions/nrn-tui.bash")
check_eq "bash completion offers scripts" "$got" "c.tcl sub "
got=$(bash -O extglob -c '. "$1"; COMP_WORDS=(nrn-tui -m ""); COMP_CWORD=2; _nrn_tui; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' sh "$ROOT/completions/nrn-tui.bash")
check_eq "bash completion offers models after -m" "$got" "a.swc b.csv c.tcl sub "
got=$(bash -c '. "$1"; COMP_WORDS=(nrn-tui --as); COMP_CWORD=1; _nrn_tui; echo "${COMPREPLY[@]}"' sh "$ROOT/completions/nrn-tui.bash")
check_eq "bash completion offers options" "$got" "--ascii"
