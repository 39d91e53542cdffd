# src/cli/sweep/module.mk: nrn-sweep.
#   bin/nrn-sweep                   many runs, one table (CSV or SQLite), resumable, shardable
#   $(O)/tests/test_cli_sweep_*     its cmocka unit tests (features, plans and ids, SHA-256)
# make install: the binary, man page and completions go with the top Makefile's generic rules.
SWEEP_SRCS := src/cli/sweep/nrn-sweep.c src/cli/sweep/sweep_run.c src/cli/sweep/sweep_thread.c \
              src/cli/sweep/sweep_prov.c src/cli/sweep/sweep_plan.c src/cli/sweep/sweep_points.c \
              src/cli/sweep/sweep_feat.c \
              src/cli/sweep/sweep_db.c src/cli/sweep/sweep_mem.c src/cli/sweep/sweep_sha256.c \
              $(CLI_OPT_SRCS) $(CLI_TCL_SRCS)
SWEEP_LIBS := $(NRNTCL_LIBS) $(SQLITE_LIBS) -lpthread
PROGRAMS += bin/nrn-sweep
$(eval $(call program,bin/nrn-sweep,$(SWEEP_SRCS),$(NRNTCL_LIB) $(O)/libnrn.a,$(SWEEP_LIBS)))

SWEEP_UNIT := test_cli_sweep_feat test_cli_sweep_plan
$(eval $(call program,$(O)/tests/test_cli_sweep_feat,tests/unit/test_cli_sweep_feat.c src/cli/sweep/sweep_feat.c,,$(CMOCKA_LIBS) -lm))
$(eval $(call program,$(O)/tests/test_cli_sweep_plan,tests/unit/test_cli_sweep_plan.c src/cli/sweep/sweep_plan.c src/cli/sweep/sweep_points.c src/cli/sweep/sweep_sha256.c src/tcl/numfmt.c,,$(CMOCKA_LIBS) $(CSV_LIBS) -lm))
UNIT_TESTS += $(addprefix $(O)/tests/,$(SWEEP_UNIT))
