/*
** table.c: the rows of the parameter table for what the tree selects. For a section: L,
** nseg, Ra, then diam, cm and v at the selected segment, then every PARAMETER of every
** inserted mechanism and ion, found in the mechanism catalogue (nrn_mech_var), never
** listed here by name; a value that differs along the section is marked. For a point
** process or artificial cell: its type's PARAMETERs; for a NetCon: threshold, delay,
** weights, active; for the globals: the simulation's globals. Every row carries the value
** path Enter sets through `setval`, so the engine checks every edit.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "tui.h"

static struct prow *table_push(struct table *tb)
{
    if (tb->n == tb->cap) {
        int cap = tb->cap ? 2 * tb->cap : 32;
        struct prow *r = realloc(tb->row, sizeof *r * (size_t)cap);
        if (!r)
            return NULL;
        tb->row = r;
        tb->cap = cap;
    }
    memset(&tb->row[tb->n], 0, sizeof tb->row[0]);
    return &tb->row[tb->n++];
}

/* A heading row. */
static int table_heading(struct table *tb, const char *text)
{
    struct prow *r = table_push(tb);
    if (!r)
        return -1;
    r->heading = 1;
    snprintf(r->label, sizeof r->label, "%s", text);
    return 0;
}

/* The value of row path show: a value path, or "cvode:OPT" for a CVODE setting. */
static int table_get(nrn_model *m, const char *show, double *v)
{
    static const struct { const char *name; nrn_cvopt opt; } cv[] = {
        { "cvode:active", NRN_CV_ACTIVE }, { "cvode:atol", NRN_CV_ATOL },
        { "cvode:rtol", NRN_CV_RTOL }, { "cvode:maxstep", NRN_CV_MAXSTEP },
        { "cvode:condition_order", NRN_CV_CONDITION_ORDER }, { "cvode:local", NRN_CV_LOCAL },
    };
    for (size_t i = 0; i < sizeof cv / sizeof cv[0]; i++)
        if (strcmp(show, cv[i].name) == 0) {
            *v = nrn_cvode_get(m, cv[i].opt);
            return NRN_OK;
        }
    return nrn_get(m, show, v);
}

/* A value row: label, the path shown and set, the per-segment path, unit. */
static int table_value(struct table *tb, nrn_model *m, const char *label, const char *show,
                       const char *path, const char *segpath, const char *unit)
{
    struct prow *r = table_push(tb);
    double v;
    if (!r)
        return -1;
    snprintf(r->label, sizeof r->label, "%s", label);
    snprintf(r->path, sizeof r->path, "%s", path ? path : "");
    snprintf(r->segpath, sizeof r->segpath, "%s", segpath ? segpath : "");
    snprintf(r->unit, sizeof r->unit, "%s", unit ? unit : "");
    snprintf(r->show, sizeof r->show, "%s", show);
    if (table_get(m, show, &v) == NRN_OK)
        snprintf(r->value, sizeof r->value, "%.8g", v);
    else
        snprintf(r->value, sizeof r->value, "?");
    return 0;
}

/* 1 if var differs between the segments of sec. */
static int table_nonuniform(nrn_model *m, int sec, const char *var)
{
    double ns = 1, first = 0, v;
    char path[320], xb[NUMFMT_BUFSIZE];
    const char *name = nrn_section_name(m, sec);
    nrn_section_get(m, sec, NRN_SEC_NSEG, &ns);
    for (int j = 0; j < (int)ns; j++) {
        snprintf(path, sizeof path, "%s(%s).%s", name, numfmt_double(xb, (j + 0.5) / ns, 0), var);
        if (nrn_get(m, path, &v) != NRN_OK)
            return 0;
        if (j == 0)
            first = v;
        else if (!(v == first || (isnan(v) && isnan(first))))
            return 1;
    }
    return 0;
}

/* A row for a range variable var of section sec at x (seg and whole-section paths). */
static int table_range(struct table *tb, nrn_model *m, int sec, double x, const char *var,
                       const char *unit)
{
    char show[320], all[320], xb[NUMFMT_BUFSIZE];
    const char *name = nrn_section_name(m, sec);
    snprintf(show, sizeof show, "%s(%s).%s", name, numfmt_double(xb, x, 0), var);
    snprintf(all, sizeof all, "%s.%s", name, var);
    if (table_value(tb, m, var, show, all, show, unit))
        return -1;
    tb->row[tb->n - 1].nonuni = table_nonuniform(m, sec, var);
    return 0;
}

static int table_section(struct table *tb, nrn_model *m, const struct tree *t, int sec)
{
    const char *name = nrn_section_name(m, sec);
    double x = tree_seg_x(t, m, sec), ns = 1;
    char path[320], xb[NUMFMT_BUFSIZE];
    static const char *const props[] = { "L", "nseg", "Ra" };
    static const char *const units[] = { "um", "", "ohm cm" };
    int rc = 0;

    nrn_section_get(m, sec, NRN_SEC_NSEG, &ns);
    snprintf(tb->title, sizeof tb->title, "%s(%g)  segment %d of %d", name, x,
             (int)(x * ns) + 1, (int)ns);
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s.%s", name, props[i]);
        rc |= table_value(tb, m, props[i], path, path, NULL, units[i]);
    }
    rc |= table_range(tb, m, sec, x, "diam", "um");
    rc |= table_range(tb, m, sec, x, "cm", "uF/cm2");
    snprintf(path, sizeof path, "%s(%s).v", name, numfmt_double(xb, x, 0));
    rc |= table_value(tb, m, "v", path, path, path, "mV");
    for (int i = 0; i < nrn_mech_count(m) && rc == 0; i++) {
        int kind = nrn_mech_kind_of(m, i);
        const char *mech = nrn_mech_name(m, i);
        if ((kind != NRN_DENSITY && kind != NRN_ION) || !nrn_has_mech(m, sec, mech))
            continue;
        rc |= table_heading(tb, mech);
        for (int j = 0; j < nrn_mech_nvar(m, i); j++) {
            const nrn_var_info *vi = nrn_mech_var(m, i, j);
            char var[160];
            if (!vi || vi->role != NRN_PARAM)
                continue;
            if (kind == NRN_ION)
                snprintf(var, sizeof var, "%s", vi->name);
            else
                snprintf(var, sizeof var, "%s_%s", vi->name, mech);
            rc |= table_range(tb, m, sec, x, var, vi->unit);
        }
    }
    return rc;
}

static int table_pp(struct table *tb, nrn_model *m, int pp)
{
    const char *name = nrn_pp_name(m, pp), *type = nrn_pp_type(m, pp);
    int t = nrn_mech_find(m, type), sec = -1, rc = 0;
    double x = 0;
    nrn_pp_loc(m, pp, &sec, &x);
    if (sec >= 0)
        snprintf(tb->title, sizeof tb->title, "%s  %s at %s(%g)", name, type,
                 nrn_section_name(m, sec), x);
    else
        snprintf(tb->title, sizeof tb->title, "%s  %s (artificial cell)", name, type);
    for (int j = 0; j < nrn_mech_nvar(m, t) && rc == 0; j++) {
        const nrn_var_info *vi = nrn_mech_var(m, t, j);
        char path[320];
        if (!vi || vi->role != NRN_PARAM)
            continue;
        snprintf(path, sizeof path, "%s.%s", name, vi->name);
        rc |= table_value(tb, m, vi->name, path, path, NULL, vi->unit);
    }
    return rc;
}

static int table_netcon(struct table *tb, nrn_model *m, int nc)
{
    const char *name = nrn_netcon_name(m, nc);
    static const char *const vars[] = { "threshold", "delay", "active" };
    static const char *const units[] = { "mV", "ms", "" };
    char path[320];
    int rc = 0, tg = nrn_netcon_target(m, nc);
    snprintf(tb->title, sizeof tb->title, "NetCon %s: %s -> %s", name,
             nrn_netcon_source(m, nc), tg >= 0 && nrn_pp_name(m, tg) ? nrn_pp_name(m, tg) : "none");
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s.%s", name, vars[i]);
        rc |= table_value(tb, m, vars[i], path, path, NULL, units[i]);
    }
    for (int k = 0; k < nrn_netcon_weight_count(m, nc); k++) {
        char label[32];
        snprintf(label, sizeof label, "weight[%d]", k);
        snprintf(path, sizeof path, "%s.weight[%d]", name, k);
        rc |= table_value(tb, m, label, path, path, NULL, "");
    }
    return rc;
}

static int table_globals(struct table *tb, nrn_model *m)
{
    static const char *const g[] = { "celsius", "dt", "tstop", "v_init", "secondorder",
                                     "steps_per_ms" };
    static const char *const units[] = { "degC", "ms", "ms", "mV", "", "1/ms" };
    int rc = 0;
    snprintf(tb->title, sizeof tb->title, "globals");
    rc |= table_value(tb, m, "t", "t", NULL, NULL, "ms");
    for (int i = 0; i < 6; i++)
        rc |= table_value(tb, m, g[i], g[i], g[i], NULL, units[i]);
    /* the variable step's settings, edited through `cvode -OPTION value` (keys.c) */
    static const char *const cv[] = { "active", "atol", "rtol", "maxstep", "condition_order",
                                      "local" };
    static const char *const cvunits[] = { "", "", "", "ms", "", "" };
    for (int i = 0; i < 6; i++) {
        char label[40], show[40], path[40];
        snprintf(label, sizeof label, "cvode %s", cv[i]);
        snprintf(show, sizeof show, "cvode:%s", cv[i]);
        snprintf(path, sizeof path, "-%s", cv[i]);
        rc |= table_value(tb, m, label, show, path, NULL, cvunits[i]);
    }
    return rc;
}

int table_build(struct table *tb, nrn_model *m, const struct tree *t)
{
    int rc;
    tb->n = 0;
    tb->title[0] = '\0';
    switch (t->selkind) {
    case ROW_SECTION:
        rc = t->selid < nrn_section_count(m) ? table_section(tb, m, t, t->selid) : 0;
        break;
    case ROW_PP:
        rc = nrn_pp_name(m, t->selid) ? table_pp(tb, m, t->selid) : 0;
        break;
    case ROW_NETCON:
        rc = nrn_netcon_name(m, t->selid) ? table_netcon(tb, m, t->selid) : 0;
        break;
    default:
        rc = table_globals(tb, m);
        break;
    }
    if (tb->sel >= tb->n)
        tb->sel = tb->n > 0 ? tb->n - 1 : 0;
    return rc ? -1 : 0;
}

void table_values(struct table *tb, nrn_model *m)
{
    for (int i = 0; i < tb->n; i++) {
        struct prow *r = &tb->row[i];
        double v;
        if (!r->heading && r->show[0] && table_get(m, r->show, &v) == NRN_OK)
            snprintf(r->value, sizeof r->value, "%.8g", v);
    }
}

void table_free(struct table *tb)
{
    free(tb->row);
    memset(tb, 0, sizeof *tb);
}
