# bash completion for nrn-build (options as in src/cli/nrn-build.c's build_opts).
_nrn_build_inputs() {
    COMPREPLY=($(compgen -f -X '!*.@(swc|SWC|asc|ASC|tcl|csv|CSV)' -- "$cur") $(compgen -d -- "$cur"))
}
_nrn_build_mod() {
    case $prev in
        -o|--output|--keep-c)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '-o --output --keep-c --check --ast -h --help' -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -X '!*.mod' -- "$cur") $(compgen -d -- "$cur"))
}
_nrn_build() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [[ ${COMP_WORDS[1]} == mod && $COMP_CWORD -gt 1 ]]; then
        _nrn_build_mod
        return
    fi
    case $prev in
        -o|--output)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --insert)
            COMPREPLY=($(compgen -W 'hh pas' -- "$cur"))
            return ;;
        --mechanisms)
            COMPREPLY=($(compgen -f -X '!*.so' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        --set|--nseg|--d-lambda|--freq|-D|--define)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '-o --output --insert --set --nseg --d-lambda --freq
            --summary --topology --check -D --define --mechanisms -v --verbose -h --help
            --version' -- "$cur"))
        return
    fi
    _nrn_build_inputs
}
shopt -q extglob || shopt -s extglob
complete -o filenames -F _nrn_build nrn-build
