# bash completion for nrn-plot (trace plots). Column names for -x/-y come from the header of
# the CSV file already on the command line.

# Prints the header names of CSV file $1, one per line (comment lines skipped).
_nrn_plot_columns()
{
    [ -r "$1" ] || return
    awk '!/^#/ && NF { gsub(/\r/, ""); n = split($0, a, ","); for (i = 1; i <= n; i++) print a[i]; exit }' "$1"
}

_nrn_plot()
{
    local cur prev words cword
    _init_completion -n =: 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    }
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
    COMPREPLY=($(compgen -f -X '!*.@(csv|tsv|txt|CSV)' -- "$cur") $(compgen -d -- "$cur"))
}
complete -o filenames -F _nrn_plot nrn-plot
