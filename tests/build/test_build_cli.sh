#!/bin/sh
# test_build_cli.sh: nrn-build's command-line surface: --help (usage, every option,
# examples, to stdout), --version, usage errors (exit 2, one line), and that the man page
# and the bash/zsh/fish completions know every option of the table; bash completion offers
# the input files by extension.
. "$(dirname "$0")/../lib.sh"
M="$ROOT/tests/morph"
cd "$TMP" || exit 1

check_status help 0 nrn-build --help
cp "$TMP/out" help.txt
check_grep help-usage '^Usage: nrn-build ' help.txt
check_grep help-examples '^Examples:' help.txt
check_grep help-exit-status '^Exit status: 0 success, 1 ' help.txt
check_status help-short 0 nrn-build -h
check_eq help-stderr-empty "$(nrn-build --help 2>&1 >/dev/null)" ""
check_status version 0 nrn-build --version
check_grep version-line '^nrn-build [0-9]+\.[0-9]+\.[0-9]+ \(libnrn ' "$TMP/out"
check_grep version-tcl '^Tcl 8\.' "$TMP/out"

# every option of --help is in the man page and in the three completions
opts=$(sed -n '/^Options:/,/^$/s/^ *\(-., \)*--\([a-z-]*\).*/\2/p' help.txt)
check_eq help-option-count "$(echo "$opts" | wc -l | tr -d ' ')" 14
for o in $opts; do
    miss=""
    sed 's/\\-/-/g' "$ROOT/man/nrn-build.1" | grep -q -- "--$o" || miss="$miss man"
    grep -q -- "--$o" "$ROOT/completions/nrn-build.bash" || miss="$miss bash"
    grep -q -- "--$o" "$ROOT/completions/_nrn-build" || miss="$miss zsh"
    grep -q -- "-l $o" "$ROOT/completions/nrn-build.fish" || miss="$miss fish"
    if [ -z "$miss" ]; then pass "option-documented-$o"; else fail "option-documented-$o" "missing in:$miss"; fi
done
check_grep man-model-csv-section '^\.SH MODEL CSV' "$ROOT/man/nrn-build.1"
check_grep man-comment-line 'nrn model csv v1: one row per fact; see man nrn-build \(MODEL CSV\)' "$ROOT/man/nrn-build.1"
if command -v groff > /dev/null; then
    check_eq man-renders-clean "$(groff -man -Tutf8 -ww -z "$ROOT/man/nrn-build.1" 2>&1)" ""
fi

# completions parse; bash offers options and input files by extension
check_status bash-completion-syntax 0 bash -n "$ROOT/completions/nrn-build.bash"
command -v zsh > /dev/null && check_status zsh-completion-syntax 0 zsh -n "$ROOT/completions/_nrn-build"
command -v fish > /dev/null && check_status fish-completion-syntax 0 fish -n "$ROOT/completions/nrn-build.fish"
mkdir comp && cd comp && touch a.swc b.csv c.tcl d.asc e.txt f.SWC && mkdir sub
got=$(bash -c '. "$1"; COMP_WORDS=(nrn-build ""); COMP_CWORD=1; _nrn_build; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' sh "$ROOT/completions/nrn-build.bash")
check_eq bash-completion-inputs "$got" "a.swc b.csv c.tcl d.asc f.SWC sub "
got=$(bash -c '. "$1"; COMP_WORDS=(nrn-build --su); COMP_CWORD=1; _nrn_build; echo "${COMPREPLY[@]}"' sh "$ROOT/completions/nrn-build.bash")
check_eq bash-completion-options "$got" "--summary"
got=$(bash -c '. "$1"; COMP_WORDS=(nrn-build -o ""); COMP_CWORD=2; _nrn_build; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' sh "$ROOT/completions/nrn-build.bash")
check_eq bash-completion-output-any-file "$got" "a.swc b.csv c.tcl d.asc e.txt f.SWC sub "
cd ..

# usage errors: exit 2, one line naming the problem
check_status usage-unknown-option 2 nrn-build --bogus "$M/ball_and_stick.swc"
check_eq usage-unknown-option-msg "$(cat "$TMP/err")" 'nrn-build: unknown option --bogus (try --help)'
check_status usage-missing-arg 2 nrn-build "$M/ball_and_stick.swc" -o
check_status usage-two-modes 2 nrn-build --summary --topology "$M/ball_and_stick.swc"
check_eq usage-two-modes-msg "$(cat "$TMP/err")" 'nrn-build: --summary, --topology and --check go one at a time'
