/*
** names.c: a hash index from names to ids, so that finding a section or an object by
** name stays O(1) in models with tens of thousands of them.
*/
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* FNV-1a */
static unsigned names_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Id whose current name is name, or -1. */
int names_find(const nrn_model *m, const struct namemap *nm, const char *name, name_of_fn fn)
{
    if (!nm->cap)
        return -1;
    unsigned mask = (unsigned)nm->cap - 1;
    for (unsigned i = names_hash(name) & mask;; i = (i + 1) & mask) {
        int id = nm->ids[i];
        if (id < 0)
            return -1;
        const char *cur = fn(m, id);
        if (cur && strcmp(cur, name) == 0)
            return id;
    }
}

/* Inserts id under its name; grows the table (and rehashes live ids) when half full. */
int names_add(nrn_model *m, struct namemap *nm, const char *name, int id, name_of_fn fn)
{
    if (2 * (nm->n + 1) > nm->cap) {
        int cap = nm->cap ? 2 * nm->cap : 64;
        int *ids = model_alloc(m, sizeof(int) * (size_t)cap);
        if (!ids)
            return NRN_ENOMEM;
        for (int i = 0; i < cap; i++)
            ids[i] = -1;
        struct namemap grown = { cap, 0, ids };
        for (int i = 0; i < nm->cap; i++) {
            const char *cur = nm->ids[i] >= 0 ? fn(m, nm->ids[i]) : NULL;
            if (cur) {
                unsigned mask = (unsigned)cap - 1, k = names_hash(cur) & mask;
                while (ids[k] >= 0)
                    k = (k + 1) & mask;
                ids[k] = nm->ids[i];
                grown.n++;
            }
        }
        free(nm->ids);
        *nm = grown;
    }
    unsigned mask = (unsigned)nm->cap - 1, k = names_hash(name) & mask;
    while (nm->ids[k] >= 0)
        k = (k + 1) & mask;
    nm->ids[k] = id;
    nm->n++;
    return NRN_OK;
}

void names_free(struct namemap *nm)
{
    free(nm->ids);
    memset(nm, 0, sizeof *nm);
}
