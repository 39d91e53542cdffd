# fish completion for nrn-tui (options as in src/tui/nrn-tui.c's tui_opts).
complete -c nrn-tui -s m -l model -r -F -d 'Load a model CSV, SWC, ASC or Tcl script first'
complete -c nrn-tui -l mechanisms -r -F -d 'Load a mechanism library (nrn-build mod) or .mod files first'
complete -c nrn-tui -l ascii -d 'Draw with ASCII only'
complete -c nrn-tui -s h -l help -d 'Show help'
complete -c nrn-tui -l version -d 'Show versions'
complete -c nrn-tui -k -a '(__fish_complete_suffix .tcl)'
