# src/plot/module.mk: the plotting library behind nrn-plot, and its unit tests.
#   PLOT_LIB_SRCS            the library (no I/O of its own); nrn-plot is in src/cli/plot/
#   $(O)/tests/test_plot_*   cmocka tests, one per tests/unit/test_plot_*.c, linked with the library
PLOT_LIB_SRCS := $(sort $(wildcard src/plot/*.c))
PLOT_LIBS     := $(CSV_LIBS) -lm

PLOT_TESTS := $(patsubst tests/unit/%.c,$(O)/tests/%,$(sort $(wildcard tests/unit/test_plot_*.c)))
UNIT_TESTS += $(PLOT_TESTS)
$(foreach t,$(PLOT_TESTS),$(eval $(call program,$(t),tests/unit/$(notdir $(t)).c $(PLOT_LIB_SRCS),,$(CMOCKA_LIBS) $(PLOT_LIBS))))
