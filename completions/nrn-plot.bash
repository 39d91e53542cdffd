# bash completion for nrn-plot (trace plots; `shape` and `range` morphology plots). Column names
# for -x/-y come from the header of the CSV file already on the command line; sections for
# --from/--to come from the model CSV (its "section" rows).

# Prints the header names of CSV file $1, one per line (comment lines skipped).
_nrn_plot_columns()
{
    [ -r "$1" ] || return
    awk '!/^#/ && NF { gsub(/\r/, ""); n = split($0, a, ","); for (i = 1; i <= n; i++) print a[i]; exit }' "$1"
}

# Prints SEC(0.5) for each section of model CSV $1.
_nrn_plot_sections()
{
    [ -r "$1" ] || return
    awk -F, '$1 == "section" && $2 != "" { print $2 "(0.5)" }' "$1"
}

# nrn-plot shape|range ...
_nrn_plot_morph()
{
    local sub=$1 opts model w i
    if [[ $sub == shape ]]; then
        opts="--var --values --at --range --view -t --title -W --width -H --height --ascii
            --color --color= --svg -h --help"
    else
        opts="--from --to --var --values --at --ylim -t --title -W --width -H --height --ascii
            --color --color= --svg -h --help"
    fi
    for ((i = 2; i < ${#words[@]}; i++)); do
        w=${words[i]}
        [[ $i -ne $cword && $w != -* && -f $w && ${words[i-1]} != --values && ${words[i-1]} != --svg ]] && model=$w
    done
    case $prev in
        --view) COMPREPLY=($(compgen -W "xy xz yz auto" -- "$cur")); return ;;
        --values) COMPREPLY=($(compgen -f -X '!*.@(csv|CSV)' -- "$cur") $(compgen -d -- "$cur")); return ;;
        --svg) COMPREPLY=($(compgen -f -X '!*.svg' -- "$cur") $(compgen -d -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --from|--to)
            if [[ -n $model ]]; then
                local IFS=$'\n'
                COMPREPLY=($(compgen -W "$(_nrn_plot_sections "$model")" -- "$cur"))
                COMPREPLY=("${COMPREPLY[@]/#/\'}")
                COMPREPLY=("${COMPREPLY[@]/%/\'}")
            fi
            return ;;
        --var|--at|--range|--ylim|-t|--title|-W|--width|-H|--height) return ;;
    esac
    case $cur in
        --color=*) COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}")); return ;;
        -*) COMPREPLY=($(compgen -W "$opts" -- "$cur")); return ;;
    esac
    COMPREPLY=($(compgen -f -X '!*.@(csv|CSV)' -- "$cur") $(compgen -d -- "$cur"))
}

_nrn_plot()
{
    local cur prev words cword
    _init_completion -n =: 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    }
    if [[ $cword -ge 2 && ( ${words[1]} == shape || ${words[1]} == range ) ]]; then
        _nrn_plot_morph "${words[1]}"
        return
    fi
    local opts="-x -y -d --delimiter -t --title --xlim --ylim --logx --logy -W --width -H --height
        --ascii --color --color= --svg -f --follow --fps -h --help --version"

    case $prev in
        -x|-y)
            local file w i
            for ((i = 1; i < ${#words[@]}; i++)); do
                w=${words[i]}
                [[ $i -ne $cword && $w != -* && -f $w ]] && file=$w
            done
            if [[ -n $file ]]; then
                local IFS=$'\n'
                COMPREPLY=($(compgen -W "$(_nrn_plot_columns "$file")" -- "$cur"))
                # names like soma(0.5).v need quoting on the command line
                COMPREPLY=("${COMPREPLY[@]/#/\'}")
                COMPREPLY=("${COMPREPLY[@]/%/\'}")
            fi
            return ;;
        -d|--delimiter) COMPREPLY=($(compgen -W ", ; tab" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --svg) COMPREPLY=($(compgen -f -X '!*.svg' -- "$cur") $(compgen -d -- "$cur")); return ;;
        -t|--title|--xlim|--ylim|-W|--width|-H|--height|--fps) return ;;
    esac
    case $cur in
        --color=*) COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}")); return ;;
        -*) COMPREPLY=($(compgen -W "$opts" -- "$cur")); return ;;
    esac
    if [[ $cword -eq 1 ]]; then
        COMPREPLY=($(compgen -W "shape range" -- "$cur"))
    fi
    COMPREPLY+=($(compgen -f -X '!*.@(csv|tsv|txt|CSV)' -- "$cur") $(compgen -d -- "$cur"))
}
complete -o filenames -F _nrn_plot nrn-plot
