# src/cli/build/module.mk: nrn-build, which makes a model CSV from morphologies, Tcl scripts and
# model CSVs; --summary, --topology, --check. It embeds the Tcl layer to run model scripts, so it
# links as nrn-run does.
NRNBUILD_SRCS := src/cli/build/nrn-build.c src/cli/build/build_input.c src/cli/build/build_edit.c \
                 src/cli/build/build_summary.c src/cli/build/build_check.c src/cli/build/build_mod.c \
                 $(CLI_OPT_SRCS) $(CLI_TCL_SRCS) $(CLI_SIGNAL_SRCS)
PROGRAMS += bin/nrn-build
$(eval $(call program,bin/nrn-build,$(NRNBUILD_SRCS),$(NRNTCL_LIB) $(LIBNMODL) $(O)/libnrn.a,$(NRNTCL_LIBS)))
# nrn-build mod: the NMODL translator's headers.
MOD_CFLAGS_src_cli += -Isrc/nmodl
