/*
** nrntcl_int.h: what the files of the Tcl layer share: the state behind nrntcl.h, the
** command procs (one cmd_<family>.c file each), and the argument and error helpers.
** Commands are thin: convert arguments, call nrn_*, convert the result (EXAMPLES.md 9).
*/
#ifndef NRNTCL_INT_H
#define NRNTCL_INT_H

#include <stddef.h>
#include <tcl.h>

#include "nrn.h"
#include "nrntcl.h"

/* Tcl 8.6 counts lengths in int, Tcl 9 in Tcl_Size: the one place that knows. */
#ifndef TCL_SIZE_MAX
typedef int Tcl_Size;
#endif

/* One record column: engine record id k is cols[k]. */
struct nrntcl_col {
    char *name; /* the column name (the path, or -as COLUMN) */
    char *path; /* the value path it records */
};

/*
** A Tcl command standing for an engine object: a point process or artificial cell
** (`IClamp ic ...` makes command ic) or a NetCon.
*/
struct nrntcl_obj {
    struct nrntcl *st;       /* the state it belongs to (holds a reference) */
    char *name;              /* the engine's name of the object */
    int netcon;              /* 1 for a NetCon, 0 for a point process / artificial cell */
    Tcl_Command token;       /* its Tcl command */
    struct nrntcl_obj *next; /* the state's list of live objects */
    struct nrntcl_obj *prev;
};

/* A named SaveState (`savestate save NAME`). */
struct nrntcl_saved {
    char *name;                /* its name */
    nrn_state *state;          /* the engine's snapshot (owned) */
    struct nrntcl_saved *next; /* the state's list */
};

/* What each command proc gets as clientData: the state and the table entry's argument. */
struct nrntcl_ctx {
    struct nrntcl *st; /* the state */
    const char *arg;   /* entry argument (the point-process type for IClamp ...), or NULL */
};

#define NRNTCL_MAX_LIBS 16
#define NRNTCL_MAX_LOADED 48

/* The Tcl layer's state for one interpreter (nrntcl.h's opaque handle). */
struct nrntcl {
    Tcl_Interp *interp;       /* the interpreter (not owned) */
    nrn_model *m;             /* the model (owned; NULL once the interpreter is going) */
    int refs;                 /* holders: the interpreter's assoc data and each object */
    int ran;                  /* 1 once a simulation command ran */
    int digits;               /* write_csv's significant digits (0: shortest) */
    struct nrntcl_col *cols;  /* record columns, by engine record id */
    int ncols;                /* number of columns */
    int capcols;              /* allocated entries of cols */
    unsigned gen;             /* changes whenever the columns change */
    char **pending;           /* paths to record when the simulation next starts */
    int npending;             /* number of pending paths */
    struct nrntcl_obj *objs;  /* live object commands (point processes, NetCons) */
    struct nrntcl_saved *saved; /* named SaveStates, newest first */
    struct nrntcl_ctx *ctx;   /* one clientData per command of the table */
    nrn_sample_fn sample_fn;  /* the program's per-sample callback, or NULL */
    void *sample_ud;          /* its argument */
    nrn_spike_fn spike_fn;    /* the program's spike callback, or NULL */
    void *spike_ud;           /* its argument */
    nrn_exchange_fn xfn;      /* the program's callback after each exchange between ranks */
    void *xud;                /* its argument */
    nrn_notice_fn notice_fn;  /* the engine's notices go here (default: stderr channel) */
    void *notice_ud;          /* its argument */
    char last_notice[256];    /* the default handler says each notice once in a row */
    struct nrntcl_pin {       /* the program's pinned globals (nrntcl_pin), for `reset` */
        char name[16], why[24];
        double value;
    } pins[8];
    int npins;
    /* load_mechanisms (cmd_mechlib.c): open libraries and the types they gave, in order */
    void *libs[NRNTCL_MAX_LIBS];
    int nlibs;
    const struct nrn_mech_type *loaded[NRNTCL_MAX_LOADED];
    int nloaded;
    nrn_comm comm;            /* the ranks (pc; nrntcl_set_comm), when has_comm */
    int has_comm;
    int nthread;              /* threads per rank set by the program (nrntcl_set_nthread) */
};

/* Command procs: nrntcl_<command>_cmd, clientData a struct nrntcl_ctx *. */
/* cmd_section.c */
Tcl_ObjCmdProc nrntcl_section_cmd, nrntcl_sections_cmd, nrntcl_segments_cmd;
/* cmd_connect.c */
Tcl_ObjCmdProc nrntcl_connect_cmd;
/* cmd_insert.c */
Tcl_ObjCmdProc nrntcl_insert_cmd, nrntcl_uninsert_cmd, nrntcl_ion_style_cmd;
/* cmd_setpointer.c */
Tcl_ObjCmdProc nrntcl_setpointer_cmd;
/* cmd_functable.c */
Tcl_ObjCmdProc nrntcl_function_table_cmd;
/* cmd_pt3d.c */
Tcl_ObjCmdProc nrntcl_pt3dadd_cmd, nrntcl_pt3dclear_cmd, nrntcl_n3d_cmd, nrntcl_pt3d_get_cmd;
/* cmd_query.c */
Tcl_ObjCmdProc nrntcl_topology_cmd, nrntcl_distance_cmd, nrntcl_subtree_cmd,
    nrntcl_wholetree_cmd;
/* cmd_value.c */
Tcl_ObjCmdProc nrntcl_getval_cmd, nrntcl_setval_cmd;
/* cmd_pp.c */
Tcl_ObjCmdProc nrntcl_pp_cmd;
/* cmd_mechlib.c */
Tcl_ObjCmdProc nrntcl_load_mechanisms_cmd;
/* Registers every loaded type into m (a reset's new model); 1 on failure. */
int nrntcl_mechlib_register_all(struct nrntcl *st, nrn_model *m);
/* cmd_netcon.c */
Tcl_ObjCmdProc nrntcl_netcon_cmd;
/* cmd_pc.c */
Tcl_ObjCmdProc nrntcl_pc_cmd;
/* cmd_savestate.c */
Tcl_ObjCmdProc nrntcl_savestate_cmd;
/* cmd_record.c */
Tcl_ObjCmdProc nrntcl_record_cmd, nrntcl_write_csv_cmd;
/* cmd_vector.c */
Tcl_ObjCmdProc nrntcl_vector_cmd;
/* cmd_run.c */
Tcl_ObjCmdProc nrntcl_finitialize_cmd, nrntcl_fadvance_cmd, nrntcl_continuerun_cmd,
    nrntcl_run_cmd, nrntcl_reset_cmd;

/* cmd_cvode.c */
Tcl_ObjCmdProc nrntcl_cvode_cmd;

/* nrntcl.c */
/* Replaces the model by a new empty one: objects, columns and vectors go. Tcl status. */
int nrntcl_reset(struct nrntcl *st, Tcl_Interp *interp);
/* Drops a reference to st (an object command going away); the last one frees st. */
void nrntcl_state_release(struct nrntcl *st);

/* cmd_pp.c */
/* Deletes every object command of st (the engine objects go with them). */
void nrntcl_objs_delete_all(struct nrntcl *st);
/*
** Makes the global command NAME for engine object o->name (o filled but for st, token,
** next), with proc and delete proc; links it into st's list. The caller has checked that
** no command NAME exists.
*/
void nrntcl_obj_register(struct nrntcl *st, Tcl_Interp *interp, struct nrntcl_obj *o,
                         Tcl_ObjCmdProc *proc, Tcl_CmdDeleteProc *deleted);
/* Unlinks o from its state, frees it and drops its reference (a command's delete proc). */
void nrntcl_obj_free(struct nrntcl_obj *o);
/* Error unless no Tcl command ::NAME exists: command "NAME" already exists (EEXIST). */
int nrntcl_check_new_command(Tcl_Interp *interp, const char *name);
/* Id of the vector NAME, created empty if there is none (not a record column's name). */
int nrntcl_vector_ensure(Tcl_Interp *interp, struct nrntcl *st, const char *name, int *id);

/* cmd_netcon.c */
/*
** Gives the new engine NetCon nc (named name) the options objv (-delay ...) and its object
** command, as NetCon does. On failure the NetCon is deleted. Tcl status.
*/
int nrntcl_netcon_wrap(Tcl_Interp *interp, struct nrntcl *st, const char *name, int nc,
                       int objc, Tcl_Obj *const objv[]);

/* cmd_vecread.c */
/* vector read NAME FILE COLUMN (objv[0] is "vector", objv[1] "read"). Tcl status. */
int nrntcl_vector_read(Tcl_Interp *interp, struct nrntcl *st, int objc, Tcl_Obj *const objv[]);

/* cmd_savestate.c */
/* Frees every named SaveState of st. */
void nrntcl_saved_clear(struct nrntcl *st);

/* cmd_record.c */
/* Adds a column recording path, named column (NULL: the path). Tcl status, result set. */
int nrntcl_record(struct nrntcl *st, Tcl_Interp *interp, const char *path, const char *column);
/* Engine id of the column named name, or -1. */
int nrntcl_column_find(const struct nrntcl *st, const char *name);
/* Frees every column (the engine records must be gone or cleared too). */
void nrntcl_columns_clear(struct nrntcl *st);

/* cmd_record.c */
/* Records path as `record PATH` does, expanding all.VAR to every segment. Tcl status. */
int nrntcl_record_path(struct nrntcl *st, Tcl_Interp *interp, const char *path);

/* cmd_morph.c */
int nrntcl_load_swc_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[]);
int nrntcl_load_asc_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[]);
int nrntcl_load_model_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[]);
int nrntcl_save_model_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[]);
int nrntcl_geom_nseg_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[]);

/* nrntcl_util.c */
/* Sets a formatted error message and -errorcode {NRN <status name>}; returns TCL_ERROR. */
int nrntcl_fail(Tcl_Interp *interp, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Reports the engine's last error (nrn_errmsg) with code rc; returns TCL_ERROR. */
int nrntcl_engine_fail(Tcl_Interp *interp, const struct nrntcl *st, int rc);
/* Section id named by obj, or a Tcl error "no section named ...". */
int nrntcl_get_section(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *obj, int *sec);
/* Section and x of a segment SECTION(X), checked by the engine's path parser. */
int nrntcl_get_segment(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *obj, int *sec,
                       double *x);
/* A segment's printed name, NEURON style: SECTION(%g). Returns a new object. */
Tcl_Obj *nrntcl_segment_name(const char *secname, double x);
/*
** Marks the simulation started: records deferred paths, and t (as column t) when there
** are columns but none records t; sets ran. Tcl status.
*/
int nrntcl_sim_start(struct nrntcl *st, Tcl_Interp *interp);
/* A new object for engine object name (zeroed, name copied), or NULL after ENOMEM. */
struct nrntcl_obj *nrntcl_obj_new(Tcl_Interp *interp, const char *name);
/* The subcommand NAME delete (objv[1]; no more arguments): deletes o's command. */
int nrntcl_obj_delete_sub(Tcl_Interp *interp, struct nrntcl_obj *o, int objc,
                          Tcl_Obj *const objv[]);
/*
** What the delete proc of an object command does, for the kind whose engine lookup and
** delete are find and del: the engine object goes (if the model still has it), then o.
*/
void nrntcl_obj_deleted(struct nrntcl_obj *o, int (*find)(const nrn_model *, const char *),
                        int (*del)(nrn_model *, int));

#endif /* NRNTCL_INT_H */
