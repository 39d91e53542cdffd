# fish completion for nrn-plot (trace plots; `shape` and `range` morphology plots). Column names
# for -x/-y come from the header of the CSV file already on the command line; sections for
# --from/--to from the model CSV's "section" rows.

function __nrn_plot_columns
    for w in (commandline -opc)[2..-1]
        if not string match -q -- '-*' $w; and test -f $w
            set file $w
        end
    end
    if set -q file
        grep -v '^#' -- $file | head -n 1 | string replace -a \r '' | string split ,
    end
end

complete -c nrn-plot -s x -x -a '(__nrn_plot_columns)' -d 'x column (name or index)'
complete -c nrn-plot -s y -x -a '(__nrn_plot_columns)' -d 'y columns (names or indices)'
complete -c nrn-plot -s d -l delimiter -x -a ', ; tab' -d 'field separator'
complete -c nrn-plot -s t -l title -x -d 'title above the plot'
complete -c nrn-plot -l xlim -x -d 'x range A:B'
complete -c nrn-plot -l ylim -x -d 'y range A:B'
complete -c nrn-plot -l logx -d 'log10 x axis'
complete -c nrn-plot -l logy -d 'log10 y axis'
complete -c nrn-plot -s W -l width -x -d 'width in columns'
complete -c nrn-plot -s H -l height -x -d 'height in lines'
complete -c nrn-plot -l ascii -d 'plain ASCII instead of braille'
complete -c nrn-plot -l color -f -a 'auto always never' -d 'use colours'
complete -c nrn-plot -l svg -r -F -d 'write an SVG picture'
complete -c nrn-plot -s f -l follow -d 'redraw as rows arrive on stdin'
complete -c nrn-plot -l fps -x -d 'frames per second with --follow'
complete -c nrn-plot -s h -l help -d 'show help'
complete -c nrn-plot -l version -d 'show version'
complete -c nrn-plot -k -a '(__fish_complete_suffix .csv)'

# nrn-plot shape|range MODEL ...
function __nrn_plot_sections
    set -l words (commandline -opc)
    for w in $words[3..-1]
        if not string match -q -- '-*' $w; and test -f $w
            awk -F, '$1 == "section" && $2 != "" { print $2 "(0.5)" }' -- $w
            return
        end
    end
end
set -l morph '__fish_seen_subcommand_from shape range'
complete -c nrn-plot -n '__fish_use_subcommand' -f -a shape -d 'the cell coloured by a variable (PlotShape)'
complete -c nrn-plot -n '__fish_use_subcommand' -f -a range -d 'a variable along a path (RangeVarPlot)'
complete -c nrn-plot -n $morph -l var -x -a v -d 'variable'
complete -c nrn-plot -n $morph -l values -r -F -d 'traces CSV from nrn-run'
complete -c nrn-plot -n $morph -l at -x -d 'time shown (nearest row)'
complete -c nrn-plot -n '__fish_seen_subcommand_from shape' -l range -x -d 'colour scale A:B'
complete -c nrn-plot -n '__fish_seen_subcommand_from shape' -l view -x -a 'xy xz yz auto' -d 'projection plane'
complete -c nrn-plot -n '__fish_seen_subcommand_from range' -l from -x -a '(__nrn_plot_sections)' -d 'first segment SEC(X)'
complete -c nrn-plot -n '__fish_seen_subcommand_from range' -l to -x -a '(__nrn_plot_sections)' -d 'second segment SEC(X)'
