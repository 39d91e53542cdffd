/*
** asc.c: Neurolucida ASCII (.asc) import as NEURON 8.2.2 does it: Import3d_Neurolucida3
** (read_nlcda3.hoc) reads the file, then Import3d_GUI.instantiate (morph_instantiate in
** swc.c) creates the sections.
**
** The reader is a port of the hoc one, piece by piece:
**  - the lexer works line by line as File.gets + remove_trailspace + the sscanf patterns
**    of lex() do (numbers are glibc's "%lf", i.e. doubles; text after an '@' is lost as
**    "%[^@]" loses it);
**  - the recursive-descent parser follows the hoc productions, including the tree/text
**    rollback, the global point list (points of markers at the start of a branch belong
**    to the branch), the global property list that decides a tree's type, need_extra
**    (a branch not starting within 1e-11 of its parent's last point gets a copy of it as
**    its first 3-D point: newsec's "first" is a local, so no wire), and hoc's fuzzy
**    comparisons (float_epsilon 1e-11) wherever the hoc code compares numbers;
**  - connect2soma moves the soma contours first, groups overlapping ones into a stack and
**    hangs every tree root on the soma whose bounding box holds its first point (or the
**    nearest soma centre), through the contour centre (contourcenter: 100 perimeter
**    steps, Vector.interpolate, mean);
**  - at instantiate, a soma contour becomes contour2centroid's 21 points along the major
**    axis (Matrix.symmeig = meschach Hfactor + makeHQ + trieig, ported with the same
**    operation order), a stack the centres and mean diameters of its contours.
** The whole file is read and checked before the model is touched: a malformed file gives
** NRN_EFORMAT "FILE:LINE: what is wrong" and leaves the model unchanged. Where NEURON
** 8.2.2 fails on a file (hangs on an unclosed marker, stops on a trailing tab) or quietly
** drops the rest of it (an extra ')'), this reader either reads it as evidently meant
** (white space only rest of line) or reports the error.
**
** Files: asc_parse.c is the lexer and parser, asc_soma.c the soma-contour geometry
** (connect2soma, contour centres and centroids, the symmetric eigen decomposition); this
** file holds the shared error helpers and nrn_load_asc, which runs them and instantiates
** the result. asc_int.h is their private interface.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc_int.h"

/* ------------------------------------------------------------------------------------
** Errors (declared in asc_int.h)
*/

void asc_fail(struct asc *a, int line, const char *fmt, ...)
{
    if (a->rc)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    a->rc = model_err(a->m, NRN_EFORMAT, "%s:%d: %s", a->path, line, msg);
}

void asc_nomem(struct asc *a)
{
    if (!a->rc)
        a->rc = model_err(a->m, NRN_ENOMEM, "%s: out of memory", a->path);
}

/* ------------------------------------------------------------------------------------
** nrn_load_asc
*/

static void asc_free(struct asc *a)
{
    free(a->tok), free(a->str);
    free(a->px), free(a->py), free(a->pz), free(a->pd), free(a->pline);
    for (int i = 0; i < a->nsec; i++)
        free(a->sec[i].x), free(a->sec[i].y), free(a->sec[i].z), free(a->sec[i].d);
    free(a->sec);
}

/* Copies the points of c (or s when c is NULL) into morph section ms. */
static int put_points(struct morph_sec *ms, const struct asec *s, const struct centroid *c)
{
    int n = c ? c->n : s->npt;
    for (int k = 0; k < n; k++) {
        int rc = c ? morph_sec_push(ms, c->x[k], c->y[k], c->z[k], c->d[k])
                   : morph_sec_push(ms, s->x[k], s->y[k], s->z[k], s->d[k]);
        if (rc)
            return -1;
    }
    return 0;
}

int nrn_load_asc(nrn_model *m, const char *path, const char *prefix, int *first, int *count,
                 char *note, size_t notesize)
{
    int status = morph_load_begin(m, path, "load_asc", note, notesize);
    if (status != NRN_OK)
        return status;
    size_t len = 0;
    char *buf = morph_slurp(path, &len);
    if (!buf)
        return model_err(m, NRN_EIO, "%s: cannot read: %s", path, strerror(errno));
    struct asc a;
    memset(&a, 0, sizeof a);
    a.m = m, a.path = path, a.lastprop = -1, a.parentsec = -1, a.lenient_tok = -1;
    struct morph mo = {0};
    int *order = NULL, *pos = NULL;
    char mynote[1024] = "", t[256];
    asc_parse_lex(&a, buf, len);
    free(buf);
    if (a.rc)
        goto out;
    if (a.tok[0].type == T_EOF) {
        asc_fail(&a, a.nlines ? a.nlines : 1, "no data (empty file or only comments)");
        goto out;
    }
    /* p_file */
    if (asc_parse_file(&a))
        goto out;
    if (a.nsec == 0) {
        asc_fail(&a, a.nlines ? a.nlines : 1,
                 "no sections: neither a CellBody contour nor a tree in the file");
        goto out;
    }
    order = malloc(sizeof(int) * (size_t)a.nsec);
    pos = malloc(sizeof(int) * (size_t)a.nsec);
    if (!order || !pos || asc_soma_connect(&a, order)) {
        asc_nomem(&a);
        goto out;
    }
    /* the Import3d section list, contours replaced by their centroids */
    for (int i = 0; i < a.nsec; i++)
        pos[order[i]] = i;
    for (int i = 0; i < a.nsec; i++) {
        const struct asec *s = &a.sec[order[i]];
        int k = morph_add(&mo);
        if (k < 0) {
            asc_nomem(&a);
            goto out;
        }
        struct morph_sec *ms = &mo.sec[k];
        ms->id = s->id;
        ms->line = s->line;
        ms->first = s->first;
        ms->parent = s->parent >= 0 ? pos[s->parent] : -1;
        ms->parentx = s->parentx;
        ms->type = s->type;
        ms->removed = s->is_subsidiary;
        int rc = 0;
        if (s->iscontour && !s->is_subsidiary) {
            struct centroid c = {0};
            rc = asc_soma_points(&a, order[i], &c);
            if (rc > 0) {
                asc_fail(&a, s->cline, "degenerate soma contour (no major axis)");
                goto out;
            }
            ms->first = 0;
            if (rc || put_points(ms, s, &c)) {
                asc_soma_centroid_free(&c);
                asc_nomem(&a);
                goto out;
            }
            asc_soma_centroid_free(&c);
        } else if (put_points(ms, s, NULL)) {
            asc_nomem(&a);
            goto out;
        }
    }
    a.rc = morph_instantiate(m, &mo, path, prefix, first, count);
    if (a.rc)
        goto out;
    /* the note */
    {
        int nsoma = 0, nstack = 0;
        for (int i = 0; i < a.nsec; i++)
            if (a.sec[i].iscontour && !a.sec[i].is_subsidiary) {
                nsoma++;
                if (a.sec[i].stack_next >= 0)
                    nstack++;
            }
        if (nsoma == 0)
            snprintf(t, sizeof t, "no soma contour: the trees are not connected");
        else if (nstack)
            snprintf(t, sizeof t, "soma: %d contour%s (%d stack%s of contours, each a "
                     "cylinder through its circles)", nsoma, nsoma == 1 ? "" : "s", nstack,
                     nstack == 1 ? "" : "s");
        else
            snprintf(t, sizeof t, "soma: %d contour%s (first at line %d), each drawn as "
                     "its centroid along its major axis; trees wired to its centre", nsoma,
                     nsoma == 1 ? "" : "s", a.sec[order[0]].cline);
        morph_note_add(mynote, sizeof mynote, t);
        if (a.nfar) {
            snprintf(t, sizeof t, "%d tree%s starting outside the soma bounding boxes (first "
                     "at line %d) connected to the nearest soma centre", a.nfar,
                     a.nfar == 1 ? "" : "s", a.farline);
            morph_note_add(mynote, sizeof mynote, t);
        }
        if (a.nshort) {
            snprintf(t, sizeof t, "%d CellBody contour%s with fewer than 3 points ignored "
                     "(first at line %d)", a.nshort, a.nshort == 1 ? "" : "s", a.shortline);
            morph_note_add(mynote, sizeof mynote, t);
        }
        if (a.lenient_tok >= 0 && a.lenient_tok < a.ntok - 1) {
            snprintf(t, sizeof t, "line %d ends in white space other than blanks, read as "
                     "blank (NEURON 8.2.2 stops there with a parse error)", a.lenient_line);
            morph_note_add(mynote, sizeof mynote, t);
        }
        if (a.nspine) {
            snprintf(t, sizeof t, "%d spine%s ignored", a.nspine, a.nspine == 1 ? "" : "s");
            morph_note_add(mynote, sizeof mynote, t);
        }
        if (mo.nremoved) {
            snprintf(t, sizeof t, "%d zero-length section%s dropped as Import3d does",
                     mo.nremoved, mo.nremoved == 1 ? "" : "s");
            morph_note_add(mynote, sizeof mynote, t);
        }
        if (note && notesize)
            snprintf(note, notesize, "%s", mynote);
    }
out:;
    int rc = a.rc;
    free(order), free(pos);
    morph_release(&mo);
    asc_free(&a);
    return rc;
}

