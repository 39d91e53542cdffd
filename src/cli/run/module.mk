# src/cli/run/module.mk: nrn-run, which runs model and protocol scripts and writes CSV.
#   bin/nrn-run   src/cli/run/nrn-run.c with the shared CLI helpers, the Tcl layer and libnrn
# make install: the Tcl layer's install-tcl target (src/tcl/module.mk) installs nrn-run with
# its man page and completions, because the Tcl package and the command go together.
NRNRUN_SRCS := src/cli/run/nrn-run.c src/cli/run/run_mpi.c $(CLI_OPT_SRCS) $(CLI_STREAM_SRCS) \
               $(CLI_TCL_SRCS) $(CLI_SIGNAL_SRCS) $(CLI_MPI_SRCS)
PROGRAMS += bin/nrn-run
$(eval $(call program,bin/nrn-run,$(NRNRUN_SRCS),$(NRNTCL_LIB) $(O)/libnrn.a,$(NRNTCL_LIBS)))
