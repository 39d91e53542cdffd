/*
** ref.c: value paths (man nrn-tcl, "VALUE PATHS"): parsing a path such as
** "soma(0.5).m_hh", "dend.L", "ic.amp" or "celsius" into an nrn_ref, and reading or
** writing the number it names. Unknown names get a message with the closest valid name.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

enum ref_kind { REF_GLOBAL, REF_MGLOBAL, REF_NODE_V, REF_SEG, REF_SEG_MECH, REF_SEC,
                REF_SEC_RANGE, REF_PP, REF_NC };
enum nc_var { NCV_THRESHOLD, NCV_DELAY, NCV_ACTIVE, NCV_WEIGHT0 };
enum seg_var { SEGV_DIAM, SEGV_CM, SEGV_AREA, SEGV_RI, SEGV_ICAP, SEGV_V, SEGV_VOLUME };
enum glob_var { G_T, G_DT, G_CELSIUS, G_TSTOP, G_VINIT, G_SECONDORDER, G_STEPS, G_SEED };

static const char *const global_names[] = {
    "t", "dt", "celsius", "tstop", "v_init", "secondorder", "steps_per_ms", "seed", NULL,
};
static const char *const seg_names[] = { "diam", "cm", "area", "ri", "i_cap", "v", "volume",
                                          NULL };
static const char *const secprop_names[] = { "L", "diam", "nseg", "Ra", "cm", "rallbranch",
                                             NULL };

int nrn_ref_is_global(const nrn_ref *ref)
{
    return ref->kind == REF_GLOBAL || ref->kind == REF_MGLOBAL;
}

int nrn_ref_is_integer(const nrn_ref *ref)
{
    return (ref->kind == REF_SEC && ref->var == NRN_SEC_NSEG) ||
           (ref->kind == REF_GLOBAL && ref->var == G_SECONDORDER);
}

/* 1 if ref's obj is a NetCon id (else a point process id, when >= 0). */
int ref_obj_is_netcon(const nrn_ref *ref)
{
    return ref->kind == REF_NC;
}

int ref_obj_is_pp(const nrn_ref *ref)
{
    return ref->kind == REF_PP;
}

/* Index of s in a NULL-terminated table, or -1. */
static int table_find(const char *const *tab, const char *s)
{
    for (int i = 0; tab[i]; i++)
        if (strcmp(tab[i], s) == 0)
            return i;
    return -1;
}

/* Edit distance, for "did you mean" suggestions (short names only). */
static int edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    int row[64];
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int cur = row[j];
            int best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

/* Keeps the candidate closest to name in *best (within a distance of 2). */
static void suggest(const char *name, const char *cand, char *best, size_t size, int *bestd)
{
    int d = edit_distance(name, cand);
    if (d <= 2 && d < *bestd) {
        *bestd = d;
        snprintf(best, size, "%s", cand);
    }
}

/* Fills *ref for a mechanism variable named in suffix form ("gnabar_hh") or
** dotted form ("hh.gnabar"); 1 if found, 0 if not, -1 (message set) if the mechanism
** exists but is not inserted in s. */
static int find_range_var(nrn_model *m, const struct section *s, const char *name, nrn_ref *ref)
{
    const char *dot = strchr(name, '.');
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_type *d = m->types[t].d;
        if (d->kind != NRN_DENSITY && d->kind != NRN_ION)
            continue;
        size_t ln = strlen(d->name);
        for (int k = 0; k < d->nvar; k++) {
            const char *vn = d->vars[k].name;
            size_t lv = strlen(vn);
            int match;
            if (d->kind == NRN_ION)
                match = strcmp(name, vn) == 0;
            else if (dot)
                match = (size_t)(dot - name) == ln && strncmp(name, d->name, ln) == 0 &&
                        strcmp(dot + 1, vn) == 0;
            else
                match = strlen(name) == lv + 1 + ln && strncmp(name, vn, lv) == 0 &&
                        name[lv] == '_' && strcmp(name + lv + 1, d->name) == 0;
            if (!match)
                continue;
            if (!section_mech((struct section *)s, t)) {
                if (d->kind == NRN_ION)
                    model_err(m, NRN_ENOTFOUND,
                              "%s: no %.*s ion in %s (insert a mechanism that uses it)", name,
                              (int)(ln - 4), d->name, s->name);
                else
                    model_err(m, NRN_ENOTFOUND, "%s: %s is not inserted in %s", name, d->name,
                              s->name);
                return -1;
            }
            ref->mech = t;
            ref->var = k;
            return 1;
        }
    }
    return 0;
}

/* The closest variable name available in section s, for the error message. */
static void suggest_range(nrn_model *m, const struct section *s, const char *name, char *best,
                          size_t size, int *bestd)
{
    for (int i = 0; seg_names[i]; i++)
        suggest(name, seg_names[i], best, size, bestd);
    for (int k = 0; k < s->nmech; k++) {
        const nrn_mech_type *d = m->types[s->mech[k].type].d;
        for (int j = 0; j < d->nvar; j++) {
            char full[128];
            if (d->kind == NRN_ION)
                snprintf(full, sizeof full, "%s", d->vars[j].name);
            else
                snprintf(full, sizeof full, "%s_%s", d->vars[j].name, d->name);
            suggest(name, full, best, size, bestd);
        }
    }
}

/* SEC(X).VAR */
static int lookup_seg(nrn_model *m, int sec, double x, const char *var, nrn_ref *ref)
{
    const struct section *s = m->secs[sec];
    int k = table_find(seg_names, var);
    if (k == SEGV_V) {
        ref->kind = REF_NODE_V;
        return NRN_OK;
    }
    if (k >= 0) {
        ref->kind = REF_SEG;
        ref->var = k;
        return NRN_OK;
    }
    int f = find_range_var(m, s, var, ref);
    if (f < 0)
        return NRN_ENOTFOUND;
    if (f > 0) {
        ref->kind = REF_SEG_MECH;
        return NRN_OK;
    }
    char best[128] = "";
    int bestd = 99;
    suggest_range(m, s, var, best, sizeof best, &bestd);
    if (*best)
        return model_err(m, NRN_ENOTFOUND, "unknown variable \"%s\" at %s(%g); did you mean %s?",
                         var, s->name, x, best);
    return model_err(m, NRN_ENOTFOUND, "unknown variable \"%s\" at %s(%g)", var, s->name, x);
}

/* SEC.PROP, or a range variable of every segment. */
static int lookup_sec(nrn_model *m, int sec, const char *var, nrn_ref *ref)
{
    const struct section *s = m->secs[sec];
    int k = table_find(secprop_names, var);
    ref->sec = sec;
    if (k >= 0) {
        ref->kind = REF_SEC;
        ref->var = k;
        return NRN_OK;
    }
    if (strcmp(var, "v") == 0) {
        ref->kind = REF_SEC_RANGE;
        ref->mech = -1;
        ref->var = SEGV_V;
        return NRN_OK;
    }
    int f = find_range_var(m, s, var, ref);
    if (f < 0)
        return NRN_ENOTFOUND;
    if (f > 0) {
        ref->kind = REF_SEC_RANGE;
        return NRN_OK;
    }
    char best[128] = "";
    int bestd = 99;
    for (int i = 0; secprop_names[i]; i++)
        suggest(var, secprop_names[i], best, sizeof best, &bestd);
    suggest_range(m, s, var, best, sizeof best, &bestd);
    if (*best)
        return model_err(m, NRN_ENOTFOUND, "unknown variable \"%s\" of %s; did you mean %s?",
                         var, s->name, best);
    return model_err(m, NRN_ENOTFOUND, "unknown variable \"%s\" of %s", var, s->name);
}

/* Index of variable var of point-process type t ("delay" is IClamp's "del", and an
** array element "dur[1]" is the variable "dur1"). */
static int pp_var_index(const nrn_mech_type *d, const char *var)
{
    for (int k = 0; k < d->nvar; k++)
        if (strcmp(d->vars[k].name, var) == 0)
            return k;
    if (strcmp(var, "delay") == 0)
        return pp_var_index(d, "del");
    const char *br = strchr(var, '[');
    if (br && strlen(var) < 60) {
        char flat[64];
        int len = (int)(br - var), k;
        char tail;
        if (sscanf(br, "[%d%c", &k, &tail) == 2 && tail == ']' && k >= 0 && k < 10) {
            snprintf(flat, sizeof flat, "%.*s%d", len, var, k);
            return pp_var_index(d, flat);
        }
    }
    return -1;
}

/* NCNAME.VAR: threshold, delay, active, weight, weight[k] */
static int lookup_nc(nrn_model *m, int nc, const char *var, nrn_ref *ref)
{
    int k = -1;
    if (strcmp(var, "threshold") == 0)
        k = NCV_THRESHOLD;
    else if (strcmp(var, "delay") == 0)
        k = NCV_DELAY;
    else if (strcmp(var, "active") == 0)
        k = NCV_ACTIVE;
    else if (strcmp(var, "weight") == 0)
        k = NCV_WEIGHT0;
    else {
        int w;
        char tail;
        if (sscanf(var, "weight[%d%c", &w, &tail) == 2 && tail == ']') {
            if (w < 0 || w >= nrn_netcon_weight_count(m, nc))
                return model_err(m, NRN_EINVAL, "NetCon %s has %d weights, no %s",
                                 m->ncs[nc]->name, nrn_netcon_weight_count(m, nc), var);
            k = NCV_WEIGHT0 + w;
        }
    }
    if (k < 0)
        return model_err(m, NRN_ENOTFOUND,
                         "unknown variable \"%s\" of NetCon %s (threshold, delay, weight, "
                         "weight[k], active)", var, m->ncs[nc]->name);
    ref->kind = REF_NC;
    ref->obj = nc;
    ref->var = k;
    return NRN_OK;
}

/* OBJ.VAR */
static int lookup_pp(nrn_model *m, int pp, const char *var, nrn_ref *ref)
{
    const struct pproc *p = m->pps[pp];
    const nrn_mech_type *d = m->types[p->type].d;
    int k = pp_var_index(d, var);
    if (k < 0) {
        char best[128] = "";
        int bestd = 99;
        for (int j = 0; j < d->nvar; j++)
            suggest(var, d->vars[j].name, best, sizeof best, &bestd);
        if (*best)
            return model_err(m, NRN_ENOTFOUND, "unknown variable \"%s\" of %s (%s); did you mean %s?",
                             var, p->name, d->name, best);
        return model_err(m, NRN_ENOTFOUND, "unknown variable \"%s\" of %s (%s)", var, p->name,
                         d->name);
    }
    ref->kind = REF_PP;
    ref->obj = pp;
    ref->var = k;
    return NRN_OK;
}

/* A global: built-in ones, then mechanism globals such as usetable_hh. */
static int lookup_global(nrn_model *m, const char *name, nrn_ref *ref)
{
    int k = table_find(global_names, name);
    if (k >= 0) {
        ref->kind = REF_GLOBAL;
        ref->var = k;
        return NRN_OK;
    }
    char best[128] = "";
    int bestd = 99;
    for (int i = 0; global_names[i]; i++)
        suggest(name, global_names[i], best, sizeof best, &bestd);
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_type *d = m->types[t].d;
        for (int j = 0; j < d->nglobal; j++) {
            if (strcmp(d->globals[j].name, name) == 0) {
                ref->kind = REF_MGLOBAL;
                ref->mech = t;
                ref->var = j;
                return NRN_OK;
            }
            suggest(name, d->globals[j].name, best, sizeof best, &bestd);
        }
    }
    if (nrn_section_find(m, name) >= 0)
        return model_err(m, NRN_EINVAL, "\"%s\" is a section, not a value (try %s.L or %s(0.5).v)",
                         name, name, name);
    if (*best)
        return model_err(m, NRN_ENOTFOUND, "unknown variable \"%s\"; did you mean %s?", name, best);
    return model_err(m, NRN_ENOTFOUND, "unknown variable \"%s\"", name);
}

int nrn_ref_lookup(nrn_model *m, const char *path, nrn_ref *ref)
{
    nrn_ref r = { .kind = REF_GLOBAL, .sec = -1, .x = 0.5, .mech = -1, .var = -1, .obj = -1 };
    char buf[512];
    if (!path || !*path)
        return model_err(m, NRN_EINVAL, "empty value path");
    if (strlen(path) >= sizeof buf)
        return model_err(m, NRN_EINVAL, "value path too long");
    strcpy(buf, path);
    int rc;
    char *open = strchr(buf, '(');
    if (open) {
        *open = 0;
        int sec = nrn_section_find(m, buf);
        if (sec < 0)
            return model_err(m, NRN_ENOTFOUND, "no section named \"%s\"", buf);
        char *close = strchr(open + 1, ')');
        if (!close)
            return model_err(m, NRN_EINVAL, "bad value path \"%s\": missing ')'", path);
        *close = 0;
        char *end;
        double x = strtod(open + 1, &end);
        if (end == open + 1 || *end)
            return model_err(m, NRN_EINVAL, "bad value path \"%s\": \"%s\" is not a number", path,
                             open + 1);
        if (!(x >= 0 && x <= 1))
            return model_err(m, NRN_EINVAL, "x must be in [0,1], got %s", open + 1);
        if (close[1] != '.' || !close[2])
            return model_err(m, NRN_EINVAL,
                             "bad value path \"%s\": expected a variable after \"%s(%s)\", as in %s(%s).v",
                             path, buf, open + 1, buf, open + 1);
        r.sec = sec;
        r.x = x;
        rc = lookup_seg(m, sec, x, close + 2, &r);
    } else {
        rc = -1;
        /* Names may contain dots (cell7.soma): try every split, the longest owner first. */
        for (int i = (int)strlen(buf) - 1; i > 0 && rc < 0; i--) {
            if (buf[i] != '.')
                continue;
            buf[i] = 0;
            int pp = nrn_pp_find(m, buf), sec = pp < 0 ? nrn_section_find(m, buf) : -1;
            int nc = pp < 0 && sec < 0 ? nrn_netcon_find(m, buf) : -1;
            if (pp >= 0)
                rc = lookup_pp(m, pp, buf + i + 1, &r);
            else if (nc >= 0)
                rc = lookup_nc(m, nc, buf + i + 1, &r);
            else if (sec >= 0)
                rc = lookup_sec(m, sec, buf + i + 1, &r);
            else
                buf[i] = '.';
        }
        if (rc < 0) {
            if (strchr(buf, '.')) {
                char owner[512];
                snprintf(owner, sizeof owner, "%.*s", (int)(strchr(buf, '.') - buf), buf);
                return model_err(m, NRN_ENOTFOUND, "no section or object named \"%s\"", owner);
            }
            rc = lookup_global(m, buf, &r);
        }
    }
    if (rc == NRN_OK)
        *ref = r;
    return rc;
}

/* Node of the segment of s containing x (mechanism variables, diam, cm). */
static int seg_node(const struct section *s, double x)
{
    return sec_node(s, model_segment_of(s, x));
}

/*
** Pointer to the storage of ref in the compiled model, or NULL for a value that is
** computed (area, ri, i_cap) or lives outside the compiled arrays. Compiles if needed.
*/
double *ref_ptr(nrn_model *m, const nrn_ref *ref)
{
    if (ref->kind == REF_GLOBAL) {
        switch (ref->var) {
        case G_T: return &m->t;
        case G_DT: return &m->dt;
        case G_CELSIUS: return &m->celsius;
        case G_TSTOP: return &m->tstop;
        case G_VINIT: return &m->v_init;
        case G_STEPS: return &m->steps_per_ms;
        case G_SEED: return &m->seed;
        default: return NULL;
        }
    }
    if (ref->kind == REF_MGLOBAL)
        return &m->types[ref->mech].gvals[ref->var];
    if (model_compile(m) != NRN_OK)
        return NULL;
    switch (ref->kind) {
    case REF_NODE_V:
        return &m->v[model_node_of(m, ref->sec, ref->x, NULL, NULL)];
    case REF_SEG:
        return ref->var == SEGV_CM ? &m->cm[seg_node(m->secs[ref->sec], ref->x)] : NULL;
    case REF_SEG_MECH: {
        const struct section *s = m->secs[ref->sec];
        struct secmech *e = section_mech((struct section *)s, ref->mech);
        if (!e)
            return NULL;
        return &m->types[ref->mech].md.col[ref->var][secmech_inst(e, model_segment_of(s, ref->x))];
    }
    case REF_PP: {
        const struct pproc *p = ref->obj < m->npp ? m->pps[ref->obj] : NULL;
        return p ? &m->types[p->type].md.col[ref->var][p->inst] : NULL;
    }
    case REF_NC:
        return ref->var >= NCV_WEIGHT0 ? netcon_weight_ptr(m, ref->obj, ref->var - NCV_WEIGHT0)
                                       : NULL;
    default:
        return NULL;
    }
}

/* A printable name for ref: the value path it was parsed from, in canonical form. */
void ref_label(const nrn_model *m, const nrn_ref *ref, char *buf, size_t size)
{
    const char *sec = ref->sec >= 0 && ref->sec < m->nsec ? m->secs[ref->sec]->name : "";
    switch (ref->kind) {
    case REF_NODE_V:
        snprintf(buf, size, "%s(%g).v", sec, ref->x);
        return;
    case REF_SEG:
        snprintf(buf, size, "%s(%g).%s", sec, ref->x, seg_names[ref->var]);
        return;
    case REF_SEG_MECH: {
        const nrn_mech_type *d = m->types[ref->mech].d;
        if (d->kind == NRN_ION)
            snprintf(buf, size, "%s(%g).%s", sec, ref->x, d->vars[ref->var].name);
        else
            snprintf(buf, size, "%s(%g).%s_%s", sec, ref->x, d->vars[ref->var].name, d->name);
        return;
    }
    case REF_PP:
        snprintf(buf, size, "%s.%s", m->pps[ref->obj] ? m->pps[ref->obj]->name : "?",
                 m->types[m->pps[ref->obj] ? m->pps[ref->obj]->type : 0].d->vars[ref->var].name);
        return;
    case REF_GLOBAL:
        snprintf(buf, size, "%s", global_names[ref->var]);
        return;
    default:
        snprintf(buf, size, "%s", sec);
    }
}

/* The path of ref as nrn_ref_lookup reads it back to the same ref: ref_label with the
** segment's x in the digits that read back exactly and a mechanism global by name (setpointer sources). */
void ref_path(const nrn_model *m, const nrn_ref *ref, char *buf, size_t size)
{
    char lab[300], x[40];
    ref_label(m, ref, lab, sizeof lab);
    const char *close = strchr(lab, ')');
    fmt_num(ref->x, x, sizeof x);
    if ((ref->kind == REF_NODE_V || ref->kind == REF_SEG || ref->kind == REF_SEG_MECH) && close)
        snprintf(buf, size, "%s(%s%s", m->secs[ref->sec]->name, x, close);
    else if (ref->kind == REF_MGLOBAL)
        snprintf(buf, size, "%s", m->types[ref->mech].d->globals[ref->var].name);
    else
        snprintf(buf, size, "%s", lab);
}

/* Where v of sec(x) lives while the model is not compiled (spec 1.2: the attached end
** is the parent's node). */
static double *world_v(nrn_model *m, int sec, double x)
{
    struct section *s = m->secs[sec];
    if (x == s->childend) {
        if (s->parent < 0)
            return &s->vroot;
        return world_v(m, s->parent, s->parentx);
    }
    if (x == 1 - s->childend)
        return &s->v[s->nseg];
    return &s->v[model_segment_of(s, x)];
}

/*
** Pointer to the storage of ref in the model world (sections and objects) while the
** model is not compiled, so that setting parameters while building a model does not
** compile it again and again; NULL for what needs the compiled form.
*/
static double *world_ptr(nrn_model *m, const nrn_ref *ref)
{
    if (m->compiled)
        return NULL;
    switch (ref->kind) {
    case REF_NODE_V:
        return world_v(m, ref->sec, ref->x);
    case REF_SEG:
        if (ref->var != SEGV_CM)
            return NULL;
        return &m->secs[ref->sec]->cm[model_segment_of(m->secs[ref->sec], ref->x)];
    case REF_SEG_MECH: {
        struct section *s = m->secs[ref->sec];
        struct secmech *e = section_mech(s, ref->mech);
        int nv = m->types[ref->mech].d->nvar;
        return e ? &e->vals[model_segment_of(s, ref->x) * nv + ref->var] : NULL;
    }
    case REF_PP:
        return &m->pps[ref->obj]->vals[ref->var];
    default:
        return NULL;
    }
}

/* Checks that what ref names still exists (a point process may have been deleted). */
static int ref_valid(nrn_model *m, const nrn_ref *ref)
{
    if (ref->kind == REF_NC && (ref->obj < 0 || ref->obj >= m->nnc || !m->ncs[ref->obj]))
        return model_err(m, NRN_ENOTFOUND, "the NetCon of this value was deleted");
    if (ref->kind == REF_PP && (ref->obj < 0 || ref->obj >= m->npp || !m->pps[ref->obj]))
        return model_err(m, NRN_ENOTFOUND, "the object of this value was deleted");
    if (ref->sec >= m->nsec)
        return model_err(m, NRN_ENOTFOUND, "the section of this value was deleted");
    if ((ref->kind == REF_SEG_MECH || (ref->kind == REF_SEC_RANGE && ref->mech >= 0)) &&
        !section_mech(m->secs[ref->sec], ref->mech))
        return model_err(m, NRN_ENOTFOUND, "%s is no longer inserted in %s",
                         m->types[ref->mech].d->name, m->secs[ref->sec]->name);
    return NRN_OK;
}

int nrn_ref_get(nrn_model *m, const nrn_ref *ref, double *value)
{
    int rc = ref_valid(m, ref);
    if (rc)
        return rc;
    if (ref->kind == REF_GLOBAL && ref->var == G_SECONDORDER) {
        *value = m->secondorder;
        return NRN_OK;
    }
    if (ref->kind == REF_SEC)
        return nrn_section_get(m, ref->sec, (nrn_secprop)ref->var, value);
    if (ref->kind == REF_NC) {
        if (ref->var >= NCV_WEIGHT0) {
            *value = *netcon_weight_ptr(m, ref->obj, ref->var - NCV_WEIGHT0);
            return NRN_OK;
        }
        static const nrn_ncprop props[] = { NRN_NC_THRESHOLD, NRN_NC_DELAY, NRN_NC_ACTIVE };
        return nrn_netcon_get(m, ref->obj, props[ref->var], value);
    }
    double *w = world_ptr(m, ref);
    if (w) {
        *value = *w;
        return NRN_OK;
    }
    if (ref->kind != REF_SEC_RANGE && (rc = model_compile(m)))
        return rc;
    if (ref->kind == REF_SEC_RANGE) {
        nrn_ref r = *ref;
        r.kind = r.mech >= 0 ? REF_SEG_MECH : REF_NODE_V;
        r.x = 0.5;
        return nrn_ref_get(m, &r, value);
    }
    if (ref->kind == REF_SEG) {
        const struct section *s = m->secs[ref->sec];
        double x = ref->x;
        int nd = model_node_of(m, ref->sec, x, NULL, NULL);
        switch (ref->var) {
        case SEGV_DIAM: *value = s->diam[model_segment_of(s, x)]; return NRN_OK;
        case SEGV_AREA: *value = (x > 0 && x < 1) ? m->area[nd] : 0; return NRN_OK;
        case SEGV_RI: *value = m->rinv[nd] != 0 ? 1 / m->rinv[nd] : 1e30; return NRN_OK;
        case SEGV_ICAP: *value = .001 * m->cj * m->cm[nd] * m->rhs[nd]; return NRN_OK;
        case SEGV_VOLUME: return nrn_segment_volume(m, ref->sec, x, value);
        default: break;
        }
    }
    double *p = ref_ptr(m, ref);
    if (!p)
        return model_err(m, NRN_EINVAL, "value cannot be read");
    *value = *p;
    return NRN_OK;
}

/* Sets the diam of segment j of s (spec 1.5: with 3-D points, the points follow). */
static int set_seg_diam(nrn_model *m, int sec, double x, double value)
{
    if (!(value > 0))
        return model_err(m, NRN_EINVAL, "diam must be > 0, got %g", value);
    model_flush(m);
    struct section *s = m->secs[sec];
    s->diam[model_segment_of(s, x)] = value;
    if (s->npt >= 2 && !s->pt3dconst) {
        double L = s->arc[s->npt - 1];
        for (int i = 0; i < s->npt; i++) {
            double px = L > 0 ? s->arc[i] / L : 0;
            s->p3[4 * i + 3] = (float)s->diam[section_node_index(s->nseg, px > 1 ? 1 : px)];
        }
    }
    return NRN_OK;
}

static int set_global(nrn_model *m, int var, double value)
{
    if ((m->pinned & (1u << var)) && value != m->pin_value[var]) {
        if (m->notice_fn) {
            char msg[160];
            snprintf(msg, sizeof msg, "%s %g ignored: %s %g wins", global_names[var], value,
                     m->pin_why[var], m->pin_value[var]);
            m->notice_fn(m->notice_ud, m, msg);
        }
        return NRN_OK;
    }
    if (!isfinite(value))
        return model_err(m, NRN_EINVAL, "%s must be finite, got %g", global_names[var], value);
    switch (var) {
    case G_DT:
        if (!(value > 0))
            return model_err(m, NRN_EINVAL, "dt must be > 0, got %g", value);
        break;
    case G_SECONDORDER:
        if (value != 0 && value != 1 && value != 2)
            return model_err(m, NRN_EINVAL, "secondorder must be 0, 1 or 2, got %g", value);
        m->secondorder = (int)value;
        return NRN_OK;
    case G_STEPS:
        if (!(value > 0))
            return model_err(m, NRN_EINVAL, "steps_per_ms must be > 0, got %g", value);
        break;
    default:
        break;
    }
    nrn_ref r = { .kind = REF_GLOBAL, .var = var };
    *ref_ptr(m, &r) = value;
    return NRN_OK;
}

int nrn_ref_set(nrn_model *m, const nrn_ref *ref, double value)
{
    m->wseq++; /* see nrn_model.wseq */
    int rc = ref_valid(m, ref);
    if (rc)
        return rc;
    if (isnan(value))
        return model_err(m, NRN_EINVAL, "value must be a number, got NaN");
    switch (ref->kind) {
    case REF_GLOBAL:
        return set_global(m, ref->var, value);
    case REF_SEC:
        return nrn_section_set(m, ref->sec, (nrn_secprop)ref->var, value);
    case REF_NC: {
        if (ref->var >= NCV_WEIGHT0)
            return nrn_netcon_set_weight(m, ref->obj, ref->var - NCV_WEIGHT0, value);
        static const nrn_ncprop props[] = { NRN_NC_THRESHOLD, NRN_NC_DELAY, NRN_NC_ACTIVE };
        return nrn_netcon_set(m, ref->obj, props[ref->var], value);
    }
    case REF_SEG:
        if (ref->var == SEGV_DIAM)
            return set_seg_diam(m, ref->sec, ref->x, value);
        if (ref->var != SEGV_CM)
            return model_err(m, NRN_EINVAL, "%s is read-only", seg_names[ref->var]);
        if (!(value >= 0))
            return model_err(m, NRN_EINVAL, "cm must be >= 0, got %g", value);
        break;
    case REF_SEC_RANGE: {
        const struct section *s = m->secs[ref->sec];
        for (int j = 0; j < s->nseg; j++) {
            nrn_ref r = *ref;
            r.kind = r.mech >= 0 ? REF_SEG_MECH : REF_NODE_V;
            r.x = (j + 0.5) / s->nseg;
            if (s->childend == 1)
                r.x = 1 - r.x;
            if ((rc = nrn_ref_set(m, &r, value)))
                return rc;
        }
        return NRN_OK;
    }
    default:
        break;
    }
    double *p = world_ptr(m, ref);
    if (!p) {
        if ((rc = model_compile(m)))
            return rc;
        p = ref_ptr(m, ref);
    }
    if (!p)
        return model_err(m, NRN_EINVAL, "value cannot be set");
    *p = value;
    return NRN_OK;
}

int nrn_get(nrn_model *m, const char *path, double *value)
{
    nrn_ref r;
    int rc = nrn_ref_lookup(m, path, &r);
    return rc ? rc : nrn_ref_get(m, &r, value);
}

int nrn_pin(nrn_model *m, const char *name, double value, const char *why)
{
    m->wseq++; /* see nrn_model.wseq */
    nrn_ref r;
    int rc = nrn_ref_lookup(m, name, &r);
    if (rc)
        return rc;
    if (r.kind != REF_GLOBAL || r.var == G_T)
        return model_err(m, NRN_EINVAL, "%s is not a simulation global that can be pinned",
                         name);
    m->pinned &= ~(1u << r.var);
    if ((rc = set_global(m, r.var, value)))
        return rc;
    m->pinned |= 1u << r.var;
    m->pin_value[r.var] = value;
    snprintf(m->pin_why[r.var], sizeof m->pin_why[r.var], "%s", why ? why : name);
    return NRN_OK;
}

/* 1 if name is a global that nrn_pin fixed (the model CSV reader then skips it). */
int ref_pinned(nrn_model *m, const char *name)
{
    nrn_ref r;
    return nrn_ref_lookup(m, name, &r) == NRN_OK && r.kind == REF_GLOBAL &&
           (m->pinned & (1u << r.var)) != 0;
}

int nrn_set(nrn_model *m, const char *path, double value)
{
    nrn_ref r;
    int rc = nrn_ref_lookup(m, path, &r);
    return rc ? rc : nrn_ref_set(m, &r, value);
}
