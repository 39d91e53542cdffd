/*
** cli_signal.c: remove the temporary output files, then die of the signal (cli_signal.h).
*/
#include "cli_signal.h"

#include <signal.h>

#include "atomfile.h"

/* See cli_signal.h. Only async-signal-safe calls here. */
void cli_on_signal(int sig)
{
    atomfile_remove_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* See cli_signal.h. */
void cli_catch_signals(void)
{
    signal(SIGINT, cli_on_signal);
    signal(SIGTERM, cli_on_signal);
    signal(SIGHUP, cli_on_signal);
    signal(SIGPIPE, cli_on_signal); /* `nrn-build | head` should just stop */
}
