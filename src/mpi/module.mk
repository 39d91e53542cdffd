# src/mpi/module.mk: the MPI plugin, built only where Open MPI is installed (pkg-config ompi).
#   $(O)/lib/nrnmpi.so   src/mpi/nrnmpi.c linked with libmpi; the commands dlopen it when
#                        they run under mpirun or srun (src/cli/cli_mpi.c), so nothing else
#                        links libmpi. Installed as $(PREFIX)/lib/nrn/nrnmpi.so.
MPI_CFLAGS := $(shell pkg-config --cflags ompi 2>/dev/null)
MPI_LIBS   := $(shell pkg-config --libs ompi 2>/dev/null)
NRNMPI_SO  := $(O)/lib/nrnmpi.so
NRNMPI_LIBDIR = $(PREFIX)/lib/nrn

ifneq ($(MPI_LIBS),)
MOD_CFLAGS_src_mpi := $(MPI_CFLAGS)
ALL_OBJS += $(O)/src/mpi/nrnmpi.o

$(NRNMPI_SO): $(O)/src/mpi/nrnmpi.o
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) -shared -o $@ $< $(MPI_LIBS)

all: $(NRNMPI_SO)

install-mpi: $(NRNMPI_SO)
	$(Q)install -d $(DESTDIR)$(NRNMPI_LIBDIR)
	$(Q)install -m 644 $(NRNMPI_SO) $(DESTDIR)$(NRNMPI_LIBDIR)/nrnmpi.so
uninstall-mpi:
	$(Q)rm -f $(DESTDIR)$(NRNMPI_LIBDIR)/nrnmpi.so
INSTALL_TARGETS += install-mpi
UNINSTALL_TARGETS += uninstall-mpi
endif
