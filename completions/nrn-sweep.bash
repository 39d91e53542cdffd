# bash completion for nrn-sweep (options as in src/cli/nrn-sweep.c's sweep_opts).
_nrn_sweep() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -m|--model)
            COMPREPLY=($(compgen -f -X '!*.@(csv|CSV|swc|SWC|asc|ASC|tcl)' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        --points|-o|--output)
            COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        --db)
            COMPREPLY=($(compgen -f -X '!*.@(sqlite|db|sqlite3)' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        --measure)
            local feats='Spikecount time_to_first_spike mean_frequency ISI_CV AP_amplitude
                AP_duration_half_width voltage_base minimum_voltage maximum_voltage'
            local pre=${cur%,*} last=${cur##*,}
            [[ $cur == *,* ]] && pre="$pre," || pre=""
            COMPREPLY=($(compgen -P "$pre" -W "$feats" -- "$last"))
            compopt -o nospace 2>/dev/null
            return ;;
        --mechanisms)
            COMPREPLY=($(compgen -f -X '!*.so' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        -p|--param|-D|--define|--on|--threshold|--stim|-j|--jobs|--table|--timeout|--batch|--shard|\
        --seed|--precision|--tstop|--dt|--celsius|--v-init|--every|--atol|--rtol)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '-m --model -p --param -D --define --mechanisms --zip --points --measure
            --on --threshold --stim -j --jobs --db --table -o --output --retry-failed --force
            --timeout --batch --shard --seed --precision --tstop --dt --celsius --v-init --every
            --cvode --atol --rtol -h --help --version' -- "$cur"))
        return
    fi
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W 'plan merge' -- "$cur") $(compgen -f -X '!*.tcl' -- "$cur")
            $(compgen -d -- "$cur"))
        return
    fi
    if [[ ${COMP_WORDS[1]} == merge ]]; then
        COMPREPLY=($(compgen -f -X '!*.@(sqlite|db|sqlite3)' -- "$cur") $(compgen -d -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -X '!*.tcl' -- "$cur") $(compgen -d -- "$cur"))
}
shopt -q extglob || shopt -s extglob
complete -o filenames -F _nrn_sweep nrn-sweep
