# bash completion for nrn-tui (options as in src/tui/nrn-tui.c's tui_opts).
_nrn_tui() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -m|--model)
            COMPREPLY=($(compgen -f -X '!*.@(tcl|csv|swc|asc|SWC|ASC)' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        --mechanisms)
            COMPREPLY=($(compgen -f -X '!*.@(so|mod)' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '-m --model --mechanisms --ascii -h --help --version' -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -X '!*.tcl' -- "$cur") $(compgen -d -- "$cur"))
}
complete -o filenames -F _nrn_tui nrn-tui
