# bash completion for nrn-run (options as in src/cli/nrn-run.c's run_opts).
_nrn_run() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -m|--model)
            COMPREPLY=($(compgen -f -X '!*.@(csv|CSV|swc|SWC|asc|ASC|tcl)' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        -o|--output|--spikes)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --mechanisms)
            COMPREPLY=($(compgen -f -X '!*.so' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        -D|--define|-r|--record|--tstop|--dt|--celsius|--v-init|--every|--precision|--atol|--rtol|--threads)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '-m --model -D --define -r --record -o --output --tstop --dt
            --celsius --v-init --every --precision --spikes --cvode --atol --rtol --threads --mechanisms -h --help --version' -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -X '!*.tcl' -- "$cur") $(compgen -d -- "$cur"))
}
shopt -q extglob || shopt -s extglob
complete -o filenames -F _nrn_run nrn-run
