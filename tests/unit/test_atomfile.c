/*
** test_atomfile.c: the temporary file + rename writer: the target appears only on
** commit, an abort leaves nothing, failures leave no temporary file behind; a replaced
** file keeps its mode; atomfile_remove_all (what a signal handler calls) removes every
** temporary file that exists; a failed write's reason reaches the caller.
*/
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "atomfile.h"

/* A fresh directory per test (state). */
static int make_dir(void **state)
{
    char *dir = strdup("/tmp/test_atomfile.XXXXXX");
    if (dir == NULL || mkdtemp(dir) == NULL)
        return -1;
    *state = dir;
    return 0;
}

/* Removes the directory and whatever is in it. */
static int remove_dir(void **state)
{
    char *dir = *state, path[512];
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
    free(dir);
    return 0;
}

/* Number of entries in dir other than . and .. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

/* Commit puts the whole file in place, with ordinary permissions, and nothing else. */
static void test_commit(void **state)
{
    char path[512], buf[64] = "";
    struct atomfile af;
    struct stat sb;
    FILE *fp;
    mode_t mask = umask(022);

    snprintf(path, sizeof path, "%s/out.csv", (char *)*state);
    assert_int_equal(atomfile_open(&af, path), 0);
    assert_non_null(atomfile_tmpname(&af));
    fputs("t,v\n0.0,1.0\n", af.fp);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(atomfile_commit(&af), 0);
    fp = fopen(path, "r");
    assert_non_null(fp);
    assert_int_equal(fread(buf, 1, sizeof buf - 1, fp), 12);
    fclose(fp);
    assert_string_equal(buf, "t,v\n0.0,1.0\n");
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0644);
    assert_int_equal(count_entries(*state), 1);
    umask(mask);
}

/* Abort leaves neither the target nor the temporary file; an old target survives. */
static void test_abort(void **state)
{
    char path[512];
    struct atomfile af;
    FILE *fp;

    snprintf(path, sizeof path, "%s/keep.csv", (char *)*state);
    fp = fopen(path, "w");
    fputs("old\n", fp);
    fclose(fp);
    assert_int_equal(atomfile_open(&af, path), 0);
    fputs("half", af.fp);
    atomfile_abort(&af);
    atomfile_abort(&af);
    assert_int_equal(count_entries(*state), 1);
    assert_null(atomfile_tmpname(&af));
}

/* A directory that does not exist: open fails with errno, nothing is made. */
static void test_bad_dir(void **state)
{
    char path[512];
    struct atomfile af;
    snprintf(path, sizeof path, "%s/no/such/dir/x.csv", (char *)*state);
    errno = 0;
    assert_int_equal(atomfile_open(&af, path), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(count_entries(*state), 0);
}

/* A file name without a directory part goes to the current directory. */
static void test_relative(void **state)
{
    char cwd[512];
    struct atomfile af;
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(*state), 0);
    assert_int_equal(atomfile_open(&af, "rel.csv"), 0);
    assert_int_equal(strncmp(atomfile_tmpname(&af), ".rel.csv.", 9), 0);
    assert_int_equal(atomfile_commit(&af), 0);
    assert_int_equal(access("rel.csv", F_OK), 0);
    assert_int_equal(chdir(cwd), 0);
}

/* A file that replaces another keeps the other's mode, whatever the umask. */
static void test_keep_mode(void **state)
{
    char path[512];
    struct atomfile af;
    struct stat sb;
    mode_t mask = umask(077);
    FILE *fp;

    snprintf(path, sizeof path, "%s/shared.csv", (char *)*state);
    fp = fopen(path, "w");
    fclose(fp);
    assert_int_equal(chmod(path, 0664), 0);
    assert_int_equal(atomfile_open(&af, path), 0);
    fputs("new\n", af.fp);
    assert_int_equal(atomfile_commit(&af), 0);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0664);
    umask(mask);
}

/* atomfile_remove_all removes the open temporary files and the tracked ones, only those. */
static void test_remove_all(void **state)
{
    char a[512], b[512], extra[512];
    struct atomfile fa, fb;
    FILE *fp;
    int slot;

    snprintf(a, sizeof a, "%s/a.csv", (char *)*state);
    snprintf(b, sizeof b, "%s/b.csv", (char *)*state);
    snprintf(extra, sizeof extra, "%s/spooled", (char *)*state);
    fp = fopen(extra, "w");
    fclose(fp);
    slot = atomfile_track(extra);
    assert_true(slot >= 0);
    assert_int_equal(atomfile_open(&fa, a), 0);
    assert_int_equal(atomfile_open(&fb, b), 0);
    assert_int_equal(atomfile_commit(&fb), 0); /* b.csv is done: not a temporary any more */
    assert_int_equal(count_entries(*state), 3);
    atomfile_remove_all();
    assert_int_equal(count_entries(*state), 1);
    assert_int_equal(access(b, F_OK), 0);
    atomfile_untrack(slot);
    atomfile_abort(&fa);
}

/* A write that fails (a full device) gives its reason at the commit, even when the
** writer's own flush has failed already and errno has changed since. */
static void test_write_error(void **state)
{
    struct atomfile af;
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    assert_int_equal(atomfile_open(&af, "/dev/full"), 0);
    fputs("data\n", af.fp);
    assert_int_not_equal(fflush(af.fp), 0);
    errno = ENOTTY;
    assert_int_equal(atomfile_commit(&af), -1);
    assert_int_equal(errno, ENOSPC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_commit, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_abort, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_bad_dir, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_relative, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_keep_mode, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_remove_all, make_dir, remove_dir),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
