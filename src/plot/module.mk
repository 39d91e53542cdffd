# src/plot/module.mk: nrn-plot (trace plots, shape and range plots) and its unit tests.
#   bin/nrn-plot             the command: src/plot/*.c (library) + src/cli/nrn-plot.c + src/cli/plot_*.c
#   $(O)/tests/test_plot_*   cmocka tests, one per tests/unit/test_plot_*.c, linked with the library
# Sources include headers by relative path ("../plot/plot.h"), so no per-directory flags are needed.
PLOT_LIB_SRCS := $(sort $(wildcard src/plot/*.c))
PLOT_CLI_SRCS := src/cli/nrn-plot.c $(sort $(wildcard src/cli/plot_*.c)) src/tcl/atomfile.c
PLOT_LIBS     := $(CSV_LIBS) -lm

PROGRAMS += bin/nrn-plot
$(eval $(call program,bin/nrn-plot,$(PLOT_LIB_SRCS) $(PLOT_CLI_SRCS),,$(PLOT_LIBS)))

PLOT_TESTS := $(patsubst tests/unit/%.c,$(O)/tests/%,$(sort $(wildcard tests/unit/test_plot_*.c)))
UNIT_TESTS += $(PLOT_TESTS)
$(foreach t,$(PLOT_TESTS),$(eval $(call program,$(t),tests/unit/$(notdir $(t)).c $(PLOT_LIB_SRCS),,$(CMOCKA_LIBS) $(PLOT_LIBS))))
