/*
** cli_signal.h: what the commands do on SIGINT, SIGTERM, SIGHUP and SIGPIPE: remove every
** temporary output file that exists (atomfile.h keeps the list), then die of the signal,
** so that the shell sees the signal and no half-written file is left behind.
*/
#ifndef CLI_SIGNAL_H
#define CLI_SIGNAL_H

/* Installs the handler for the four signals. */
void cli_catch_signals(void);

/* The handler itself, for a command that installs it differently. */
void cli_on_signal(int sig);

#endif /* CLI_SIGNAL_H */
