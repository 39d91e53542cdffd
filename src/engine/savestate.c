/*
** savestate.c: NEURON's SaveState: the dynamic state of a compiled model (t, every
** node's v, every STATE and ASSIGNED variable and ion concentration, the event queue,
** spike-detector flags and random-stream positions) captured as a byte buffer, restored
** exactly, and written to or read from a file in a versioned format with a checksum.
** Parameters are not part of the state, so a sweep can change one and restore.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "atomfile.h"
#include "nrn_int.h"

#define STATE_MAGIC "NRNSTATE"
#define STATE_VERSION 1u

struct nrn_state {
    uint64_t shape;        /* hash of the structure the state belongs to */
    size_t n, cap;
    unsigned char *buf;
    size_t pos;            /* read position */
    int oom;
};

/* FNV-1a over the structure: node and cell counts, instance counts per type, objects. */
static uint64_t shape_hash(const nrn_model *m)
{
    uint64_t h = 1469598103934665603ULL;
    int64_t vals[4] = { m->nnode, m->ncell, m->npp, m->npre };
    for (int k = 0; k < 4; k++)
        for (int b = 0; b < 8; b++)
            h = (h ^ (uint64_t)((vals[k] >> (8 * b)) & 0xff)) * 1099511628211ULL;
    for (int t = 0; t < m->ntype; t++) {
        int64_t x = (int64_t)m->types[t].md.n * 1000 + m->types[t].d->nvar;
        for (int b = 0; b < 8; b++)
            h = (h ^ (uint64_t)((x >> (8 * b)) & 0xff)) * 1099511628211ULL;
    }
    return h;
}

static void put(struct nrn_state *s, const void *p, size_t n)
{
    if (s->oom)
        return;
    if (s->n + n > s->cap) {
        size_t cap = s->cap ? 2 * s->cap + n : 4096 + n;
        unsigned char *b = realloc(s->buf, cap);
        if (!b) {
            s->oom = 1;
            return;
        }
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->n, p, n);
    s->n += n;
}

/* Reads n bytes; 0 if the buffer is too short. */
static int get(struct nrn_state *s, void *p, size_t n)
{
    if (s->pos + n > s->n)
        return 0;
    memcpy(p, s->buf + s->pos, n);
    s->pos += n;
    return 1;
}

/* 1 if variable k of type d belongs to the state (not a user parameter). */
static int saved_var(const nrn_mech_type *d, int k)
{
    return d->kind == NRN_ION || d->vars[k].role != NRN_PARAM;
}

nrn_state *nrn_state_save(nrn_model *m)
{
    if (model_compile(m))
        return NULL;
    struct nrn_state *s = calloc(1, sizeof *s);
    if (!s) {
        model_err(m, NRN_ENOMEM, "out of memory");
        return NULL;
    }
    s->shape = shape_hash(m);
    double hdr[5] = { m->t, (double)m->nsteps, m->dt_synced, m->cj, m->rec_next };
    put(s, hdr, sizeof hdr);
    for (int k = 0; k < m->nnode; k++) /* in NEURON's node order, whatever the layout */
        put(s, &m->v[model_std_node(m, k)], sizeof(double));
    for (int t = 0; t < m->ntype; t++) {
        const struct mtype *mt = &m->types[t];
        for (int k = 0; k < mt->d->nvar; k++)
            for (int i = 0; saved_var(mt->d, k) && i < mt->md.n; i++) /* NEURON's order */
                put(s, &mt->md.col[k][mt->std_inst ? mt->std_inst[i] : i], sizeof(double));
    }
    for (int i = 0; i < m->npp; i++) {
        const struct pproc *p = m->pps[i];
        unsigned long long draws = p ? p->draws : 0;
        put(s, &draws, sizeof draws);
    }
    for (int i = 0; i < m->npre; i++)
        put(s, &m->pre[i].flag, sizeof(int));
    int nev = m->nheap;
    put(s, &nev, sizeof nev);
    put(s, &m->evseq, sizeof m->evseq);
    for (int h = 0; h < m->nheap; h++) {
        int slot = m->heap[h];
        const struct event *e = &m->ev[slot];
        int is_tq = e->kind == EV_SELF && m->pps[e->a] && m->pps[e->a]->tqitem == slot;
        put(s, &e->t, sizeof e->t);
        put(s, &e->seq, sizeof e->seq);
        int ints[4] = { e->kind, e->a, e->b, is_tq };
        put(s, ints, sizeof ints);
        put(s, &e->flag, sizeof e->flag);
    }
    /* the active WATCH conditions (watch.c), last: a state saved before them had none */
    int nw = 0;
    for (int i = 0; i < m->npp; i++)
        nw += m->pps[i] && m->pps[i]->wmask;
    put(s, &nw, sizeof nw);
    for (int i = 0; i < m->npp; i++) {
        const struct pproc *p = m->pps[i];
        if (!p || !p->wmask)
            continue;
        unsigned w[3] = { (unsigned)i, p->wmask, p->wabove };
        put(s, w, sizeof w);
        put(s, p->wflag, sizeof p->wflag);
    }
    /* the NetCons' weights after the first: NET_RECEIVE's state per NetCon (gsyn.mod's
    ** G1, t0); the first weight is the user's parameter */
    put(s, &m->nnc, sizeof m->nnc);
    for (int i = 0; i < m->nnc; i++) {
        double w[NRN_MAXWEIGHT - 1] = { 0 };
        if (m->ncs[i])
            memcpy(w, m->ncs[i]->weight + 1, sizeof w);
        put(s, w, sizeof w);
    }
    if (s->oom) {
        nrn_state_free(&s);
        model_err(m, NRN_ENOMEM, "out of memory saving the state");
        return NULL;
    }
    return s;
}

int nrn_state_restore(nrn_model *m, const nrn_state *st)
{
    m->wseq++; /* see nrn_model.wseq */
    int rc = model_compile(m);
    if (rc)
        return rc;
    if (!st)
        return model_err(m, NRN_EINVAL, "no saved state");
    if (st->shape != shape_hash(m))
        return model_err(m, NRN_EINVAL,
                         "the saved state belongs to a model of another structure "
                         "(sections, segments, mechanisms or objects changed since it was saved)");
    struct nrn_state s = *st;
    s.pos = 0;
    double hdr[5];
    int ok = get(&s, hdr, sizeof hdr);
    /* Validate the whole buffer before touching the model. */
    size_t need = sizeof hdr + sizeof(double) * (size_t)m->nnode;
    for (int t = 0; t < m->ntype; t++)
        for (int k = 0; k < m->types[t].d->nvar; k++)
            if (saved_var(m->types[t].d, k))
                need += sizeof(double) * (size_t)m->types[t].md.n;
    need += sizeof(unsigned long long) * (size_t)m->npp + sizeof(int) * (size_t)m->npre;
    if (!ok || st->n < need + sizeof(int))
        return model_err(m, NRN_EFORMAT, "the saved state is truncated");
    if (!(hdr[1] >= 0 && hdr[1] < 9e18)) /* a step count that does not fit a long */
        return model_err(m, NRN_EFORMAT, "the saved state is damaged (step count %g)", hdr[1]);
    ev_clear(m);
    m->t = hdr[0];
    m->nsteps = hdr[1] >= 0 && hdr[1] < 9e18 ? (long)hdr[1] : 0; /* no overflowing cast */
    m->dt_synced = hdr[2];
    m->cj = hdr[3];
    m->rec_next = hdr[4];
    for (int k = 0; k < m->nnode; k++)
        get(&s, &m->v[model_std_node(m, k)], sizeof(double));
    for (int t = 0; t < m->ntype; t++) {
        struct mtype *mt = &m->types[t];
        for (int k = 0; k < mt->d->nvar; k++)
            for (int i = 0; saved_var(mt->d, k) && i < mt->md.n; i++)
                get(&s, &mt->md.col[k][mt->std_inst ? mt->std_inst[i] : i], sizeof(double));
    }
    for (int i = 0; i < m->npp; i++) {
        unsigned long long draws = 0;
        get(&s, &draws, sizeof draws);
        if (m->pps[i])
            m->pps[i]->draws = draws;
    }
    for (int i = 0; i < m->npre; i++)
        get(&s, &m->pre[i].flag, sizeof(int));
    ev_sources_changed(m);
    int nev = 0;
    get(&s, &nev, sizeof nev);
    get(&s, &m->evseq, sizeof m->evseq);
    long long seqmax = m->evseq;
    for (int k = 0; k < nev; k++) {
        double t, flag;
        long long seq;
        int ints[4];
        if (!get(&s, &t, sizeof t) || !get(&s, &seq, sizeof seq) || !get(&s, ints, sizeof ints) ||
            !get(&s, &flag, sizeof flag))
            return model_err(m, NRN_EFORMAT, "the saved state is truncated");
        /* what the event names must exist: delivery indexes by it */
        int kind = ints[0], a = ints[1];
        int na = kind == EV_NETCON ? m->nnc
                 : kind == EV_SELF ? m->npp
                 : kind == EV_PLAY ? m->nplay
                                   : 0;
        if (a < 0 || a >= na || ints[2] < 0 || t != t)
            return model_err(m, NRN_EFORMAT, "the saved state is damaged (event %d of %d)", k + 1,
                             nev);
        int slot = ev_push(m, t, ints[0], ints[1], ints[2], flag);
        if (slot < 0)
            return model_err(m, NRN_ENOMEM, "out of memory restoring the state");
        m->ev[slot].seq = seq; /* keep the original first-in-first-out order */
        if (ints[3] && ints[1] >= 0 && ints[1] < m->npp && m->pps[ints[1]])
            m->pps[ints[1]]->tqitem = slot;
    }
    watch_clear(m);
    int nw = 0;
    if (s.pos < s.n) /* a state with the WATCH section */
        get(&s, &nw, sizeof nw);
    for (int k = 0; k < nw; k++) {
        unsigned w[3];
        double flags[NRN_MAXWATCH];
        if (!get(&s, w, sizeof w) || !get(&s, flags, sizeof flags))
            return model_err(m, NRN_EFORMAT, "the saved state is truncated");
        struct pproc *p = w[0] < (unsigned)m->npp ? m->pps[w[0]] : NULL;
        /* only conditions the object's mechanism has: watch_check calls its watch_value
        ** for every bit of the mask */
        const nrn_mech_type *d = p ? m->types[p->type].d : NULL;
        int nk = 0;
        if (d && d->watch_value)
            nk = d->nwatch < NRN_MAXWATCH ? d->nwatch : NRN_MAXWATCH;
        if (!p || !w[1] || (w[1] & ~((1u << nk) - 1)))
            return model_err(m, NRN_EFORMAT, "the saved state is damaged (WATCH %d of %d)",
                             k + 1, nw);
        p->wmask = w[1];
        p->wabove = w[2];
        memcpy(p->wflag, flags, sizeof flags);
        m->watching = 1;
    }
    int nnc = 0;
    if (s.pos < s.n && (!get(&s, &nnc, sizeof nnc) || nnc != m->nnc))
        return model_err(m, NRN_EFORMAT, "the saved state is damaged (NetCon count)");
    for (int i = 0; i < nnc; i++) {
        double w[NRN_MAXWEIGHT - 1];
        if (!get(&s, w, sizeof w))
            return model_err(m, NRN_EFORMAT, "the saved state is truncated");
        if (m->ncs[i])
            memcpy(m->ncs[i]->weight + 1, w, sizeof w);
    }
    /* Re-establish heap order on the restored sequence numbers. */
    for (int h = m->nheap / 2 - 1; h >= 0; h--) {
        for (int pos = h;;) {
            int c = 2 * pos + 1, best = pos;
            if (c < m->nheap) {
                const struct event *x = &m->ev[m->heap[c]], *y = &m->ev[m->heap[best]];
                if (x->t < y->t || (x->t == y->t && x->seq < y->seq))
                    best = c;
            }
            if (c + 1 < m->nheap) {
                const struct event *x = &m->ev[m->heap[c + 1]], *y = &m->ev[m->heap[best]];
                if (x->t < y->t || (x->t == y->t && x->seq < y->seq))
                    best = c + 1;
            }
            if (best == pos)
                break;
            int tmp = m->heap[pos];
            m->heap[pos] = m->heap[best];
            m->heap[best] = tmp;
            m->ev[m->heap[pos]].hpos = pos;
            m->ev[m->heap[best]].hpos = best;
            pos = best;
        }
    }
    m->evseq = seqmax;
    cvode_restored(m);
    return NRN_OK;
}

void nrn_state_free(nrn_state **pst)
{
    if (!pst || !*pst)
        return;
    free((*pst)->buf);
    free(*pst);
    *pst = NULL;
}

/* CRC-32 (IEEE), bitwise: state files are small enough. (nrn_int.h: the SaveState fuzz
** harness wraps its inputs with it.) */
uint32_t state_crc32(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

int nrn_state_write(nrn_model *m, const nrn_state *st, const char *path)
{
    if (!st)
        return model_err(m, NRN_EINVAL, "no saved state");
    struct atomfile af;
    if (atomfile_open(&af, path) != 0)
        return model_err(m, NRN_EIO, "cannot write %s: %s", path, strerror(errno));
    FILE *f = af.fp;
    uint32_t version = STATE_VERSION, crc = state_crc32(st->buf, st->n);
    uint64_t n = st->n;
    /* each write is skipped once one failed; the stream stays in error, and the commit
    ** reports the reason */
    if (fwrite(STATE_MAGIC, 1, 8, f) == 8 && fwrite(&version, sizeof version, 1, f) == 1 &&
        fwrite(&st->shape, sizeof st->shape, 1, f) == 1 && fwrite(&n, sizeof n, 1, f) == 1 &&
        fwrite(st->buf, 1, st->n, f) == st->n)
        fwrite(&crc, sizeof crc, 1, f);
    if (atomfile_commit(&af) != 0)
        return model_err(m, NRN_EIO, "cannot write %s: %s", path, strerror(errno));
    return NRN_OK;
}

int nrn_state_read(nrn_model *m, const char *path, nrn_state **pst)
{
    *pst = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return model_err(m, NRN_EIO, "%s: cannot open", path);
    char magic[8];
    uint32_t version, crc;
    uint64_t shape, n;
    if (fread(magic, 1, 8, f) != 8 || memcmp(magic, STATE_MAGIC, 8) != 0) {
        fclose(f);
        return model_err(m, NRN_EFORMAT, "%s: not a saved state file", path);
    }
    if (fread(&version, sizeof version, 1, f) != 1 || version != STATE_VERSION) {
        fclose(f);
        return model_err(m, NRN_EFORMAT, "%s: unsupported saved state version", path);
    }
    if (fread(&shape, sizeof shape, 1, f) != 1 || fread(&n, sizeof n, 1, f) != 1) {
        fclose(f);
        return model_err(m, NRN_EFORMAT, "%s: damaged saved state (bad header)", path);
    }
    /* The length field must be what the file holds (header, data, checksum), so a
    ** damaged one is found before it is trusted with an allocation. */
    struct stat fs;
    uint64_t head = 8 + sizeof version + sizeof shape + sizeof n;
    if (fstat(fileno(f), &fs) != 0 || fs.st_size < 0 ||
        (uint64_t)fs.st_size < head + sizeof crc || n != (uint64_t)fs.st_size - head - sizeof crc) {
        fclose(f);
        return model_err(m, NRN_EFORMAT,
                         "%s: damaged saved state (its length field does not match the file)",
                         path);
    }
    struct nrn_state *s = calloc(1, sizeof *s);
    unsigned char *buf = s ? malloc(n ? n : 1) : NULL;
    if (!buf) {
        free(s);
        fclose(f);
        return model_err(m, NRN_ENOMEM, "out of memory");
    }
    int ok = fread(buf, 1, n, f) == n && fread(&crc, sizeof crc, 1, f) == 1;
    fclose(f);
    if (!ok || crc != state_crc32(buf, n)) {
        free(buf);
        free(s);
        return model_err(m, NRN_EFORMAT, "%s: damaged saved state (checksum mismatch)", path);
    }
    s->buf = buf;
    s->n = s->cap = n;
    s->shape = shape;
    int rc = model_compile(m);
    if (rc == NRN_OK && shape != shape_hash(m))
        rc = model_err(m, NRN_EINVAL, "%s: saved from a model of another structure", path);
    if (rc) {
        nrn_state_free(&s);
        return rc;
    }
    *pst = s;
    return NRN_OK;
}
