/*
** test_morph_input.c: what the morphology readers and the 3-D point and connect verbs must
** survive (issue 11): SWC line endings (LF, CRLF, a lone CR) with the right line numbers,
** fields after the seventh, type codes anywhere in the int range, and sizes that took
** minutes while an import was quadratic (a 200,000-point Neurolucida line, 200,000
** pt3dadd calls, a 100,000-section chain of connects). Each of those runs under a limit of
** CPU time (not wall-clock time: a loaded machine must not fail it) that kills the test
** long before a quadratic version would finish; bench/morph_scale.sh has the timings.
*/
#include <float.h>
#include <sys/time.h>
#include <unistd.h>
#include "testutil.h"
#include "nrn.h"
#include "nrn_check.h"

#define GUARD_S 60 /* CPU s; linear: about 1 s, 10 under the sanitizers; quadratic: minutes */

/* Kills the test (SIGPROF) once it has used sec seconds of CPU time more; 0 disarms. */
static void guard(int sec)
{
    struct itimerval t = {{0, 0}, {sec, 0}};
    setitimer(ITIMER_PROF, &t, NULL);
}

/* Writes len bytes to a new temporary file named with suffix; returns its path (static). */
static const char *temp_file(const char *suffix, const char *text, size_t len)
{
    static char path[256];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/nrn-morphin-XXXXXX%s", dir && *dir ? dir : "/tmp", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

/* Imports text as an SWC file: the status, the message in msg. */
static int load_swc_text(nrn_model *m, const char *text, char *msg, size_t size)
{
    const char *path = temp_file(".swc", text, strlen(text));
    int rc = nrn_load_swc(m, path, NULL, NULL, NULL, NULL, 0);
    const char *e = nrn_errmsg(m);
    size_t n = strlen(path);
    snprintf(msg, size, "%s", rc && !strncmp(e, path, n) ? e + n : e);
    unlink(path);
    return rc;
}

/* The same cell written with each line ending gives the same sections and points; a
** bad line is reported at its own line number whatever ends the lines. */
static void test_line_endings(void **state)
{
    (void)state;
    static const char *const eol[] = {"\n", "\r\n", "\r"};
    static const char *const lines[] = {"# a cell", "1 1 0 0 0 5 -1", "2 3 0 10 0 1 1",
                                        "3 3 0 20 0 1 2", "4 3 5 30 0 1 3", "5 3 -5 30 0 1 3"};
    double want[4] = {0};
    for (int k = 0; k < 3; k++) {
        char text[512] = "";
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
            strcat(strcat(text, lines[i]), eol[k]);
        nrn_model *m = nrn_model_new();
        char msg[512];
        assert_int_equal(load_swc_text(m, text, msg, sizeof msg), NRN_OK);
        assert_int_equal(nrn_section_count(m), 4);
        int d2 = nrn_section_find(m, "dend[2]");
        assert_true(d2 >= 0);
        assert_int_equal(nrn_n3d(m, d2), 2);
        double got[4];
        assert_int_equal(nrn_pt3d_get(m, d2, 1, got, NULL), NRN_OK);
        if (k == 0)
            memcpy(want, got, sizeof want);
        assert_memory_equal(got, want, sizeof want);
        nrn_model_free(&m);

        /* line 4 broken: its number stays right */
        snprintf(text, sizeof text, "# a cell%s1 1 0 0 0 5 -1%s2 3 0 10 0 1 1%s3 3 0 x 0 1 2%s",
                 eol[k], eol[k], eol[k], eol[k]);
        m = nrn_model_new();
        assert_int_equal(load_swc_text(m, text, msg, sizeof msg), NRN_EFORMAT);
        assert_string_equal(msg, ":4: y is not a number: \"x\"");
        nrn_model_free(&m);
    }
}

struct problems {
    int n;
    char text[1024];
};

static void collect(void *ud, int line, const char *msg)
{
    struct problems *p = ud;
    size_t k = strlen(p->text);
    snprintf(p->text + k, sizeof p->text - k, "%d: %s\n", line, msg);
    p->n++;
}

/* A field after the seventh stops the import at its line, and --check lists every such line. */
static void test_extra_fields(void **state)
{
    (void)state;
    const char *text = "1 1 0 0 0 5 -1\n2 3 0 10 0 1 1 7\n3 3 0 20 0 1 2  # fine\n"
                       "4 3 0 30 0 1 3 2 3 0 40 0 1 3\n";
    nrn_model *m = nrn_model_new();
    char msg[512];
    assert_int_equal(load_swc_text(m, text, msg, sizeof msg), NRN_EFORMAT);
    assert_string_equal(msg, ":2: 8 fields, expected 7 (id type x y z radius parent): extra "
                             "columns are not read; remove them");
    assert_int_equal(nrn_section_count(m), 0);
    nrn_model_free(&m);
    const char *path = temp_file(".swc", text, strlen(text));
    struct problems p = {0, ""};
    assert_int_equal(nrn_swc_check(path, collect, &p), 2);
    unlink(path);
    assert_string_equal(p.text, "2: 8 fields, expected 7 (id type x y z radius parent): extra "
                                "columns are not read; remove them\n"
                                "4: 14 fields, expected 7 (id type x y z radius parent): extra "
                                "columns are not read; remove them\n");
}

/* Type codes far apart import at once (only the types present are visited); codes beyond
** the int range are one-line errors. */
static void test_type_range(void **state)
{
    (void)state;
    guard(GUARD_S);
    nrn_model *m = nrn_model_new();
    char msg[512];
    assert_int_equal(load_swc_text(m, "1 1 0 0 0 5 -1\n2 2000000000 0 10 0 1 1\n"
                                      "3 -2000000000 0 20 0 1 2\n4 3 0 30 0 1 2\n",
                                   msg, sizeof msg),
                     NRN_OK);
    assert_int_equal(nrn_section_count(m), 4);
    /* Import3d's creation order: by type, ascending */
    assert_string_equal(nrn_section_name(m, 0), "minus_2000000000[0]");
    assert_string_equal(nrn_section_name(m, 1), "soma[0]");
    assert_string_equal(nrn_section_name(m, 2), "dend[0]");
    assert_string_equal(nrn_section_name(m, 3), "dend_2000000000[0]");
    nrn_model_free(&m);
    static const char *const bad[] = {"2147483648", "-2147483649", "1e300", "2000000001"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char text[128], want[160];
        snprintf(text, sizeof text, "1 1 0 0 0 5 -1\n2 %s 0 10 0 1 1\n", bad[k]);
        snprintf(want, sizeof want,
                 ":2: type is out of range (at most 2000000000 in magnitude): \"%s\"", bad[k]);
        m = nrn_model_new();
        assert_int_equal(load_swc_text(m, text, msg, sizeof msg), NRN_EFORMAT);
        assert_string_equal(msg, want);
        nrn_model_free(&m);
    }
    guard(0);
}

/* One Neurolucida line of 200,000 points: the lexer must not rescan the line per token. */
static void test_long_asc_line(void **state)
{
    (void)state;
    enum { N = 200000 };
    size_t cap = (size_t)N * 32 + 256, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "((Dendrite) (0 0 0 2)");
    for (int i = 1; i < N; i++)
        n += (size_t)snprintf(text + n, cap - n, " (%d.5 %d 0 1.5)", i, i % 7);
    n += (size_t)snprintf(text + n, cap - n, " Normal)\n");
    const char *path = temp_file(".asc", text, n);
    free(text);
    guard(GUARD_S);
    nrn_model *m = nrn_model_new();
    int rc = nrn_load_asc(m, path, NULL, NULL, NULL, NULL, 0);
    unlink(path);
    if (rc)
        fail_msg("%s", nrn_errmsg(m));
    guard(0);
    assert_int_equal(nrn_section_count(m), 1);
    assert_int_equal(nrn_n3d(m, 0), N);
    nrn_model_free(&m);
}

/* 200,000 pt3dadd calls: each adds one arc step, summed in the same order as before. */
static void test_many_points(void **state)
{
    (void)state;
    enum { N = 200000 };
    guard(GUARD_S);
    nrn_model *m = nrn_model_new();
    int s;
    assert_int_equal(nrn_section_new(m, "a", &s), NRN_OK);
    double arc = 0;
    float px = 0, py = 0, pz = 0;
    for (int i = 0; i < N; i++) {
        float x = (float)(i * 0.37), y = (float)((i % 13) * 0.11), z = (float)((i % 5) * 0.7);
        assert_int_equal(nrn_pt3dadd(m, s, x, y, z, 1), NRN_OK);
        if (i) {
            float f1 = x - px, f2 = y - py, f3 = z - pz;
            double t1 = f1, t2 = f2, t3 = f3;
            arc = arc + sqrt(t1 * t1 + t2 * t2 + t3 * t3);
        }
        px = x, py = y, pz = z;
    }
    guard(0);
    double L, a;
    double xyzd[4];
    assert_int_equal(nrn_section_get(m, s, NRN_SEC_L, &L), NRN_OK);
    assert_true(L == arc);
    assert_int_equal(nrn_pt3d_get(m, s, N - 1, xyzd, &a), NRN_OK);
    assert_true(a == arc);
    nrn_model_free(&m);
}

/* After an L change the next point extends the scaled arc lengths, as NEURON's stor_pt3d
** does (recomputing them from the float points gave 25.9822317033098). The value is
** NEURON 8.2.2's: nrniv with "create a; a { pt3dadd(0,0,0,1) pt3dadd(3,4,0,1)
** pt3dadd(3,4,7.3,1) }; a.L = 17.1; a { pt3dadd(1.1,9.3,2.7,1) }; printf("%.17g", a.L)". */
static void test_point_after_L(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int s;
    assert_int_equal(nrn_section_new(m, "a", &s), NRN_OK);
    assert_int_equal(nrn_pt3dadd(m, s, 0, 0, 0, 1), NRN_OK);
    assert_int_equal(nrn_pt3dadd(m, s, 3, 4, 0, 1), NRN_OK);
    assert_int_equal(nrn_pt3dadd(m, s, 3, 4, 7.3, 1), NRN_OK);
    assert_int_equal(nrn_section_set(m, s, NRN_SEC_L, 17.1), NRN_OK);
    assert_int_equal(nrn_pt3dadd(m, s, 1.1, 9.3, 2.7, 1), NRN_OK);
    double L;
    assert_int_equal(nrn_section_get(m, s, NRN_SEC_L, &L), NRN_OK);
    assert_close(L, 25.982231512574938, 0, 0);
    /* a value a float cannot hold would be stored infinite (fuzz_modelcsv found it) */
    assert_int_equal(nrn_pt3dadd(m, s, 1, 1, 1, 1e39), NRN_EINVAL);
    assert_string_equal(nrn_errmsg(m), "pt3dadd: 1e+39 is too large: 3-D points are floats, "
                                       "at most 3.40282e+38");
    assert_int_equal(nrn_pt3dadd(m, s, -1e39, 1, 1, 1), NRN_EINVAL);
    assert_int_equal(nrn_pt3dadd(m, s, 0x1.ffffffp127, 1, 1, 1), NRN_EINVAL); /* to inf */
    assert_int_equal(nrn_n3d(m, s), 4);
    assert_int_equal(nrn_pt3dadd(m, s, 3.4028235e38, 1, 1, 1), NRN_OK); /* to FLT_MAX */
    double p[4];
    assert_int_equal(nrn_pt3d_get(m, s, 4, p, NULL), NRN_OK);
    assert_true(p[0] == FLT_MAX);
    nrn_model_free(&m);
}

/* Chains of 100,000 sections connected forwards and backwards, then the loop checks. */
static void test_long_chain(void **state)
{
    (void)state;
    enum { N = 100000 };
    guard(GUARD_S);
    for (int dir = 0; dir < 2; dir++) {
        nrn_model *m = nrn_model_new();
        char name[32];
        for (int i = 0; i < N; i++) {
            snprintf(name, sizeof name, "s%d", i);
            assert_int_equal(nrn_section_new(m, name, NULL), NRN_OK);
        }
        for (int k = 1; k < N; k++) {
            int i = dir ? N - k : k;
            assert_int_equal(nrn_connect(m, i, 0, i - 1, 1), NRN_OK);
        }
        /* the root under any section of the chain, or a middle one under its descendant */
        assert_int_equal(nrn_connect(m, 0, 0, N - 1, 1), NRN_ETOPOLOGY);
        assert_int_equal(nrn_connect(m, N / 2, 0, N / 2 + 7, 1), NRN_ETOPOLOGY);
        assert_int_equal(nrn_connect(m, 1, 0, 1, 1), NRN_ETOPOLOGY);
        /* a side branch moved elsewhere in the tree is fine */
        assert_int_equal(nrn_section_new(m, "side", NULL), NRN_OK);
        assert_int_equal(nrn_section_new(m, "leaf", NULL), NRN_OK);
        assert_int_equal(nrn_connect(m, N + 1, 0, N, 1), NRN_OK);
        assert_int_equal(nrn_connect(m, N, 0, N / 3, 0.5), NRN_OK);
        assert_int_equal(nrn_connect(m, N / 3, 0, N + 1, 1), NRN_ETOPOLOGY);
        assert_int_equal(nrn_connect(m, N, 0, 5, 0.5), NRN_OK);
        int parent;
        assert_int_equal(nrn_section_parent(m, N, &parent, NULL, NULL), NRN_OK);
        assert_int_equal(parent, 5);
        nrn_model_free(&m);
    }
    guard(0);
}

/* Names with a control character are refused, and every message stays on one line. */
static void test_control_names(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int id;
    assert_int_equal(nrn_section_new(m, "a\nb", &id), NRN_EINVAL);
    assert_string_equal(nrn_errmsg(m), "bad section name \"a\\nb\": a name cannot hold white "
                                       "space, control characters, parentheses, commas or quotes");
    assert_int_equal(nrn_section_new(m, "a\033[2Jb", &id), NRN_EINVAL);
    assert_null(strchr(nrn_errmsg(m), '\033'));
    assert_int_equal(nrn_section_new(m, "a\x7f", &id), NRN_EINVAL);
    assert_int_equal(nrn_section_count(m), 0);
    /* a name that is only looked up is quoted escaped */
    assert_int_equal(nrn_section_new(m, "soma", &id), NRN_OK);
    nrn_ref ref;
    assert_int_equal(nrn_ref_lookup(m, "x\ny.L", &ref), NRN_ENOTFOUND);
    assert_null(strchr(nrn_errmsg(m), '\n'));
    /* a morphology prefix */
    const char *swc = "1 1 0 0 0 5 -1\n2 3 0 10 0 1 1\n";
    const char *path = temp_file(".swc", swc, strlen(swc));
    assert_int_equal(nrn_load_swc(m, path, "c\x01.", NULL, NULL, NULL, 0), NRN_EINVAL);
    assert_null(strchr(nrn_errmsg(m), '\x01'));
    unlink(path);
    /* a model CSV row naming a section with a control character */
    const char *csv = "kind,section,index,object,name,value,x,y,z,diam\nsection,a\x1b,,,,,,,,\n";
    path = temp_file(".csv", csv, strlen(csv));
    assert_int_equal(nrn_model_load_csv(m, path), NRN_EFORMAT);
    assert_null(strchr(nrn_errmsg(m), '\x1b'));
    assert_non_null(strstr(nrn_errmsg(m), ":2: bad section name \"a\\x1b\""));
    unlink(path);
    assert_int_equal(nrn_section_count(m), 1);
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_endings), cmocka_unit_test(test_extra_fields),
        cmocka_unit_test(test_type_range),   cmocka_unit_test(test_long_asc_line),
        cmocka_unit_test(test_many_points),  cmocka_unit_test(test_point_after_L),
        cmocka_unit_test(test_long_chain),   cmocka_unit_test(test_control_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
