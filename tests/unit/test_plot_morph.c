/*
** test_plot_morph.c: the model CSV reader, NEURON's define_shape layout, segment pieces,
** locations, distances and paths (morph.c).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/plot/plot.h"

static void assert_close(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

/* The model of tests/plot/data/layout.csv (no 3-D points but one section), fed in small chunks
** to exercise the line assembly. */
static const char layout_csv[] =
    "# hand-written\n"
    "kind,section,index,object,name,value,x,y,z,diam\n"
    "section,soma,,,,,,,,\nprop,soma,,,nseg,1,,,,\nprop,soma,,,L,10,,,,\n"
    "section,dend,,,,,,,,\nprop,dend,,,nseg,3,,,,\nprop,dend,,,L,100,,,,\n"
    "section,ap1,,,,,,,,\nprop,ap1,,,nseg,2,,,,\nprop,ap1,,,L,50,,,,\n"
    "section,ap2,,,,,,,,\nprop,ap2,,,L,60,,,,\n"
    "section,rev,,,,,,,,\nprop,rev,,,nseg,2,,,,\nprop,rev,,,L,30,,,,\n"
    "section,r2,,,,,,,,\nprop,r2,,,L,20,,,,\n"
    "connect,dend,0,soma,,1,,,,\nconnect,ap1,0,soma,,0.5,,,,\nconnect,ap2,0,soma,,0.5,,,,\n"
    "connect,rev,1,dend,,0.3,,,,\n"
    "range,soma,,,diam,10,,,,\nrange,dend,,,diam,2,,,,\nrange,ap1,,,diam,1,,,,\n"
    "range,ap2,,,diam,1.5,,,,\nrange,rev,,,diam,0.7,,,,\nrange,r2,,,diam,3,,,,\n"
    "section,pts,,,,,,,,\nprop,pts,,,nseg,2,,,,\npt3d,pts,0,,,,0,0,0,1\n"
    "pt3d,pts,1,,,,0,10,0,1\npt3d,pts,2,,,,5,20,0,0.5\nconnect,pts,0,r2,,1,,,,";

static struct morph *load(const char *text, size_t chunk)
{
    struct morph *m = morph_new("model.csv");
    size_t at = 0, n = strlen(text);
    assert_non_null(m);
    while (at < n) {
        size_t k = n - at < chunk ? n - at : chunk;
        if (morph_feed(m, text + at, k) != 0)
            return m;
        at += k;
    }
    morph_finish(m);
    return m;
}

/* A point of section name, checked against what NEURON 8.2 printed (%.9g) after
** define_shape() for the same model in hoc. */
static void assert_pt(const struct morph *m, const char *name, int i, double x, double y,
                      double z, double d)
{
    int s = morph_find(m, name);
    assert_true(s >= 0);
    assert_true(i < m->sec[s].npt);
    assert_close(m->sec[s].pt[4 * i], x, 5e-9 * (1 + fabs(x)));
    assert_close(m->sec[s].pt[4 * i + 1], y, 5e-9 * (1 + fabs(y)));
    assert_close(m->sec[s].pt[4 * i + 2], z, 5e-9 * (1 + fabs(z)));
    assert_close(m->sec[s].pt[4 * i + 3], d, 5e-9 * (1 + fabs(d)));
}

static void test_define_shape(void **state)
{
    struct morph *m = load(layout_csv, 7);
    (void)state;
    assert_string_equal(morph_error(m), "");
    assert_int_equal(m->nsec, 7);
    assert_pt(m, "soma", 0, 0, 0, 0, 10);
    assert_pt(m, "soma", 2, 10, 0, 0, 10);
    assert_pt(m, "dend", 1, 26.666666, 0, 0, 2);
    assert_pt(m, "dend", 3, 93.3333359, 0, 0, 2);
    assert_pt(m, "dend", 4, 110, 0, 0, 2);
    /* siblings at soma(0.5): ap2, connected later, comes first: +pi/2 - 0.4 */
    assert_pt(m, "ap1", 1, 0.132270336, 11.5132618, 0, 1);
    assert_pt(m, "ap1", 3, -14.4709187, 46.0530472, 0, 1);
    assert_pt(m, "ap2", 2, 28.365097, 55.2636642, 0, 1.5);
    /* reversed child at dend(0.3): along -x turned by pi/2 */
    assert_pt(m, "rev", 0, 40, 0, 0, 0.699999988);
    assert_pt(m, "rev", 3, 40, -30, 0, 0.699999988);
    /* the second root at z = 100 (its place in the tree order) */
    assert_pt(m, "r2", 0, 0, 0, 100, 3);
    assert_pt(m, "r2", 2, 20, 0, 100, 3);
    /* a child with its own points on a laid-out parent is moved to the attachment point */
    assert_pt(m, "pts", 0, 20, 0, 100, 1);
    assert_pt(m, "pts", 2, 25, 20, 100, 0.5);
    /* tree order: roots in creation order, then breadth first in sibling order */
    assert_string_equal(m->sec[m->order[0]].name, "soma");
    assert_string_equal(m->sec[m->order[1]].name, "r2");
    assert_string_equal(m->sec[m->order[2]].name, "ap2");
    assert_string_equal(m->sec[m->order[3]].name, "ap1");
    assert_string_equal(m->sec[m->order[4]].name, "dend");
    assert_int_equal(m->nseg_total, 1 + 1 + 1 + 2 + 3 + 2 + 2);
    morph_free(&m);
    assert_null(m);
}

/* Pieces follow the points and split them at segment boundaries. */
static void test_pieces(void **state)
{
    struct morph *m = load(layout_csv, 4096);
    struct morph_piece *pc = NULL;
    int n, i, dend = morph_find(m, "dend"), pts = morph_find(m, "pts"), seen[3] = { 0, 0, 0 };
    double len = 0;
    (void)state;
    n = morph_pieces(m, &pc);
    assert_true(n > 0);
    for (i = 0; i < n; i++) {
        if (pc[i].sec == dend) {
            assert_true(pc[i].seg >= 0 && pc[i].seg < 3);
            seen[pc[i].seg] = 1;
            /* segment j lies within x = 10 + [j, j+1] * 100/3 */
            assert_true(pc[i].a[0] >= 10 + pc[i].seg * 100 / 3.0 - 1e-4);
            assert_true(pc[i].b[0] <= 10 + (pc[i].seg + 1) * 100 / 3.0 + 1e-4);
        }
        if (pc[i].sec == pts)
            len += sqrt(pow(pc[i].b[0] - pc[i].a[0], 2) + pow(pc[i].b[1] - pc[i].a[1], 2));
    }
    assert_true(seen[0] && seen[1] && seen[2]);
    assert_close(len, 10 + sqrt(125.0), 1e-5);
    free(pc);
    morph_free(&m);
}

/* node_index_exact, and SEC(X).VAR parsing. */
static void test_locations(void **state)
{
    struct morph *m = load(layout_csv, 4096);
    char var[32];
    double x;
    int rev = morph_find(m, "rev"), dend = morph_find(m, "dend");
    (void)state;
    assert_int_equal(morph_node_index(&m->sec[dend], 0), -1);
    assert_int_equal(morph_node_index(&m->sec[dend], 1), 3);
    assert_int_equal(morph_node_index(&m->sec[dend], 1 / 3.0), 1);
    assert_int_equal(morph_node_index(&m->sec[dend], 0.5), 1);
    assert_int_equal(morph_node_index(&m->sec[rev], 1), -1); /* attached by its 1 end */
    assert_int_equal(morph_node_index(&m->sec[rev], 0), 2);
    assert_int_equal(morph_node_index(&m->sec[rev], 0.75), 0); /* mirrored */
    assert_int_equal(morph_parse_loc(m, "dend(0.9).v", &x, var, sizeof var), dend);
    assert_close(x, 0.9, 0);
    assert_string_equal(var, "v");
    assert_int_equal(morph_parse_loc(m, "dend(0.25)", &x, var, sizeof var), dend);
    assert_string_equal(var, "");
    assert_int_equal(morph_parse_loc(m, "dend.m_hh", &x, var, sizeof var), dend);
    assert_close(x, 0.5, 0);
    assert_string_equal(var, "m_hh");
    assert_int_equal(morph_parse_loc(m, "axon(0.5).v", &x, var, sizeof var), -1);
    assert_int_equal(morph_parse_loc(m, "dend(1.5).v", &x, var, sizeof var), -2);
    assert_int_equal(morph_parse_loc(m, "dend(abc).v", &x, var, sizeof var), -2);
    assert_int_equal(morph_parse_loc(m, "t", &x, var, sizeof var), -1);
    morph_free(&m);
}

/* Distances as NEURON's distance(), and the path through the common ancestor. */
static void test_path(void **state)
{
    struct morph *m = load(layout_csv, 4096);
    struct morph_stop *st = NULL;
    int soma = morph_find(m, "soma"), dend = morph_find(m, "dend"), ap1 = morph_find(m, "ap1"),
        rev = morph_find(m, "rev"), r2 = morph_find(m, "r2"), n;
    double d, total;
    (void)state;
    assert_int_equal(morph_distance(m, soma, 0.5, dend, 0.5, &d), 0);
    assert_close(d, 5 + 50, 1e-12);
    assert_int_equal(morph_distance(m, soma, 0.5, soma, 0.1, &d), 0);
    assert_close(d, 0, 0); /* nseg 1: both are the one node */
    assert_int_equal(morph_distance(m, ap1, 1, dend, 0, &d), 0);
    assert_close(d, 50 + 5, 1e-12); /* dend(0) is soma's 1-end node, 5 from soma(0.5) */
    /* rev hangs from dend's segment 0 centre (100/6) by its 1 end */
    assert_int_equal(morph_distance(m, rev, 0, dend, 0.9, &d), 0);
    assert_close(d, 30 + (100 * 2.5 / 3 - 100 / 6.0), 1e-9);
    assert_int_equal(morph_distance(m, soma, 0.5, r2, 0.5, &d), -1);

    n = morph_path(m, dend, 0.9, ap1, 0.3, &st, &total);
    assert_int_equal(n, 3 + 1 + 1);
    assert_int_equal(st[0].sec, dend);
    assert_int_equal(st[0].seg, 2);
    assert_close(st[0].dist, 0, 1e-12);
    assert_close(st[2].dist, 100 * 2 / 3.0, 1e-9);
    assert_int_equal(st[3].sec, soma);
    assert_close(st[3].dist, 100 * 2.5 / 3 + 5, 1e-9);
    assert_int_equal(st[4].sec, ap1);
    assert_int_equal(st[4].seg, 0);
    assert_close(st[4].dist, 100 * 2.5 / 3 + 5 + 12.5, 1e-9);
    assert_close(total, st[4].dist, 1e-12);
    free(st);
    assert_int_equal(morph_path(m, soma, 0.5, r2, 0.5, &st, &total), -2);
    morph_free(&m);
}

/* Bad input: one message "NAME:LINE: ...". */
static void check_bad(const char *text, const char *want)
{
    struct morph *m = load(text, 5);
    if (strcmp(morph_error(m), want) != 0)
        fail_msg("got '%s', want '%s'", morph_error(m), want);
    morph_free(&m);
}

#define HDR "kind,section,index,object,name,value,x,y,z,diam\n"

static void test_errors(void **state)
{
    (void)state;
    check_bad("", "model.csv:1: empty input: no header line");
    check_bad("t,v\n0,1\n", "model.csv:1: not a model CSV: the header must be "
                            "kind,section,index,object,name,value,x,y,z,diam");
    check_bad("# c\n" HDR, "model.csv:2: no sections in the model");
    check_bad(HDR "section,a,,,,,,,,\nfrob,a,,,,,,,,\n", "model.csv:3: unknown row kind 'frob'");
    check_bad(HDR "prop,a,,,L,3,,,,\n",
              "model.csv:2: no section named 'a' (sections are created by 'section' rows first)");
    check_bad(HDR "section,a,,,,,,,,\nsection,a,,,,,,,,\n", "model.csv:3: section 'a' is created twice");
    check_bad(HDR "section,a,,,,,,,,\nprop,a,,,nseg,0,,,,\n",
              "model.csv:3: nseg of a must be a whole number from 1 to 32767, not 0");
    check_bad(HDR "section,a,,,,,,,,\nprop,a,,,L,x,,,,\n", "model.csv:3: L of a is not a number: 'x'");
    check_bad(HDR "section,a,,,,,,,,\npt3d,a,0,,,,1,2,,1\n",
              "model.csv:3: pt3d of a needs x, y, z and diam numbers");
    check_bad(HDR "section,a,,,,,,,,\npt3d,a,1,,,,1,2,3,1\n",
              "model.csv:3: pt3d index '1' of a: want 0 (points in order)");
    check_bad(HDR "section,a,,,,,,,,\nsection,b,,,,,,,,\nconnect,b,0,a,,2,,,,\n",
              "model.csv:4: connect: the position on a must be in [0,1], not '2'");
    check_bad(HDR "section,a,,,,,,,,\nsection,b,,,,,,,,\nconnect,b,0,a,,1,,,,\nconnect,a,0,b,,1,,,,\n",
              "model.csv:5: connecting a to b would make a loop");
    check_bad(HDR "section,a,,,,,,,,\nseg,a,3,,diam,2,,,,\n",
              "model.csv:3: segment index '3' out of range for a (nseg 1)");
    check_bad(HDR "section,a,,,,,,,,\nrange,a,,,diam,-1,,,,\n",
              "model.csv:3: diam of a must be a positive number, not '-1'");
    check_bad(HDR "section,a\n", "model.csv:2: row has 2 fields, the header has 10");
    check_bad(HDR "section,\"a,,,,,,,,\n", "model.csv:2: malformed CSV: unterminated quoted field");
}

/* A last line without a newline, CRLF line ends, comments and blank lines. */
static void test_format(void **state)
{
    struct morph *m;
    (void)state;
    m = load("# x\r\n" "kind,section,index,object,name,value,x,y,z,diam\r\n\r\n# y\r\n"
             "section,a,,,,,,,,\r\nprop,a,,,L,7,,,,\r\nglobal,,,,dt,0.025,,,,\r\n"
             "seg,a,0,,diam,3,,,,", 3);
    assert_string_equal(morph_error(m), "");
    assert_int_equal(m->nsec, 1);
    assert_close(m->sec[0].L, 7, 0);
    assert_close(m->sec[0].diam[0], 3, 0);
    assert_int_equal(m->sec[0].npt, 3);
    morph_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_define_shape), cmocka_unit_test(test_pieces),
        cmocka_unit_test(test_locations),    cmocka_unit_test(test_path),
        cmocka_unit_test(test_errors),       cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
