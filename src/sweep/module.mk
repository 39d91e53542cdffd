# src/sweep/module.mk: nrn-sweep (its sources live in src/cli: nrn-sweep.c, sweep_*.c).
#   bin/nrn-sweep                   many runs, one table (CSV or SQLite), resumable, shardable
#   $(O)/tests/test_cli_sweep_*     its cmocka unit tests (features, plans and ids, SHA-256)
# Included before src/tcl/module.mk (alphabetical), so the Tcl layer's archive is named
# here directly rather than through $(NRNTCL_LIB), which is not defined yet.
SWEEP_SRCS := src/cli/nrn-sweep.c src/cli/sweep_run.c src/cli/sweep_thread.c src/cli/sweep_prov.c src/cli/sweep_plan.c \
              src/cli/sweep_feat.c src/cli/sweep_db.c src/cli/sweep_mem.c src/cli/sweep_sha256.c src/cli/cli_tclerr.c \
              src/cli/cli_opt.c src/cli/cli_tcl.c
SWEEP_LIBS := $(TCL_LIBS) $(CSV_LIBS) $(SQLITE_LIBS) -lm -lpthread
PROGRAMS += bin/nrn-sweep
$(eval $(call program,bin/nrn-sweep,$(SWEEP_SRCS),$(O)/libnrntcl.a $(O)/libnrn.a,$(SWEEP_LIBS)))

SWEEP_UNIT := test_cli_sweep_feat test_cli_sweep_plan
$(eval $(call program,$(O)/tests/test_cli_sweep_feat,tests/unit/test_cli_sweep_feat.c src/cli/sweep_feat.c,,$(CMOCKA_LIBS) -lm))
$(eval $(call program,$(O)/tests/test_cli_sweep_plan,tests/unit/test_cli_sweep_plan.c src/cli/sweep_plan.c src/cli/sweep_sha256.c src/tcl/numfmt.c,,$(CMOCKA_LIBS) $(CSV_LIBS) -lm))
UNIT_TESTS += $(addprefix $(O)/tests/,$(SWEEP_UNIT))

# make install: bin/nrn-sweep, the man page and completions go with the top Makefile's
# generic install rules (bin, man/*.1, completions/*).
