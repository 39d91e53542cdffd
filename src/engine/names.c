/*
** names.c: hash indexes from keys to ids, so that finding a section, an object, a NetCon,
** a vector or a spike source stays O(1) in models with tens of thousands of them.
** One open-addressing table serves every kind of key: callers give the key's hash and a
** test of whether an id matches it. Ids whose key no longer matches (deleted or rolled
** back objects) are skipped, so deletion needs no tombstones.
*/
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* FNV-1a over n bytes, continuing from h. */
static unsigned fnv(unsigned h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 16777619u;
    return h;
}

unsigned names_hash(const char *s)
{
    return fnv(2166136261u, s, strlen(s));
}

/* Field by field: nrn_ref has padding. x = 0.0 and -0.0 compare equal, so hash them alike. */
unsigned names_hash_ref(const nrn_ref *r)
{
    double x = r->x == 0 ? 0.0 : r->x;
    unsigned h = 2166136261u;
    h = fnv(h, &r->kind, sizeof r->kind);
    h = fnv(h, &r->sec, sizeof r->sec);
    h = fnv(h, &x, sizeof x);
    h = fnv(h, &r->mech, sizeof r->mech);
    h = fnv(h, &r->var, sizeof r->var);
    return fnv(h, &r->obj, sizeof r->obj);
}

int index_find(const nrn_model *m, const struct namemap *nm, unsigned hash, index_match_fn match,
               const void *key)
{
    if (!nm->cap)
        return -1;
    unsigned mask = (unsigned)nm->cap - 1;
    for (unsigned i = hash & mask;; i = (i + 1) & mask) {
        int id = nm->ids[i];
        if (id < 0)
            return -1;
        if (match(m, id, key))
            return id;
    }
}

static void slot_put(struct namemap *nm, unsigned hash, int id)
{
    unsigned mask = (unsigned)nm->cap - 1, k = hash & mask;
    while (nm->ids[k] >= 0)
        k = (k + 1) & mask;
    nm->ids[k] = id;
    nm->n++;
}

/* Grows the table when half full, keeping only the ids that are still live. */
int index_add(nrn_model *m, struct namemap *nm, unsigned hash, int id, index_hash_fn rehash,
              const void *ctx)
{
    if (2 * (nm->n + 1) > nm->cap) {
        int cap = nm->cap ? 2 * nm->cap : 64;
        int *ids = model_alloc(m, sizeof(int) * (size_t)cap);
        if (!ids)
            return NRN_ENOMEM;
        for (int i = 0; i < cap; i++)
            ids[i] = -1;
        struct namemap grown = { cap, 0, ids };
        unsigned h;
        for (int i = 0; i < nm->cap; i++)
            if (nm->ids[i] >= 0 && rehash(m, nm->ids[i], ctx, &h))
                slot_put(&grown, h, nm->ids[i]);
        free(nm->ids);
        *nm = grown;
    }
    slot_put(nm, hash, id);
    return NRN_OK;
}

/* ---- string names, through a name_of_fn ---- */

struct name_key {
    const char *name;
    name_of_fn fn;
};

static int name_match(const nrn_model *m, int id, const void *key)
{
    const struct name_key *k = key;
    const char *cur = k->fn(m, id);
    return cur && strcmp(cur, k->name) == 0;
}

int names_find(const nrn_model *m, const struct namemap *nm, const char *name, name_of_fn fn)
{
    struct name_key k = { name, fn };
    return index_find(m, nm, names_hash(name), name_match, &k);
}

static int name_rehash(const nrn_model *m, int id, const void *ctx, unsigned *hash)
{
    const struct name_key *k = ctx;
    const char *cur = k->fn(m, id);
    if (cur)
        *hash = names_hash(cur);
    return cur != NULL;
}

int names_add(nrn_model *m, struct namemap *nm, const char *name, int id, name_of_fn fn)
{
    struct name_key k = { name, fn };
    return index_add(m, nm, names_hash(name), id, name_rehash, &k);
}

void names_free(struct namemap *nm)
{
    free(nm->ids);
    memset(nm, 0, sizeof *nm);
}
