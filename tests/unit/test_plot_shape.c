/*
** test_plot_shape.c: colour ramp, projection, automatic view, fitting and the shape frame
** (shape.c).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/plot/plot.h"

static void assert_close(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

/* Values map to ramp steps on [lo, hi], clamped; NaN has none. */
static void test_levels(void **state)
{
    char rgb[8];
    (void)state;
    assert_int_equal(SHAPE_LEVELS, 9);
    assert_int_equal(shape_level(-80, -80, 40), 0);
    assert_int_equal(shape_level(40, -80, 40), 8);
    assert_int_equal(shape_level(-20, -80, 40), 4);    /* the middle */
    assert_int_equal(shape_level(-66.7, -80, 40), 0);  /* 0.111 < 1/9 */
    assert_int_equal(shape_level(-66.6, -80, 40), 1);
    assert_int_equal(shape_level(-200, -80, 40), 0);   /* below the scale */
    assert_int_equal(shape_level(1e9, -80, 40), 8);    /* above */
    assert_int_equal(shape_level(NAN, -80, 40), -1);
    assert_int_equal(shape_ansi(0), 21);   /* blue */
    assert_int_equal(shape_ansi(8), 196);  /* red */
    assert_int_equal(shape_ansi(99), 196);
    assert_int_equal(shape_ascii(0), '0');
    assert_int_equal(shape_ascii(8), '8');
    assert_int_equal(shape_ascii(-1), '*');
    shape_rgb(0, rgb);
    assert_string_equal(rgb, "#0000ff");
    shape_rgb(1, rgb);
    assert_string_equal(rgb, "#ff0000");
    shape_rgb(0.5, rgb);
    assert_string_equal(rgb, "#00ff00");
    shape_rgb(-3, rgb);
    assert_string_equal(rgb, "#0000ff");
    shape_rgb(NAN, rgb);
    assert_string_equal(rgb, "#0000ff");
}

static void piece(struct morph_piece *p, double ax, double ay, double az, double bx, double by,
                  double bz, double d)
{
    memset(p, 0, sizeof *p);
    p->a[0] = ax;
    p->a[1] = ay;
    p->a[2] = az;
    p->b[0] = bx;
    p->b[1] = by;
    p->b[2] = bz;
    p->diam = d;
}

/* Projections and the plane of the largest extent. */
static void test_views(void **state)
{
    struct morph_piece pc[2];
    double p[3] = { 1, 2, 3 }, u, v;
    (void)state;
    shape_project(SHAPE_XY, p, &u, &v);
    assert_true(u == 1 && v == 2);
    shape_project(SHAPE_XZ, p, &u, &v);
    assert_true(u == 1 && v == 3);
    shape_project(SHAPE_YZ, p, &u, &v);
    assert_true(u == 2 && v == 3);
    assert_string_equal(shape_view_name(SHAPE_XZ), "xz");
    piece(&pc[0], 0, 0, 0, 100, 1, 50, 1); /* x 100, y 1, z 50 */
    piece(&pc[1], 0, 0, 0, 10, 0, 0, 1);
    assert_int_equal(shape_auto_view(pc, 2), SHAPE_XZ);
    piece(&pc[0], 0, 0, 0, 1, 100, 50, 1);
    assert_int_equal(shape_auto_view(pc, 1), SHAPE_YZ);
    piece(&pc[0], 0, 0, 0, 10, 10, 10, 1); /* ties keep x and y */
    assert_int_equal(shape_auto_view(pc, 1), SHAPE_XY);
    piece(&pc[0], 0, 0, 0, 10, 20, 0, 1);
    assert_int_equal(shape_auto_view(pc, 1), SHAPE_XY);
}

/* The fit keeps um per unit equal across and down (times the aspect) and centres. */
static void test_fit(void **state)
{
    struct morph_piece pc;
    struct shape_fit f;
    double x, y;
    (void)state;
    piece(&pc, 0, 0, 0, 100, 0, 0, 0);
    shape_fit_pieces(&f, &pc, 1, SHAPE_XY, 101, 51, 1.0);
    assert_close(f.upp, 1, 1e-12);
    shape_fit_map(&f, 0, 0, &x, &y);
    assert_close(x, 0, 1e-12);
    assert_close(y, 25, 1e-12); /* centred vertically */
    shape_fit_map(&f, 100, 0, &x, &y);
    assert_close(x, 100, 1e-12);
    /* a tall cell in ASCII cells (twice as high as wide): height decides */
    piece(&pc, 0, 0, 0, 0, 100, 0, 0);
    shape_fit_pieces(&f, &pc, 1, SHAPE_XY, 81, 26, 2.0);
    assert_close(f.upp, 2, 1e-12);
    shape_fit_map(&f, 0, 100, &x, &y);
    assert_close(y, 0, 1e-12); /* top */
    assert_close(x, 40, 1e-12);
    shape_fit_map(&f, 0, 0, &x, &y);
    assert_close(y, 25, 1e-12);
    /* radius counts */
    piece(&pc, 0, 0, 0, 100, 0, 0, 20);
    shape_fit_pieces(&f, &pc, 1, SHAPE_XY, 121, 121, 1.0);
    assert_close(f.upp, 1, 1e-12);
    assert_close(scale_unit(&(struct scale){ 0, 1, 0, 0, 1, 0 }, 0.5), 0.5, 0);
    assert_close(shape_scalebar(240), 200, 0);
    assert_close(shape_scalebar(99), 50, 0);
}

/* A small frame in ASCII: colour steps as digits, header, footer with both bars. */
static void test_render(void **state)
{
    struct morph_piece pc[2];
    double val[2] = { -80, 40 };
    struct shape_plot p;
    struct frame *f = frame_new(8);
    int i, zeros = 0, eights = 0;
    (void)state;
    piece(&pc[0], 0, 0, 0, 50, 0, 0, 0.5);
    piece(&pc[1], 50, 0, 0, 100, 0, 0, 0.5);
    memset(&p, 0, sizeof p);
    p.width = 40;
    p.height = 8;
    p.title = "T";
    p.ascii = 1;
    p.pc = pc;
    p.npc = 2;
    p.value = val;
    p.lo = -80;
    p.hi = 40;
    p.label = "v [mV]";
    assert_int_equal(shape_render(&p, f), 0);
    assert_string_equal(f->line[0], "T                               view xy");
    for (i = 1; i < 7; i++) {
        const char *s;
        for (s = f->line[i]; *s; s++) {
            zeros += *s == '0';
            eights += *s == '8';
        }
    }
    assert_true(zeros >= 18 && eights >= 18);
    assert_non_null(strstr(f->line[7], "v [mV] -80 012345678 40"));
    p.width = 19;
    assert_int_equal(shape_render(&p, f), -2);
    frame_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_render),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
