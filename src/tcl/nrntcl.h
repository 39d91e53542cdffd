/*
** nrntcl.h: the Tcl layer's interface for the programs that embed it (nrn-run, nrn-tui,
** nrn-sweep). Scripts see the commands of man/nrn-tcl.1; the programs see this: the
** package entry point, the model behind an interpreter, and the record columns a script
** made (names, order, changes), so a program can write them out or stream them.
**
** One nrntcl state belongs to each interpreter that ran Nrn_Init; it owns the model and
** dies with the interpreter. Pointers returned here are borrowed from it.
*/
#ifndef NRNTCL_H
#define NRNTCL_H

#include <stdio.h>
#include <tcl.h>

#include "nrn.h"

/* The Tcl layer's state for one interpreter (opaque). */
typedef struct nrntcl nrntcl;

/*
** Package entry (`load libnrntcl.so Nrn`, or called by a program): creates the model and
** the commands in ::nrn, exports them and provides package "nrn". Returns TCL_OK, or
** TCL_ERROR with a message in the interpreter. Calling it twice is harmless.
*/
int Nrn_Init(Tcl_Interp *interp);

/* Imports every ::nrn command into the global namespace, as nrn-run does. Tcl status. */
int nrntcl_import(Tcl_Interp *interp);

/* The state of interp, or NULL if Nrn_Init has not run there. */
nrntcl *nrntcl_get(Tcl_Interp *interp);

/* The model the commands work on (it changes when a script says `reset`). */
nrn_model *nrntcl_model(const nrntcl *st);

/* 1 once a script ran the simulation (finitialize, fadvance, continuerun or run). */
int nrntcl_has_run(const nrntcl *st);

/*
** Record columns. Column k is engine record k; nrntcl_columns lists them in output
** order (the first column recording t comes first, the others in record order) into
** ids (at most max) and returns how many there are. The generation number changes
** whenever the set of columns changes (record, reset).
*/
int nrntcl_columns(const nrntcl *st, int *ids, int max);
const char *nrntcl_column_name(const nrntcl *st, int id);
unsigned nrntcl_columns_gen(const nrntcl *st);

/*
** Asks for `record PATH` just before the simulation next starts (or now, with
** nrntcl_flush_records): nrn-run's -r, given before the script has built the model.
** Returns TCL_OK, or TCL_ERROR when out of memory.
*/
int nrntcl_defer_record(nrntcl *st, const char *path);

/*
** Records every deferred path now. Returns TCL_OK or TCL_ERROR with the message in interp
** and the error code {NRN DEFERRED_RECORD PATH MESSAGE} (also when the simulation start
** inside a script flushed them), so the program can name its own option.
*/
int nrntcl_flush_records(nrntcl *st, Tcl_Interp *interp);

/* Significant digits for numbers write_csv writes (0, the default: shortest exact form). */
void nrntcl_set_digits(nrntcl *st, int digits);

/*
** The per-sample callback of the model (nrn_record_set_callback), kept across `reset`:
** a program that streams rows sets it here, not on the model.
*/
void nrntcl_set_sample_callback(nrntcl *st, nrn_sample_fn fn, void *ud);

/*
** The spike callback of the model (nrn_set_spike_collector: every spike of every source
** with a NetCon; it must only collect, not read or change the model), kept across `reset`
** like the sample callback.
*/
void nrntcl_set_spike_callback(nrntcl *st, nrn_spike_fn fn, void *ud);

/* The model's callback after each exchange between ranks (nrn_par_set_exchange_callback),
** kept across `reset`. NRN_OK or NRN_ENOMEM. */
int nrntcl_set_exchange_callback(nrntcl *st, nrn_exchange_fn fn, void *ud);

/*
** The engine's notices (nrn_set_notice_callback: run changed dt ...), kept across
** `reset`. By default each goes once, as "nrn: MSG", to the interpreter's stderr
** channel; a program sets its own here (fn NULL: back to the default).
*/
void nrntcl_set_notice_callback(nrntcl *st, nrn_notice_fn fn, void *ud);

/*
** Pins a simulation global of the model (nrn_pin: later sets from scripts and model
** files leave it), also across `reset`: a program's command-line value. TCL_OK, or
** TCL_ERROR with the message in nrn_errmsg of the model.
*/
int nrntcl_pin(nrntcl *st, const char *name, double value, const char *why);

/*
** The ranks this process is one of (`pc`; the model's nrn_par_set_comm, kept across
** reset); comm is copied. NULL: the only rank. Defined in cmd_pc.c.
*/
void nrntcl_set_comm(nrntcl *st, const nrn_comm *comm);
/* Threads per rank, as `pc nthread N` but kept across reset (a program's command-line
** value; a script's pc nthread lasts until reset): NRN_OK, or NRN_EINVAL for n < 1.
** Defined in cmd_pc.c. */
int nrntcl_set_nthread(nrntcl *st, int n);
/* The ranks set by nrntcl_set_comm, or NULL. */
const nrn_comm *nrntcl_comm(const nrntcl *st);

/*
** Writes the n columns ids as CSV to fp: the header line, then one row per sample
** (columns shorter than the longest get empty fields). digits as numfmt_double.
** Returns 0, or -1 if writing failed (errno set).
*/
int nrntcl_write_csv(const nrntcl *st, FILE *fp, const int *ids, int n, int digits);

/* Writes header line of the n columns ids. Returns 0 or -1. */
int nrntcl_write_header(const nrntcl *st, FILE *fp, const int *ids, int n);

/* Writes sample k of the n columns ids as one CSV row. Returns 0 or -1. */
int nrntcl_write_row(const nrntcl *st, FILE *fp, const int *ids, int n, size_t k, int digits);

#endif /* NRNTCL_H */
