# fish completion for nrn-plot (trace plots). Column names for -x/-y come from the header of the
# CSV file already on the command line.

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
