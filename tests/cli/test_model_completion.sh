#!/bin/sh
# test_model_completion.sh: -m/--model of nrn-run and nrn-sweep takes a model CSV, an SWC
# or ASC morphology or a Tcl script, so the completions offer those files (bash: run
# here; zsh and fish: the patterns, and their syntax when the shell is installed).
. "$(dirname "$0")/../lib.sh"
cd "$TMP" && touch a.swc b.csv c.tcl d.asc e.txt f.SWC g.py && mkdir sub
for prog in nrn-run nrn-sweep; do
    fn=_$(echo "$prog" | tr - _)
    for opt in -m --model; do
        got=$(bash -c '. "$1"; COMP_WORDS=($2 $3 ""); COMP_CWORD=2; $4; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
            sh "$ROOT/completions/$prog.bash" "$prog" "$opt" "$fn")
        check_eq "$prog-bash-$opt-models" "$got" "a.swc b.csv c.tcl d.asc f.SWC sub "
    done
    check_grep "$prog-zsh-model-pattern" '\{-m,--model\}.*_files -g "\*\.\(#i\)\(csv\|swc\|asc\|tcl\)\(-\.\)"' \
        "$ROOT/completions/_$prog"
    check_grep "$prog-fish-model-any-file" "-s m -l model -r -F" "$ROOT/completions/$prog.fish"
    command -v zsh >/dev/null && check_status "$prog-zsh-syntax" 0 zsh -n "$ROOT/completions/_$prog"
    command -v fish >/dev/null && check_status "$prog-fish-syntax" 0 fish -n "$ROOT/completions/$prog.fish"
done
exit 0
