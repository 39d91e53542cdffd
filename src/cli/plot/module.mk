# src/cli/plot/module.mk: nrn-plot (trace plots, shape and range plots).
#   bin/nrn-plot   the plotting library (src/plot/, PLOT_LIB_SRCS) + this folder's command code
PLOT_CLI_SRCS := src/cli/plot/nrn-plot.c $(sort $(wildcard src/cli/plot/plot_*.c)) \
                 $(CLI_SIGNAL_SRCS)
PROGRAMS += bin/nrn-plot
$(eval $(call program,bin/nrn-plot,$(PLOT_LIB_SRCS) $(PLOT_CLI_SRCS),$(LIBNRN),$(PLOT_LIBS)))
