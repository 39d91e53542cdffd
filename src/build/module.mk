# src/build/module.mk: nrn-build, make a model CSV from morphologies, Tcl scripts and model
# CSVs; --summary, --topology, --check (src/cli/nrn-build.c and src/cli/build_*.c).
# It embeds the Tcl layer to run model scripts, so it links as nrn-run does. This file is
# included before src/tcl/module.mk (alphabetical order), whose NRNTCL_LIB and NRNTCL_LIBS
# are not defined yet when the rule below is made: hence the spelled-out names.
# (src/tcl/module.mk also gives src/cli its Tcl include flags.)
NRNBUILD_SRCS := src/cli/nrn-build.c src/cli/build_input.c src/cli/build_edit.c \
                 src/cli/build_summary.c src/cli/build_check.c src/cli/cli_opt.c \
                 src/cli/cli_tclerr.c src/cli/cli_tcl.c
PROGRAMS += bin/nrn-build
$(eval $(call program,bin/nrn-build,$(NRNBUILD_SRCS),$(O)/libnrntcl.a $(O)/libnrn.a,$(TCL_LIBS) $(CSV_LIBS) -lm))
