/*
** atomfile.c: temporary file + rename (see atomfile.h). The temporary file lives in the
** target's directory so that rename is atomic (same file system).
**
** Why not mkstemp: it makes 0600 files, and the umask cannot be read without setting it
** (umask(0) then back), which would race with other threads creating files. Opening the
** name ourselves with O_EXCL and mode 0666 lets the kernel apply the umask.
**
** Why a stream of our own (fopencookie, where the C library has it): stdio keeps no
** record of why a write failed, and errno has usually changed by the time the writer
** reports; glibc even drops the buffered bytes after a failed fflush, so a second flush
** succeeds. The stream's write function notes the first failure's errno, so that
** "cannot write FILE: No space left on device" is always the true reason.
*/
#define _GNU_SOURCE /* fopencookie */
#include "atomfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The table of temporary files that exist now: fixed storage, so that a signal handler can
** read it without allocating. A slot is free (0), being filled (1) or holds a name (2). */
#define ATOMFILE_SLOTS 32
#define ATOMFILE_NAME_MAX 4096
static struct {
    atomic_int state;
    char name[ATOMFILE_NAME_MAX];
} atomfile_table[ATOMFILE_SLOTS];

/* See atomfile.h. */
int atomfile_track(const char *name)
{
    size_t n = strlen(name);
    if (n >= ATOMFILE_NAME_MAX)
        return -1;
    for (int i = 0; i < ATOMFILE_SLOTS; i++) {
        int expect = 0;
        if (atomic_compare_exchange_strong(&atomfile_table[i].state, &expect, 1)) {
            memcpy(atomfile_table[i].name, name, n + 1);
            atomic_store(&atomfile_table[i].state, 2);
            return i;
        }
    }
    return -1;
}

/* See atomfile.h. */
void atomfile_untrack(int slot)
{
    if (slot >= 0 && slot < ATOMFILE_SLOTS)
        atomic_store(&atomfile_table[slot].state, 0);
}

/* See atomfile.h. */
void atomfile_remove_all(void)
{
    for (int i = 0; i < ATOMFILE_SLOTS; i++) {
        int expect = 2;
        if (atomic_compare_exchange_strong(&atomfile_table[i].state, &expect, 1)) {
            unlink(atomfile_table[i].name);
            atomic_store(&atomfile_table[i].state, 0);
        }
    }
}

/* What the stream of an atomfile writes to (af->io). */
struct atomfile_io {
    int fd;  /* the file */
    int err; /* errno of the first failed write or close, else 0 */
};

#ifdef __GLIBC__
/* The stream's write function: all of buf, or 0 with the reason noted. */
static ssize_t atomfile_io_write(void *cookie, const char *buf, size_t size)
{
    struct atomfile_io *io = cookie;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(io->fd, buf + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            if (!io->err)
                io->err = errno;
            return 0;
        }
        done += (size_t)n;
    }
    return (ssize_t)size;
}

/* The stream's close function: closes the file, noting a failure. */
static int atomfile_io_close(void *cookie)
{
    struct atomfile_io *io = cookie;
    int rc = close(io->fd);
    if (rc != 0 && !io->err)
        io->err = errno;
    return rc;
}
#endif

/*
** Gives af a stream writing to fd (which it then owns). 0, or -1 with errno (fd is then
** closed).
*/
static int atomfile_stream(struct atomfile *af, int fd)
{
    int err;
    struct atomfile_io *io = malloc(sizeof *io);
    if (io) {
        io->fd = fd;
        io->err = 0;
#ifdef __GLIBC__
        cookie_io_functions_t fns = { NULL, atomfile_io_write, NULL, atomfile_io_close };
        af->fp = fopencookie(io, "w", fns);
        /* a larger buffer than stdio's default: fewer, larger writes */
        if (af->fp)
            (void)setvbuf(af->fp, NULL, _IOFBF, 1 << 16);
#else
        af->fp = fdopen(fd, "w");
#endif
    }
    if (!io || !af->fp) {
        err = io ? errno : ENOMEM;
        free(io);
        close(fd);
        errno = err;
        return -1;
    }
    af->io = io;
    return 0;
}

/* Frees the names, takes the temporary file off the table and clears af. */
static void atomfile_clear(struct atomfile *af)
{
    atomfile_untrack(af->slot - 1);
    free(af->path);
    free(af->tmp);
    free(af->io);
    af->io = NULL;
    af->fp = NULL;
    af->path = af->tmp = NULL;
    af->direct = 0;
    af->slot = 0;
}

/* 1 if path exists and is not a regular file (a device, a FIFO, a socket). */
static int atomfile_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* Replaces the last six characters of name (XXXXXX) by letters and digits that differ call to
** call and process to process. */
static void atomfile_fill(char *name)
{
    static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static atomic_uint count;
    struct timespec ts;
    uint64_t x;
    char *p = name + strlen(name) - 6;

    clock_gettime(CLOCK_REALTIME, &ts);
    x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 40) ^
        ((uint64_t)atomic_fetch_add(&count, 1) * 0x9e3779b97f4a7c15u);
    x ^= x >> 31; /* splitmix64's finaliser: every input bit moves every output bit */
    x *= 0xbf58476d1ce4e5b9u;
    x ^= x >> 27;
    for (int i = 0; i < 6; i++, x /= 62)
        p[i] = set[x % 62];
}

/*
** Creates the temporary file af->tmp (a template ending in XXXXXX) with the permissions
** described in atomfile.h, and puts it on the table. Signals are held meanwhile, so that
** a handler never misses a file that exists. Returns the descriptor, or -1 with errno.
*/
static int atomfile_create(struct atomfile *af, const char *path)
{
    sigset_t all, old;
    struct stat st;
    int keep = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    int fd = -1, err = 0;

    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    for (int tries = 0; tries < 100; tries++) {
        atomfile_fill(af->tmp);
        fd = open(af->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, keep ? 0600 : 0666);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    err = errno;
    if (fd >= 0) {
        af->slot = atomfile_track(af->tmp) + 1;
        /* not every file system has modes (vfat): then the file has what it has */
        if (keep)
            (void)fchmod(fd, st.st_mode & 07777);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = err;
    return fd;
}

/* See atomfile.h. */
int atomfile_open(struct atomfile *af, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    int fd, err;

    af->fp = NULL;
    af->io = NULL;
    af->direct = 0;
    af->slot = 0;
    af->tmp = NULL;
    if ((af->path = strdup(path)) == NULL) {
        errno = ENOMEM;
        return -1;
    }
    if (atomfile_special(path)) {
        af->direct = 1;
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0 || atomfile_stream(af, fd) != 0) {
            err = errno;
            atomfile_clear(af);
            errno = err;
            return -1;
        }
        return 0;
    }
    if ((af->tmp = malloc(strlen(path) + 9)) == NULL) {
        atomfile_clear(af);
        errno = ENOMEM;
        return -1;
    }
    memcpy(af->tmp, path, dirlen);
    sprintf(af->tmp + dirlen, ".%s.XXXXXX", path + dirlen);
    if ((fd = atomfile_create(af, path)) < 0) {
        err = errno;
        free(af->tmp);
        af->tmp = NULL; /* nothing to remove */
        atomfile_clear(af);
        errno = err;
        return -1;
    }
    if (atomfile_stream(af, fd) != 0) {
        err = errno;
        atomfile_abort(af);
        errno = err;
        return -1;
    }
    return 0;
}

/* Flushes and closes af->fp. 0, or -1 with errno the reason. */
static int atomfile_close(struct atomfile *af)
{
    int bad, err;
    errno = 0;
    bad = fflush(af->fp) != 0 || ferror(af->fp);
    err = errno;
    if (fclose(af->fp) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    af->fp = NULL;
    if (af->io->err)
        err = af->io->err;
    errno = err ? err : EIO;
    return bad ? -1 : 0;
}

/* See atomfile.h. */
int atomfile_commit(struct atomfile *af)
{
    int err;
    if (af->fp == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (atomfile_close(af) != 0 || (!af->direct && rename(af->tmp, af->path) != 0)) {
        err = errno;
        atomfile_abort(af);
        errno = err;
        return -1;
    }
    free(af->tmp); /* renamed: nothing to remove any more */
    af->tmp = NULL;
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
