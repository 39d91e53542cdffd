/*
** atomfile.h: writing a file so that it appears whole or not at all: the data goes to a
** hidden temporary file beside the target (.NAME.XXXXXX), which is renamed over the
** target only when everything was written. Used by write_csv and the commands' -o and
** --svg. A target that exists and is not a regular file (/dev/null, /dev/stdout, a FIFO,
** a terminal) is written directly: there is no file to replace, and renaming over it
** would replace the device itself.
*/
#ifndef ATOMFILE_H
#define ATOMFILE_H

#include <stdio.h>

/* An output file being written. */
struct atomfile {
    FILE *fp;   /* write here */
    char *path; /* the target name */
    char *tmp;  /* the temporary file's name (NULL once committed or aborted) */
    int direct; /* 1: writing the target itself (not a regular file) */
};

/*
** Opens a temporary file for path. Returns 0, or -1 with errno set (af is then empty).
** The file gets the permissions a new file would (0666 less the umask).
*/
int atomfile_open(struct atomfile *af, const char *path);

/*
** Flushes, closes and renames the temporary file to the target. Returns 0, or -1 with
** errno set, in which case the temporary file is removed and the target untouched.
*/
int atomfile_commit(struct atomfile *af);

/* Closes and removes the temporary file; the target is untouched. NULL-safe, repeatable. */
void atomfile_abort(struct atomfile *af);

/* The temporary file's name while one exists (for a signal handler to unlink), else NULL. */
const char *atomfile_tmpname(const struct atomfile *af);

#endif /* ATOMFILE_H */
