/*
** atomfile.h: writing a file so that it appears whole or not at all: the data goes to a
** hidden temporary file beside the target (.NAME.XXXXXX), which is renamed over the
** target only when everything was written. Every output file of the project goes
** through here: the engine's model CSV and SaveState files, write_csv, the commands' -o
** and --svg. A target that exists and is not a regular file (/dev/null, /dev/stdout, a
** FIFO, a terminal) is written directly: there is no file to replace, and renaming over
** it would replace the device itself.
**
** The temporary files that exist at any moment are listed in a table that a signal
** handler can empty (atomfile_remove_all), so that an interrupted program leaves none
** behind; the commands install such a handler (cli_catch_signals in src/cli).
*/
#ifndef ATOMFILE_H
#define ATOMFILE_H

#include <stdio.h>

struct atomfile_io;

/* An output file being written. */
struct atomfile {
    FILE *fp;   /* write here */
    char *path; /* the target name */
    char *tmp;  /* the temporary file's name (NULL once committed or aborted) */
    int direct; /* 1: writing the target itself (not a regular file) */
    struct atomfile_io *io; /* what fp writes to (atomfile.c) */
    int slot;   /* 1 + its entry on the table of temporary files; 0: none (a zeroed struct) */
};

/*
** Opens a temporary file for path. Returns 0, or -1 with errno set (af is then empty).
** A new file gets the permissions the umask gives (0666 less the umask); a file that
** replaces an existing one keeps the existing file's permission bits.
*/
int atomfile_open(struct atomfile *af, const char *path);

/*
** Flushes, closes and renames the temporary file to the target. Returns 0, or -1 with
** errno set to the reason (the first failed write's, when writing failed), in which case
** the temporary file is removed and the target untouched.
*/
int atomfile_commit(struct atomfile *af);

/* Closes and removes the temporary file; the target is untouched. NULL-safe, repeatable. */
void atomfile_abort(struct atomfile *af);

/* The temporary file's name while one exists, else NULL. */
const char *atomfile_tmpname(const struct atomfile *af);

/*
** Adds a file the caller made (a spooled copy of standard input, say) to the table of
** temporary files, so that atomfile_remove_all removes it too. Returns its slot, or -1
** when the table is full or the name too long (the file is then not removed on a signal).
*/
int atomfile_track(const char *name);

/* Takes slot (from atomfile_track; -1 is ignored) off the table. */
void atomfile_untrack(int slot);

/*
** Removes every temporary file on the table. Async-signal-safe: this is what a handler of
** SIGINT or SIGTERM calls before the program dies.
*/
void atomfile_remove_all(void);

#endif /* ATOMFILE_H */
