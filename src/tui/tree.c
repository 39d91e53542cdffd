/*
** tree.c: the rows of the topology tree: the globals, then every section in the order
** NEURON's topology() prints them (read from nrn_topology, so the order is NEURON's to the
** character), each followed by its point processes and then its children, depth first;
** then the artificial cells and the NetCons. Folding a section hides the rows under it.
*/
#include <stdlib.h>
#include <string.h>

#include "tui.h"

static int tree_push(struct tree *t, int kind, int id, int depth)
{
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 64;
        struct tree_row *r = realloc(t->row, sizeof *r * (size_t)cap);
        if (!r)
            return -1;
        t->row = r;
        t->cap = cap;
    }
    t->row[t->n].kind = kind;
    t->row[t->n].id = id;
    t->row[t->n].depth = depth;
    t->row[t->n].kids = 0;
    t->n++;
    return 0;
}

/* Section ids in topology order: the last word of each line of nrn_topology, less its
** "(0-1)". Returns how many were found (at most max). */
static int tree_order(nrn_model *m, int *ids, int max)
{
    char *text = nrn_topology(m), *line, *save = NULL;
    int n = 0;
    if (!text)
        return -1;
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *w = strrchr(line, ' '), *paren;
        w = w ? w + 1 : line;
        if ((paren = strrchr(w, '(')) == NULL)
            continue;
        *paren = '\0';
        int id = nrn_section_find(m, w);
        if (id >= 0 && n < max)
            ids[n++] = id;
    }
    free(text);
    return n;
}

int tree_build(struct tree *t, nrn_model *m)
{
    int nsec = nrn_section_count(m), npp = nrn_pp_count(m), nnc = nrn_netcon_count(m);
    /* per section: topology order, depth, its row; per point process: its section */
    int *order = malloc(sizeof(int) * (size_t)(4 * nsec + npp + 1));
    int *depth = order + nsec, *rowof = depth + nsec, *ppsec = rowof + nsec;
    int *ppfirst = ppsec + npp, n;

    if (!order)
        return -1;
    if (nsec > t->nfold) {
        unsigned char *f = realloc(t->fold, (size_t)nsec);
        if (!f) {
            free(order);
            return -1;
        }
        memset(f + t->nfold, 0, (size_t)(nsec - t->nfold));
        t->fold = f;
        t->nfold = nsec;
    }
    t->n = 0;
    n = tree_order(m, order, nsec);
    if (n < 0 || tree_push(t, ROW_GLOBALS, 0, 0)) {
        free(order);
        return -1;
    }
    for (int i = 0; i < nsec; i++)
        ppfirst[i] = -1;
    for (int k = npp - 1; k >= 0; k--) { /* ppfirst: a section's first pp; ppsec then links */
        int s = -1;
        if (nrn_pp_name(m, k) && nrn_pp_loc(m, k, &s, NULL) == NRN_OK && s >= 0 && s < nsec) {
            ppsec[k] = ppfirst[s];
            ppfirst[s] = k;
        }
    }
    /* topology order lists a parent before its children */
    for (int i = 0; i < n; i++) {
        int sec = order[i], p = -1;
        nrn_section_parent(m, sec, &p, NULL, NULL);
        depth[sec] = p >= 0 ? depth[p] + 1 : 0;
        rowof[sec] = t->n;
        if (tree_push(t, ROW_SECTION, sec, depth[sec]))
            break;
        if (p >= 0)
            t->row[rowof[p]].kids = 1;
        for (int k = ppfirst[sec]; k >= 0; k = ppsec[k]) {
            t->row[rowof[sec]].kids = 1;
            tree_push(t, ROW_PP, k, depth[sec] + 1);
        }
    }
    for (int k = 0; k < npp; k++) {
        int s = 0;
        if (nrn_pp_name(m, k) && nrn_pp_loc(m, k, &s, NULL) == NRN_OK && s < 0)
            tree_push(t, ROW_PP, k, 0);
    }
    for (int k = 0; k < nnc; k++)
        if (nrn_netcon_name(m, k))
            tree_push(t, ROW_NETCON, k, 0);
    free(order);
    tree_refold(t);
    if (!tree_select(t, t->selkind, t->selid))
        tree_select_vis(t, t->sel);
    return 0;
}

void tree_free(struct tree *t)
{
    free(t->row);
    free(t->fold);
    free(t->vis);
    memset(t, 0, sizeof *t);
}

void tree_refold(struct tree *t)
{
    int hide = -1;
    int *v = realloc(t->vis, sizeof *v * (size_t)(t->n + 1));
    if (!v)
        return;
    t->vis = v;
    t->nvis = 0;
    for (int r = 0; r < t->n; r++) {
        const struct tree_row *w = &t->row[r];
        if (hide >= 0 && w->depth > hide)
            continue;
        hide = -1;
        t->vis[t->nvis++] = r;
        if (w->kind == ROW_SECTION && w->id < t->nfold && t->fold[w->id] && w->kids)
            hide = w->depth;
    }
}

void tree_select_vis(struct tree *t, int i)
{
    if (t->nvis == 0)
        return;
    if (i < 0)
        i = 0;
    if (i >= t->nvis)
        i = t->nvis - 1;
    if (t->row[t->vis[i]].kind != t->selkind || t->row[t->vis[i]].id != t->selid)
        t->seg = -1; /* a new section: its middle segment */
    t->sel = i;
    t->selkind = t->row[t->vis[i]].kind;
    t->selid = t->row[t->vis[i]].id;
}

int tree_select(struct tree *t, int kind, int id)
{
    for (int i = 0; i < t->nvis; i++)
        if (t->row[t->vis[i]].kind == kind && t->row[t->vis[i]].id == id) {
            int seg = t->seg;
            tree_select_vis(t, i);
            t->seg = seg;
            return 1;
        }
    return 0;
}

int tree_section(const struct tree *t)
{
    return t->selkind == ROW_SECTION ? t->selid : -1;
}

double tree_seg_x(const struct tree *t, nrn_model *m, int sec)
{
    double v = 1;
    int nseg;
    nrn_section_get(m, sec, NRN_SEC_NSEG, &v);
    nseg = (int)v;
    if (nseg < 1)
        nseg = 1;
    int seg = t->seg;
    if (seg < 0 || seg >= nseg)
        seg = nseg / 2;
    return (seg + 0.5) / nseg;
}

/* Appends the names of the density mechanisms inserted in sec (not ions). */
static void tree_mechs(nrn_model *m, int sec, char *buf, size_t n)
{
    size_t len = strlen(buf);
    for (int i = 0; i < nrn_mech_count(m) && len + 2 < n; i++) {
        if (nrn_mech_kind_of(m, i) != NRN_DENSITY || !nrn_has_mech(m, sec, nrn_mech_name(m, i)))
            continue;
        snprintf(buf + len, n - len, " %s", nrn_mech_name(m, i));
        len += strlen(buf + len);
    }
}

void tree_text(const struct tree *t, nrn_model *m, int i, int ascii, char *buf, size_t n)
{
    const struct tree_row *w = &t->row[t->vis[i]];
    char ind[128];
    int d = w->depth * 2 < (int)sizeof ind - 1 ? w->depth * 2 : (int)sizeof ind - 1;
    memset(ind, ' ', (size_t)d);
    ind[d] = '\0';
    switch (w->kind) {
    case ROW_GLOBALS:
        snprintf(buf, n, "%s globals", ascii ? "*" : "\u25c6");
        break;
    case ROW_SECTION: {
        double ns = 1;
        const char *mark = !w->kids ? " " : t->fold[w->id] ? (ascii ? "+" : "\u25b8")
                                                             : (ascii ? "-" : "\u25be");
        nrn_section_get(m, w->id, NRN_SEC_NSEG, &ns);
        snprintf(buf, n, "%s%s %s [%d]", ind, mark, nrn_section_name(m, w->id), (int)ns);
        tree_mechs(m, w->id, buf, n);
        break;
    }
    case ROW_PP: {
        int sec = -1;
        double x = 0;
        nrn_pp_loc(m, w->id, &sec, &x);
        if (sec >= 0)
            snprintf(buf, n, "%s%s %s %s(%g)", ind, ascii ? "o" : "\u2022", nrn_pp_name(m, w->id),
                     nrn_pp_type(m, w->id), x);
        else
            snprintf(buf, n, "%s %s %s", ascii ? "o" : "\u2022", nrn_pp_name(m, w->id),
                     nrn_pp_type(m, w->id));
        break;
    }
    default: {
        int tg = nrn_netcon_target(m, w->id);
        snprintf(buf, n, "%s %s %s %s %s", ascii ? ">" : "\u2192", nrn_netcon_name(m, w->id),
                 nrn_netcon_source(m, w->id), ascii ? "->" : "\u2192",
                 tg >= 0 && nrn_pp_name(m, tg) ? nrn_pp_name(m, tg) : "(none)");
        break;
    }
    }
}
