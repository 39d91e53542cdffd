/*
** ast.c: the memory of a syntax tree (an arena freed at once) and the tree printer
** behind `nrn-build mod --ast`: one node a line, indented by depth, with its position.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nmodl_int.h"

struct nm_chunk {
    struct nm_chunk *next;
    size_t used, size;
    max_align_t data[];
};

void *arena_alloc(struct nm_arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    struct nm_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > 65536 ? size : 65536;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->size = cap;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void arena_free(struct nm_arena *a)
{
    while (a->head) {
        struct nm_chunk *n = a->head->next;
        free(a->head);
        a->head = n;
    }
}

void node_vmsg(char *err, size_t errsize, const nm_node *at, const char *file, const char *fmt,
               va_list ap)
{
    char msg[400];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (at)
        snprintf(err, errsize, "%s:%d:%d: %s", at->file, at->line, at->col, msg);
    else
        snprintf(err, errsize, "%s: %s", file, msg);
}

void nm_tree_free(nm_tree *t)
{
    if (!t)
        return;
    arena_free(&t->arena);
    free(t);
}

nm_node *nm_root(const nm_tree *t)
{
    return t->root;
}

static const char *const kind_names[NM_NKIND] = {
    [NM_FILE] = "FILE", [NM_TITLE] = "TITLE", [NM_VERBATIM] = "VERBATIM",
    [NM_DEFINE] = "DEFINE", [NM_UNITSFLAG] = "UNITSFLAG", [NM_INCLUDE] = "INCLUDE",
    [NM_NEURON] = "NEURON", [NM_SUFFIX] = "SUFFIX", [NM_USEION] = "USEION",
    [NM_NRNLIST] = "NRNLIST", [NM_THREADSAFE] = "THREADSAFE", [NM_REPRESENTS] = "REPRESENTS",
    [NM_UNITS] = "UNITS", [NM_UNITDEF] = "UNITDEF", [NM_FACTOR] = "FACTOR",
    [NM_PARAMETER] = "PARAMETER", [NM_ASSIGNED] = "ASSIGNED", [NM_STATE] = "STATE",
    [NM_CONSTANT] = "CONSTANT", [NM_INDEPENDENT] = "INDEPENDENT", [NM_DECL] = "DECL",
    [NM_INITIAL] = "INITIAL", [NM_BREAKPOINT] = "BREAKPOINT", [NM_DERIVATIVE] = "DERIVATIVE",
    [NM_KINETIC] = "KINETIC", [NM_LINEAR] = "LINEAR", [NM_NONLINEAR] = "NONLINEAR",
    [NM_DISCRETE] = "DISCRETE", [NM_PROCEDURE] = "PROCEDURE", [NM_FUNCTION] = "FUNCTION",
    [NM_FUNCTION_TABLE] = "FUNCTION_TABLE", [NM_NET_RECEIVE] = "NET_RECEIVE",
    [NM_CONSTRUCTOR] = "CONSTRUCTOR", [NM_DESTRUCTOR] = "DESTRUCTOR", [NM_BEFORE] = "BEFORE",
    [NM_AFTER] = "AFTER", [NM_LIST] = "LIST", [NM_NAME] = "NAME", [NM_BLOCK] = "BLOCK",
    [NM_LOCAL] = "LOCAL", [NM_ASSIGN] = "ASSIGN", [NM_EXPRSTMT] = "EXPRSTMT", [NM_IF] = "IF",
    [NM_WHILE] = "WHILE", [NM_FROM] = "FROM", [NM_SOLVE] = "SOLVE", [NM_TABLE] = "TABLE",
    [NM_REACTION] = "REACTION", [NM_REACTANT] = "REACTANT", [NM_CONSERVE] = "CONSERVE",
    [NM_COMPARTMENT] = "COMPARTMENT", [NM_LONGDIFUS] = "LONGITUDINAL_DIFFUSION",
    [NM_EQUATION] = "EQUATION", [NM_WATCH] = "WATCH", [NM_WATCHITEM] = "WATCHITEM",
    [NM_FOR_NETCONS] = "FOR_NETCONS", [NM_NETINITIAL] = "NETINITIAL", [NM_LAG] = "LAG",
    [NM_PROTECT] = "PROTECT", [NM_MUTEX] = "MUTEX", [NM_CONDUCTANCE] = "CONDUCTANCE",
    [NM_NUM] = "NUM", [NM_VAR] = "VAR", [NM_CALL] = "CALL", [NM_STRING] = "STRING",
    [NM_BINOP] = "BINOP", [NM_UNOP] = "UNOP", [NM_PAREN] = "PAREN", [NM_NONE] = "NONE",
};

const char *nm_kind_name(nm_kind k)
{
    return k < NM_NKIND && kind_names[k] ? kind_names[k] : "?";
}

/* Prints s with newlines and tabs escaped, so every node stays on one line. */
static void put_escaped(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n", out);
        else if (*s == '\t')
            fputs("\\t", out);
        else if (*s == '\\')
            fputs("\\\\", out);
        else
            fputc(*s, out);
    }
}

static void put_attr(FILE *out, const char *name, const char *v)
{
    if (!v)
        return;
    fprintf(out, " %s=", name);
    put_escaped(out, v);
}

static void print_node(FILE *out, const nm_node *n, int depth)
{
    fprintf(out, "%*s%s %d:%d", depth * 2, "", nm_kind_name(n->kind), n->line, n->col);
    if (n->text) {
        fputc(' ', out);
        fputc('"', out);
        put_escaped(out, n->text);
        fputc('"', out);
    }
    put_attr(out, "value", n->value);
    put_attr(out, "unit", n->unit);
    put_attr(out, "unit2", n->unit2);
    put_attr(out, "lo", n->lo);
    put_attr(out, "hi", n->hi);
    put_attr(out, "abstol", n->abstol);
    put_attr(out, "with", n->with);
    if (n->ival)
        fprintf(out, " ival=%d", n->ival);
    fputc('\n', out);
    for (int i = 0; i < n->n; i++)
        print_node(out, n->kid[i], depth + 1);
}

void nm_print(FILE *out, const nm_node *root)
{
    print_node(out, root, 0);
}

int nm_has_kind(const nm_node *n, nm_kind k)
{
    if (n->kind == k)
        return 1;
    for (int i = 0; i < n->n; i++)
        if (n->kid[i] && nm_has_kind(n->kid[i], k))
            return 1;
    return 0;
}
