# src/cli/module.mk: what every command shares, and the compile flags of everything under src/cli/.
#   CLI_OPT_SRCS   option tables and usage text (every command)
#   CLI_TCL_SRCS   the embedded interpreter's setup, error locations, -m MODEL files (commands that run scripts)
#   CLI_STREAM_SRCS  CSV streaming of records (nrn-run)
#   CLI_SIGNAL_SRCS  removing temporary output files on SIGINT, SIGTERM, SIGHUP, SIGPIPE
#   CLI_MPI_SRCS   MPI found at run time: the plugin loader (nrn-run)
# Each command lives in a folder of its own below (run/, build/, sweep/, plot/) with its module.mk.
# Sources there include the shared headers by name: -Isrc/cli. The Tcl layer's headers (nrntcl.h,
# numfmt.h) come from src/tcl, the engine's (nrn.h, atomfile.h) from src/engine, the plotting
# library's (plot.h) from src/plot, the MPI plugin's interface from src/mpi.
MOD_CFLAGS_src_cli += $(TCL_CFLAGS) -Isrc/cli -Isrc/tcl -Isrc/plot -Isrc/mpi \
    -DNRN_MPI_PLUGIN_BUILD='"$(abspath $(O)/lib/nrnmpi.so)"'

CLI_OPT_SRCS    := src/cli/cli_opt.c
CLI_TCL_SRCS    := src/cli/cli_tcl.c src/cli/cli_tclerr.c src/cli/cli_model.c
CLI_STREAM_SRCS := src/cli/cli_stream.c
CLI_SIGNAL_SRCS := src/cli/cli_signal.c
CLI_MPI_SRCS    := src/cli/cli_mpi.c

$(eval $(call program,$(O)/tests/test_cli_opt,tests/unit/test_cli_opt.c $(CLI_OPT_SRCS),,$(CMOCKA_LIBS)))
UNIT_TESTS += $(O)/tests/test_cli_opt
