/*
** nrn_int.h: engine-private structures and cross-file prototypes.
**
** Two worlds (ARCHITECTURE.md): the MODEL (sections, their per-segment values,
** point processes) is cheap to edit; the COMPILED form (flat node arrays in NEURON's
** node order, structure-of-arrays mechanism data) is what the integrator walks.
** Values that change during a simulation (v, cm, mechanism variables) live in exactly
** one place at a time: in the compiled arrays while the model is compiled, in the
** sections otherwise. A structural or geometric edit first calls model_flush(), which
** copies them back into the sections and drops the compiled form; the next
** simulation call rebuilds it (model_compile).
*/
#ifndef NRN_INT_H
#define NRN_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "nrn.h"
#include "nrn_mech.h"

#define NRN_MAX_TYPES 64

/* The values of one mechanism inserted in one section (model world). */
struct secmech {
    int type;       /* index into model->types */
    double *vals;   /* nseg * nvar values, segment-major: vals[j*nvar + var] */
    int inst0;      /* while compiled: instance index of segment 0 */
    int istride;    /* while compiled: segment j is instance inst0 + j * istride (secmech_inst) */
    int style;      /* ions: NEURON's style here (NRN_STYLE_*), promoted by every insert */
    int styled;     /* ions: 1 once Tcl's ion_style set the style */
};

struct section {
    char *name;
    unsigned key;       /* hash of the name it was made with: keys its density mechanisms'
                           random streams (mrandom.c); a replica keeps its original's */
    double L;           /* um */
    double Ra;          /* ohm cm */
    double rallbranch;  /* NEURON's rallbranch, multiplies the coupling into the parent */
    int nseg;
    double *diam;       /* [nseg] um */
    double *cm;         /* [nseg] uF/cm2, model world */
    double *v;          /* [nseg+1] pnode voltages, model world */
    double vroot;       /* v of the root node when this is a root section, model world */
    int parent;         /* parent section id, -1 for a root */
    double parentx;     /* attachment position on the parent */
    double childend;    /* which end of this section is attached: 0 or 1 */
    int nchild;
    int *child;         /* children sorted by attachment position; ties: newest first */
    int nmech;
    struct secmech *mech;  /* inserted mechanisms and ions */
    int npt;            /* 3-D points */
    int ptcap;          /* room in p3 and arc, in points */
    float *p3;          /* npt * 4 floats: x, y, z, diam */
    double *arc;        /* [npt] cumulative arc length */
    int pt3dconst;      /* NEURON's pt3dconst: diam changes do not touch the points */
    /* compiled world */
    int node0;          /* node index of pnode[0] */
    int nstride;        /* node of pnode[j]: node0 + j * nstride (sec_node; interleave.c) */
    int pnode;          /* node index of the parent node (the 0-end) */
    int rootnode;       /* node index of the root node for a root section, else -1 */
};

#define NRN_MAXWATCH 16

/* A point process (model world values in vals while uncompiled). */
struct pproc {
    char *name;
    int type;        /* index into model->types */
    int sec;         /* section id */
    double x;        /* position as given */
    double *vals;    /* nvar values, model world */
    long serial;     /* creation number: newer first at the same node */
    int inst;        /* instance index while compiled */
    int node;        /* node while compiled */
    int presyn;      /* the spike source made of this object, or -1 */
    int recvec;      /* vector its mechanism records into (APCount), or -1 */
    int tqitem;      /* event slot of its last self event, or -1 */
    unsigned wmask;  /* active WATCH conditions (bit k), watch.c */
    unsigned wabove; /* ... and which of them were true at the last check */
    double wflag[NRN_MAXWATCH]; /* the flag each sends */
    double wval[NRN_MAXWATCH];  /* CVODE condition_order 2: each value at the last check, */
    double wt;                  /* ... made at this t (a crossing is interpolated between) */
    unsigned long long key; /* hash of the name: keys its random streams */
    unsigned long long draws; /* random numbers drawn since finitialize */
};

/* A spike source: a watched value with a threshold, or an object's net_event. */
struct presyn {
    nrn_ref ref;     /* the watched value (when pp < 0) */
    int pp;          /* the source object, or -1 */
    double *ptr;     /* resolved value pointer */
    long gen;        /* compile generation of ptr */
    double threshold;
    int flag;        /* above threshold at the last check */
    int recvec;      /* vector receiving spike times, or -1 */
    int nnc, capnc;
    int *nc;         /* NetCons from this source, in creation order */
    char *label;     /* printable source name (spike callback) */
    int gid;         /* its global id (parallel.c), or -1 */
};

/* presyn.pp of a source that stands for a cell on another rank (parallel.c): it fires
** only when the spike exchange brings that cell's spikes. */
#define PRESYN_INPUT (-3)

#define NRN_MAXWEIGHT 5

struct netcon {
    char *name;
    int presyn;      /* source */
    int target;      /* target object, or -1 */
    double delay;
    double weight[NRN_MAXWEIGHT];
    int nweight;
    int active;
};

/* A named vector. */
struct vec {
    char *name;
    double *data;
    size_t n, cap;
};

/* A Vector.play. */
struct play {
    nrn_ref ref;
    double *ptr;
    long gen;
    int y, tvec;     /* vector ids (tvec -1: times i*dt_play) */
    double dt_play;
    int continuous;
};

/* A queued event. */
enum ev_kind { EV_NETCON, EV_SELF, EV_PLAY, EV_EXCHANGE /* parallel.c's spike exchange */ };
struct event {
    double t;
    long long seq;   /* insertion order: equal times are delivered first in, first out */
    int kind;
    int a;           /* NetCon id, object id or play id */
    int b;           /* play: element index */
    double flag;     /* self events */
    int hpos;        /* position in the heap, -1 when free */
};

/* One record: what to sample and the samples. */
struct record {
    nrn_ref ref;
    double *ptr;     /* resolved while compiled (NULL: computed value, use ref_get) */
    long gen;        /* compile generation ptr was resolved in */
    double *data;
    size_t n, cap;
    char gone[64];   /* the value's path once its object was deleted, else "" */
};

/* A setpointer: POINTER k of a mechanism instance points at the value src names. The
** instance is a point process (pp >= 0) or the segment of sec at x of a density type; the
** address is found again at each compile, so renumbering keeps it (pointer.c). */
struct pbind {
    int type, k;
    int pp;          /* point process id, or -1 */
    int sec;         /* density: section id */
    double x;
    nrn_ref src;
};

/* Per mechanism type in a model. */
struct mtype {
    const nrn_mech_type *d;  /* descriptor */
    double *gvals;           /* globals */
    void *gpriv;             /* private per-model state */
    int ion_type[4];         /* for each ion used: its type index */
    nrn_mech_data md;        /* compiled instance data */
    void *md_block;          /* md's arrays live in it (compile.c: alloc_md) */
    struct ftable *ftab;     /* FUNCTION_TABLE values (functable.c), or NULL */
    int *ion_inst_store[4];
    nrn_mech_data *ion_md_store[4];
    struct ldifus_tree *ldifus;  /* LONGITUDINAL_DIFFUSION's tree (ldifus.c), or NULL */
    int *std_inst;           /* density instances in node order (compile.c): the instance at
                                each place of NEURON's order; NULL when that is the order */
};

/* SOLVE_W cells of one shape whose nodes are interleaved (interleave.c): local node j of
** the group's cell c is node base + j * SOLVE_W + c; its parent is local node lpar[j] of the
** same cell, or for lpar[j] < 0 the cell's root, root0 + c. The nsame blocks from this one
** on (up to SOLVE_LOCK) have its shape and follow it at even spacing: the solve walks them
** in lockstep, so that their chains of divisions overlap. */
#define SOLVE_W 8
#define SOLVE_LOCK 4
struct solve_block {
    int base, len, root0, nsame;
    int *lpar;
};

/* The nodes after the blocks, in units (interleave.c): nodes lo..hi-1 in NEURON's relative
** order (nseg 0), or SOLVE_W sections of one nseg that follow each other in tree order, node
** j of section c being lo + j * SOLVE_W + c, its parent the node before in the section or,
** for j = 0, lanepar[c]. */
struct tail_unit {
    int lo, hi, nseg;
    int lanepar[SOLVE_W];
};

/* Name -> id hash index (open addressing; ids whose name no longer matches are skipped,
** so deleted objects need no tombstones). */
struct namemap {
    int cap;        /* slots, a power of two (0: empty) */
    int n;          /* ids inserted */
    int *ids;       /* -1: empty slot */
};

struct nrn_model {
    char err[512];
    struct namemap secnames, ppnames;
    struct namemap ncnames, vecnames, prerefs; /* NetCons, vectors, spike sources by value */
    int nsec, capsec;
    struct section **secs;
    int npp, cappp;
    struct pproc **pps;     /* NULL entries are deleted point processes */
    long pp_serial;
    int ntype;
    struct mtype types[NRN_MAX_TYPES];
    void *types_block;      /* the GLOBALs and private state of types 0 .. ntype_block-1
                            ** live in it (model_new_like), the later types' apart */
    int ntype_block;
    /* globals */
    double t, dt, celsius, tstop, v_init, steps_per_ms;
    int secondorder;
    int nstep_steprun;      /* stdrun's steps per plot step, set by setdt */
    long nsteps;            /* steps since finitialize */
    double cj;              /* 1/dt or 2/dt as of the last sync */
    double dt_synced;       /* dt the integrator last synced to */
    /* compiled world */
    int compiled;
    int inst_nodeorder;     /* while compiled: density instances follow interleaved nodes
                               (compile.c); never while CVODE is active (its state vector:
                               cv_init compiles again) */
    /* incremented by every setter of a value, setting or structure (the public nrn_*_set
    ** family, nrn_ref_set, model_flush...): the local step's fadvance (threads_local.c)
    ** notices a user's change between two fadvances by it */
    unsigned long wseq;
    long gen;               /* incremented at each compile */
    int nnode, ncell;
    double *v, *rhs, *d, *a, *b, *area, *rinv, *cm;
    double *diam;           /* per node: the segment's diam (um) for mechanisms, else 0 */
    void *node_block;       /* the nine arrays above live in it (compile.c: node_arrays) */
    double *mfact;          /* per node: 1.e2 / area (nrn_mech_ctx.mfact) */
    int *parent;
    int *sec_of_node;       /* owning section of each node (roots: the root section) */
    int *solve_order;       /* non-root nodes in the fixed step's elimination order */
    int solve_natural;      /* solve_order is the plain order (last node first) */
    int solve_chain;        /* one cell, one unbranched chain: its own step (cable.c) */
    struct cable_plan *cable; /* its two-sweep step (cable.c), made on first use, or NULL */
    struct units_plan *uplan; /* the units' two-sweep step (units_step.c), or NULL */
    struct tile_plan *tiles; /* the blocks' step by tiles (blocks_step.c), or NULL */
    struct multi_plan *multi; /* their steps in windows (blocks_multi.c), or NULL */
    int multi_max;          /* most steps per window (1: none; tests compare the two) */
    long multi_steps;       /* steps run in windows since the model was made (tests) */
    int nbranch, *branch;   /* non-root nodes whose parent is not the node before them */
    int *std_node;          /* interleave.c: node k of NEURON's order, or NULL (the same) */
    int nblock;             /* groups of SOLVE_W interleaved identical cells */
    struct solve_block *blocks;
    int block_end;          /* first node after the blocks (ncell without blocks) */
    int nunit;              /* units of the nodes after the blocks, when some are sections */
    struct tail_unit *units; /* interleaved by SOLVE_W (else 0, NULL: NEURON's order) */
    int ncur, nstate;       /* types with instances and a cur / state function, in order, */
    int curlist[NRN_MAX_TYPES], statelist[NRN_MAX_TYPES]; /* so a step skips the rest */
    int exec[NRN_MAX_TYPES]; /* every type in NEURON's calling order (ion.c: ion_exec_order) */
    /* events */
    int npre, cappre;
    struct presyn *pre;
    /* the fixed step's threshold check reads the live sources from this compact copy
    ** (events.c): their value pointers, thresholds and flags, in source order. Valid while
    ** ok and the compile generation and source count are those it was made for; whatever
    ** changes a source's threshold, flag, NetCon count, gid or object calls
    ** ev_sources_changed. */
    struct thr_cache {
        const double **ptr;
        const double **run; /* sources 8g..8g+7 watch run[g][0..7] (else NULL) */
        double *thr;
        int *flag, *idx;
        int n, cap, npre, ok;
        long gen;
        long build;         /* incremented by every build (blocks_multi.c's plan follows) */
    } thr;
    int nnc, capnc;
    struct netcon **ncs;     /* NULL entries are deleted NetCons */
    int nvec, capvec;
    struct vec *vecs;
    int nplay, capplay;
    struct play *plays;
    struct event *ev;        /* event slots */
    int nev, capev, freeev;  /* slots in use, capacity, head of the free list (-1) */
    int *heap;               /* slot ids ordered as a binary heap on (t, seq) */
    int nheap;
    long long evseq;
    int ev_err;              /* an event service failed (ENOMEM) during a phase */
    double seed;             /* keys the random streams */
    nrn_spike_fn spike_fn;
    void *spike_ud;
    int spike_collects;      /* spike_fn only collects (nrn_set_spike_collector) */
    nrn_notice_fn notice_fn; /* nrn_set_notice_callback */
    void *notice_ud;
    unsigned pinned;         /* bit G_*: the global keeps the value nrn_pin gave it */
    char pin_why[8][24];     /* per G_*: who pinned it ("--tstop"), for the notice */
    double pin_value[8];     /* per G_*: the pinned value (run may still fit dt) */
    struct par *par;         /* gids and the spike exchange (parallel.c), or NULL */
    int spike_gid;           /* during spike_fn: the gid of the source, or -1 */
    int spike_ps;            /* during spike_fn: the source's index (threads.c) */
    /* records */
    int nrec, caprec;
    unsigned long rec_seq;  /* incremented when records are added or cleared */
    struct record *recs;
    double rec_every;       /* 0: every step */
    double rec_next;        /* next sample time with an interval */
    nrn_sample_fn sample_fn;
    void *sample_ud;
    size_t nsamples;
    /* replicas (replica.c): replica r > 0 holds sections r*rep_nsec.., point processes
    ** r*rep_npp.., spike sources r*rep_npre.. and NetCons r*rep_nnc.. */
    int nrep;               /* copies held; 0 when never replicated */
    int rep_nsec, rep_npp, rep_npre, rep_nnc, rep_nrec, rep_nplay;
    int *rep_rec;           /* [nrep * rep_nrec]: record of replica r for record i */
    char **rep_err;         /* [nrep]: why replica r failed since finitialize, or NULL */
    const volatile int *cancel; /* nonzero: stop the simulation (nrn_set_cancel) */
    struct cvode *cv;       /* the variable-step integrator and its settings, or NULL */
    int npb, cappb;         /* setpointer bindings (pointer.c) */
    struct pbind *pbs;
    int rep_npb;            /* replicas: bindings of replica 0 */
    double ptr_scratch;     /* what an unset POINTER reads while the call ends */
    int watching;           /* some object has active WATCH conditions (watch.c) */
    unsigned ba_mask;       /* bit k: a type with instances has a BEFORE/AFTER block k */
    struct lagstore *lag;   /* NMODL LAG queues (lag.c), or NULL */
    int ldifusing;          /* a type with instances has LONGITUDINAL_DIFFUSION (ldifus.c) */
};

/* model.c */
int model_err(nrn_model *m, int rc, const char *fmt, ...);
void *model_alloc(nrn_model *m, size_t size);
/* A new model with src's mechanism types (in src's order) and their GLOBALs' and private
** state's present values, in one block; NULL when out of memory. */
nrn_model *model_new_like(const nrn_model *src);
/* model_alloc without zeroing, for arrays written whole (a local step's part per cell) */
void *model_malloc(nrn_model *m, size_t size);
void *model_realloc(nrn_model *m, void *p, size_t size);
char *model_strdup(nrn_model *m, const char *s);
int model_check_sec(nrn_model *m, int sec);
int model_type_index(const nrn_model *m, const char *name);

/* names.c: hash indexes. index_*: any key (the caller hashes it and tests ids against it;
** rehash gives a live id's hash, 0 for a dead id); names_*: string names through fn. */
typedef int (*index_match_fn)(const nrn_model *m, int id, const void *key);
typedef int (*index_hash_fn)(const nrn_model *m, int id, const void *ctx, unsigned *hash);
unsigned names_hash(const char *s);
unsigned names_hash_ref(const nrn_ref *r);
int index_find(const nrn_model *m, const struct namemap *nm, unsigned hash, index_match_fn match,
               const void *key);
int index_add(nrn_model *m, struct namemap *nm, unsigned hash, int id, index_hash_fn rehash,
              const void *ctx);
typedef const char *(*name_of_fn)(const nrn_model *m, int id);
/* events.c: the index callbacks of NetCon and vector names and of spike sources */
const char *nc_name_of(const nrn_model *m, int id);
const char *vec_name_of(const nrn_model *m, int id);
int presyn_rehash(const nrn_model *m, int id, const void *ctx, unsigned *hash);
int names_find(const nrn_model *m, const struct namemap *nm, const char *name, name_of_fn fn);
int names_add(nrn_model *m, struct namemap *nm, const char *name, int id, name_of_fn fn);
void names_free(struct namemap *nm);

/* ion.c */
enum { ION_E, ION_CI, ION_CO, ION_CUR, ION_DCURDV }; /* an ion type's columns */
int ion_promote(int style, int flags);
void ion_inserted(nrn_model *m, struct section *s, int t);
int ion_compile(nrn_model *m);
int ion_register_uses(nrn_model *m, const nrn_mech_type *d);
void ion_exec_order(nrn_model *m);

/* section.c */
void section_free(struct section *s);
struct secmech *section_mech(struct section *s, int type);
int section_node_index(int nseg, double x);

/* A double below this in magnitude rounds to a finite float (FLT_MAX + half its ulp): the
** bound of what a 3-D point (stored as floats, as NEURON does) can take. */
#define NRN_FLOAT_BOUND 0x1.ffffffp127

/* savestate.c: the checksum of a SaveState file's contents */
uint32_t state_crc32(const unsigned char *p, size_t n);

/* geometry.c */
void geom_section(struct section *s, double *area, double *rinv);
void geom_arc_last(struct section *s);

/* compile.c */
void model_sync(nrn_model *m);
void model_sync_into(const nrn_model *s, nrn_model *d, const int *secmap, const int *ppmap);
void model_flush(nrn_model *m);
int model_compile(nrn_model *m);
int model_node_of(nrn_model *m, int sec, double x, int *owner, int *j);
int model_segment_of(const struct section *s, double x);

/* lag.c: reset empties every LAG queue (finitialize) */
void lag_reset(nrn_model *m);
void lag_free(nrn_model *m);

/* modelcsv.c: the shortest decimal that reads back as v (the model CSV's numbers) */
void fmt_num(double v, char *buf, size_t size);
/* pointer.c: the setpointer bindings as model CSV rows, and one such row (10 fields) read */
void pointer_write_csv(nrn_model *m, FILE *f);
int pointer_read_row(nrn_model *m, char **fld);
/* functable.c: the FUNCTION_TABLE values as model CSV rows, and their rows read back one
** by one (a table is set when its last value is read) */
struct ftread {
    char name[128];
    int ndim, d, left, nx;   /* dims; the dim being read; values still to read; x read */
    int nsize[4];
    double min[4], max[4];
    double *x[4], *y;
    int ny;
};
void functable_write_csv(nrn_model *m, FILE *f);
int functable_read_row(nrn_model *m, struct ftread *ft, char **fld);
void functable_read_free(struct ftread *ft);

/* functable.c */
void functable_free(nrn_model *m);
int functable_clone(nrn_model *dst, const nrn_model *src);

/* ba.c */
void ba_run(nrn_model *m, int kind, const nrn_mech_ctx *c);

/* watch.c */
void watch_clear(nrn_model *m);
void watch_check(nrn_model *m);
void watch_check_interp(nrn_model *m);
void netcon_init(nrn_model *m);

/* pointer.c */
int pointer_resolve(nrn_model *m);
int pointer_clone(nrn_model *dst, const nrn_model *src, const int *ids, int n);

/* solve_order.c */
int solve_order_build(nrn_model *m);

/* interleave.c */
int interleave_nodes(nrn_model *m, const int *order);
void interleave_free(nrn_model *m);

/* The node of pnode[j] of a compiled section. */
static inline int sec_node(const struct section *s, int j)
{
    return s->node0 + j * s->nstride;
}

/* The node that is k-th in NEURON's node order (the order CVODE's state vector keeps). */
static inline int model_std_node(const nrn_model *m, int k)
{
    return m->std_node ? m->std_node[k] : k;
}

/* Instance index of segment j of a compiled section's mechanism. */
static inline int secmech_inst(const struct secmech *e, int j)
{
    return e->inst0 + j * e->istride;
}

/* replica.c */
struct section *model_copy_section(nrn_model *m, const struct section *o, int r, int off);
struct pproc *model_copy_pp(nrn_model *m, const struct pproc *o, int r, int secoff);
void replica_fail(nrn_model *m, int sec, const char *msg);
void replica_reset(nrn_model *m);
void replica_free(nrn_model *m);

/* record.c */
void record_object_gone(nrn_model *m, int is_netcon, int obj);

/* fixed.c */
void fixed_setup_matrix(nrn_model *m, double t);
/* Recomputes cj when dt changed since the last sync (spec 2.1). */
void fixed_sync_dt(nrn_model *m);
/* n fixed steps (nrn_psolve's, a thread's round), in windows where blocks_multi allows,
** stopping at an error or when m->cancel is set. */
int fixed_nsteps(nrn_model *m, long n);
void fixed_nan_message(nrn_model *m, int node, char *buf, size_t size);
/* The same, looking only at the nodes whose live[k] is 1 (blocks_multi.c: the others are at
** other steps). */
void fixed_nan_message_live(nrn_model *m, int node, const char *live, char *buf, size_t size);
void matrix_currents(nrn_model *m, const nrn_mech_ctx *c);
/* a[0..n) = b[0..n) = 0 (distinct arrays); no libc call for a few entries */
void nrn_clear2(double *restrict a, double *restrict b, int n);
void matrix_axial(nrn_model *m);
void matrix_solve(nrn_model *m);
/* What blocks_step.c runs by parts of the step's passes (k: 1, or 2 with Crank-Nicolson):
** all of the solve of blocks [k0, k1) (whole lockstep groups) after their currents (roots'
** capacitance, axial terms, elimination, roots' solve, back substitution with the v update),
** and for the nodes after the blocks their axial terms, elimination and back substitution
** with the v update (their roots' parts are the caller's); 1 if some v is not finite. */
int blocks_solve(nrn_model *m, int k0, int k1, double cfac, double k);
void rest_axial(nrn_model *m, int with_cm, double cfac);
void rest_eliminate(nrn_model *m);
int rest_update(nrn_model *m, double k);

/* cable.c: the step of one unbranched chain (m->solve_chain) */
void cable_free(nrn_model *m);
/* Its axial terms with the capacitance, in the elimination (cfac: .001 * cj). */
void cable_eliminate(nrn_model *m, double cfac);
/* 1 if the whole step may run as two sweeps, the mechanisms' currents and states inside. */
int cable_fusable(nrn_model *m);
/* Those sweeps: the currents at t_mid, the solve, v, the states at t_new; 1 if some v is
** no longer finite. */
int cable_step(nrn_model *m, double t_mid, double t_new);
/* 1 if in those sweeps the forward one is the one state type's state_chain (after
** cable_fusable). */
int cable_chained(const nrn_model *m);
/* mech_view.c: what the fused steps share. 1 if the step must run the separate passes
** whatever the layout: something runs between them (BEFORE/AFTER blocks, continuous plays)
** or secondorder 2 moves the ion currents between them. */
int step_needs_passes(const nrn_model *m);
/* 1 if type t may run its cur and state on part of its instances: it says so (inst_local),
** has no POINTER, and every instance sits at a node of m. */
int mech_splittable(const nrn_model *m, int t);
/* Type t's instances [i0, i1) as an nrn_mech_data of their own, the arrays it points to
** taken from *pool on (mech_view_ptrs(m, t) of them). */
size_t mech_view_ptrs(const nrn_model *m, int t);
nrn_mech_data mech_view(const nrn_model *m, int t, int i0, int i1, void ***pool);

/* units_step.c: the same two sweeps for a tree laid out in units (m->units) */
void units_step_free(nrn_model *m);
int units_fusable(nrn_model *m);
int units_step(nrn_model *m, double t_mid, double t_new);
/* for tests: the step's vector ops of children in later tiles (0 where it does not apply),
** and values of 4 lanes for the rows of the current plan where it would take 8 */
int units_vector_edges(nrn_model *m);
void units_narrow(nrn_model *m);

/* blocks_step.c: the step of the interleaved cells (m->blocks) tile by tile */
void blocks_step_free(nrn_model *m);
/* 1 if the step may run tile by tile (the conditions of cable_fusable). */
int blocks_fusable(nrn_model *m);
/* The number of tiles of that step (after blocks_fusable said 1). */
int blocks_ntile(const nrn_model *m);
/* That step: the currents at t_mid, the solve, v, the states at t_new; 1 if some v is no
** longer finite. */
int blocks_step(nrn_model *m, double t_mid, double t_new);
/* Parts of it for blocks_multi.c: 1 if some nodes are in no block (the rest, tile ntile);
** 1 if the rest's step comes after the tiles'; tile t's step (t == ntile: the rest's), the
** next tile's data prefetched when prefetch_next; the tile of each node (m->nnode
** entries, the plan's: valid while blocks_fusable says 1 for this compile). */
int blocks_has_rest(const nrn_model *m);
int blocks_rest_last(const nrn_model *m);
int blocks_tile_step(nrn_model *m, int t, const nrn_mech_ctx *cmid, const nrn_mech_ctx *cnew,
                     int prefetch_next);
const int *blocks_tile_of_node(const nrn_model *m);

/* blocks_multi.c: several fixed steps of the interleaved cells at once, tile by tile */
void multi_free(nrn_model *m);
/* Runs as many of the next maxsteps fixed steps as fit one window, stopping where t
** reaches ts (nrn_continuerun's loop: while t < ts), *nsteps of them; *nsteps 0 when the
** model's steps may not run that way (then nothing ran). */
int blocks_multi(nrn_model *m, double ts, long maxsteps, int *nsteps);

/* cvode*.c */
struct cvode;
int cvode_active(const nrn_model *m);
/* 1: cvode -local 1 is active (cvode_local.c) */
int cvode_local(const nrn_model *m);
int cvode_fadvance(nrn_model *m);
int cvode_continuerun(nrn_model *m, double tstop);
/* To until exactly (interpolated) on the way to tstop, CVODE's stop time (cvode_local.c). */
int cvode_run_held(nrn_model *m, double tstop, double until);
void cvode_finitialize(nrn_model *m);
void cvode_restored(nrn_model *m);
int cvode_copy_settings(nrn_model *dst, const nrn_model *src);
void cvode_free(nrn_model *m);

/* record.c */
int record_sample(nrn_model *m);
int record_due(nrn_model *m, double tlimit);
void record_reset(nrn_model *m);
void record_reserve(nrn_model *m, double tstop);

/* events.c */
void ev_clear(nrn_model *m);
void ev_presyn_fire(nrn_model *m, int ps, double ts);
double *ev_presyn_value(nrn_model *m, int i);
int ev_init(nrn_model *m);
int ev_check_thresholds(nrn_model *m);
/* The threshold cache (m->thr) built for the sources as they are; NRN_ENOMEM if it cannot be. */
int thr_ready(nrn_model *m);
/* 1 if some source k0 <= k < k1 of that cache is on the other side of its threshold than its
** flag says (the check's vector pass on part of the sources). */
int thr_changed(const nrn_model *m, int k0, int k1);
/* Source k of that cache against its threshold: its flags follow when it changed side (the
** source's own while the copy is valid); 1 if it went above, a spike. */
static inline int thr_flip(nrn_model *m, int k)
{
    struct thr_cache *c = &m->thr;
    int above = *c->ptr[k] - c->thr[k] > 0;
    if (above == c->flag[k])
        return 0;
    m->pre[c->idx[k]].flag = above;
    c->flag[k] = above;
    return above;
}
/* A source's threshold, flag, NetCons, gid or object changed: the check's copy is stale. */
static inline void ev_sources_changed(nrn_model *m)
{
    m->thr.ok = 0;
}
int ev_deliver(nrn_model *m, double tlimit);
void ev_play_continuous(nrn_model *m, double t);
void ev_free_all(nrn_model *m);
int ev_push(nrn_model *m, double t, int kind, int a, int b, double flag);
/* The clock and node arrays as mechanisms see them (inline: made twice every step). */
static inline nrn_mech_ctx ev_ctx(nrn_model *m, double t)
{
    nrn_mech_ctx c = {
        .v = m->v, .rhs = m->rhs, .d = m->d, .area = m->area, .t = t, .dt = m->dt,
        .celsius = m->celsius, .cj = m->cj, .secondorder = m->secondorder, .model = m,
        .diam = m->diam, .mfact = m->mfact,
    };
    return c;
}
int ev_presyn_get(nrn_model *m, const nrn_ref *ref, int pp, const char *label);
void ev_presyn_fire(nrn_model *m, int ps, double ts);
int ev_netcon_add(nrn_model *m, const char *name, int ps, int target_pp, int *id);
int ev_source(nrn_model *m, const char *what, const nrn_ref *source, int source_pp, int *ps);
void ev_vec_append(nrn_model *m, int id, double x);

/* parallel.c */
void par_spike_out(nrn_model *m, int gid, double t);
int par_exchange(nrn_model *m, double t);
int par_gather(nrn_model *m, double t, nrn_spike **all, int *nall);
int par_input_ps(const nrn_model *m, int gid);
void par_exchanged(nrn_model *m);
double par_interval(const nrn_model *m);
double par_maxstep(const nrn_model *m);
int par_min(nrn_model *m, double *x);
void par_add_thread_time(nrn_model *m, double s, int exchanges);
void par_failed_together(nrn_model *m, int how);

/* threads.c: pc psolve with nthread > 1 (parallel.c calls it after its checks), and
** continuerun (fixed.c, after its checks) */
/* 0 (after a notice) when a mechanism in use is not thread safe: the run stays on one thread. */
int thr_usable(nrn_model *m);
int thr_psolve(nrn_model *m, double tstop);
int thr_continuerun(nrn_model *m, double tstop);
/* cvode -local 1: the run to tstop as a part per cell (threads.c, called by cvode_run.c) */
int thr_local_continuerun(nrn_model *m, double tstop);
/* the same exchanging with the other ranks (pc psolve, collective) */
int thr_local_psolve(nrn_model *m, double tstop);
/* threads_local.c: fadvance under cvode -local 1 (NEURON's lvardt fadvance) on parts kept
** from one fadvance to the next; thr_local_end drops them (m holds their state already). */
int thr_local_fadvance(nrn_model *m);
void thr_local_end(nrn_model *m);
/* cvode_run.c: one micro-step of a local part toward no particular time */
int cvode_local_microstep(nrn_model *m);
/* clone.c: nrn_model_clone without the sections, objects, NetCons, records and plays that
** are not part k's (owners of the sections, objects and spike sources; NULL), its spike
** sources only those of part k and those with NetCons to it (keep: thr_split's lists of
** them). All of them are renumbered 0 .. n-1 in id order, so that a part per cell costs a
** cell's memory, not the model's: the copy's source i is m's (*premap)[i], its vector i
** m's (*vecmap)[i] (the caller frees both), its object i m's keep->pp[i], its NetCon i
** m's keep->nc[i]. */
struct part_keep {          /* what part k keeps of m's, each list in id order */
    const int *pre, *nc;    /* spike sources, NetCons */
    int npre, nnc;
    const int *sec, *pp;    /* sections, objects */
    int nsec, npp;
    const int *rec, *play;  /* records, plays */
    int nrec, nplay;
    const int *pb;          /* POINTER bindings (of its objects and sections) */
    int npb;
    const int *ppl;         /* m's object i: its id in its part */
    const int *ncl[2];      /* m's NetCon i: its id in its source's part, in its target's */
    int *lid, *vid;         /* scratch of m->npre and m->nvec entries, -1 before and after
                            ** each part */
};
/* The id in part k of m's NetCon i, or -1 when part k does not keep it (neither its source
** nor its target is the part's). */
static inline int part_nc_id(const nrn_model *m, const int *ppown, const int *preown,
                             const struct part_keep *keep, int k, int i)
{
    const struct netcon *nc = i >= 0 && i < m->nnc ? m->ncs[i] : NULL;
    if (!nc)
        return -1;
    if (preown[nc->presyn] == k)
        return keep->ncl[0][i];
    return nc->target >= 0 && m->pps[nc->target] && ppown[nc->target] == k ? keep->ncl[1][i] : -1;
}
int model_clone_part(nrn_model *m, const int *secown, const int *ppown, const int *preown, int k,
                     const struct part_keep *keep, nrn_model **out, int **premap,
                     int **vecmap);
/* cvode_local.c: a cell's part made (clone of m), joined back, a zero delay refused */
void cvl_part(const nrn_model *m, nrn_model *part);
void cvl_join(nrn_model *m, const nrn_model *part);
void cvl_counts(const nrn_model *part, long c[8]);
void cvl_add_counts(nrn_model *m, const long c[8]);
double cvl_parked_until(const nrn_model *part);
int cvl_zero_delay(nrn_model *m, const char *netcon, double delay);
void par_init(nrn_model *m);
void par_free(nrn_model *m);

/* ref.c */
double *ref_ptr(nrn_model *m, const nrn_ref *ref);
/* (record.c) record r's value pointer for the current compile (NULL: read it through its
** path). */
static inline const double *record_ptr(nrn_model *m, struct record *r)
{
    if (r->gen != m->gen) {
        r->ptr = ref_ptr(m, &r->ref);
        r->gen = m->gen;
    }
    return r->ptr;
}
int ref_pinned(nrn_model *m, const char *name);
void ref_label(const nrn_model *m, const nrn_ref *ref, char *buf, size_t size);
void ref_path(const nrn_model *m, const nrn_ref *ref, char *buf, size_t size);
int ref_obj_is_netcon(const nrn_ref *ref);
int ref_obj_is_pp(const nrn_ref *ref);

/* events.c (value paths of NetCons) */
double *netcon_weight_ptr(nrn_model *m, int id, int k);

#endif /* NRN_INT_H */
