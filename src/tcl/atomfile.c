/*
** atomfile.c: temporary file + rename (see atomfile.h). The temporary file lives in the
** target's directory so that rename is atomic (same file system).
*/
#include "atomfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Frees the names and clears af. */
static void atomfile_clear(struct atomfile *af)
{
    free(af->path);
    free(af->tmp);
    af->fp = NULL;
    af->path = af->tmp = NULL;
    af->direct = 0;
}

/* 1 if path exists and is not a regular file (a device, a FIFO, a socket). */
static int atomfile_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* See atomfile.h. */
int atomfile_open(struct atomfile *af, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    mode_t mask;
    int fd, err;

    af->fp = NULL;
    af->direct = 0;
    if (atomfile_special(path)) {
        af->tmp = NULL;
        if ((af->path = strdup(path)) == NULL) {
            errno = ENOMEM;
            return -1;
        }
        if ((af->fp = fopen(path, "w")) == NULL) {
            err = errno;
            atomfile_clear(af);
            errno = err;
            return -1;
        }
        af->direct = 1;
        return 0;
    }
    af->path = strdup(path);
    af->tmp = malloc(strlen(path) + 9);
    if (af->path == NULL || af->tmp == NULL) {
        atomfile_clear(af);
        errno = ENOMEM;
        return -1;
    }
    memcpy(af->tmp, path, dirlen);
    sprintf(af->tmp + dirlen, ".%s.XXXXXX", path + dirlen);
    if ((fd = mkstemp(af->tmp)) < 0) {
        err = errno;
        atomfile_clear(af);
        errno = err;
        return -1;
    }
    mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || (af->fp = fdopen(fd, "w")) == NULL) {
        err = errno;
        close(fd);
        unlink(af->tmp);
        atomfile_clear(af);
        errno = err;
        return -1;
    }
    return 0;
}

/* See atomfile.h. */
int atomfile_commit(struct atomfile *af)
{
    int err, bad;
    if (af->direct && af->fp) {
        errno = 0;
        bad = fflush(af->fp) != 0 || ferror(af->fp);
        bad |= fclose(af->fp) != 0;
        err = errno ? errno : EIO;
        af->fp = NULL;
        atomfile_clear(af);
        if (bad)
            errno = err;
        return bad ? -1 : 0;
    }
    if (af->tmp == NULL) {
        errno = EINVAL;
        return -1;
    }
    errno = 0;
    bad = fflush(af->fp) != 0 || ferror(af->fp);
    bad |= fclose(af->fp) != 0;
    if (bad) {
        err = errno ? errno : EIO;
        af->fp = NULL;
        atomfile_abort(af);
        errno = err;
        return -1;
    }
    af->fp = NULL;
    if (rename(af->tmp, af->path) != 0) {
        err = errno;
        atomfile_abort(af);
        errno = err;
        return -1;
    }
    atomfile_clear(af);
    return 0;
}

/* See atomfile.h. */
void atomfile_abort(struct atomfile *af)
{
    if (af == NULL)
        return;
    if (af->fp)
        fclose(af->fp);
    if (af->tmp)
        unlink(af->tmp);
    atomfile_clear(af);
}

/* See atomfile.h. */
const char *atomfile_tmpname(const struct atomfile *af)
{
    return af->tmp;
}
