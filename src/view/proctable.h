/*
 * proctable.h - the process tables of the procs, faults and oom views: a
 * ui_table with a column per field of proc_schema (the ones a view names
 * shown, the others hidden until chosen), filled from the snapshot's
 * processes with the user filter applied, rates taken against the
 * previous snapshot.
 *
 * Must not: read files; keep pointers into a snapshot past its update.
 */
#ifndef MEMLENS_VIEW_PROCTABLE_H
#define MEMLENS_VIEW_PROCTABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "snapshot.h"
#include "ui_table.h"
#include "view_ops.h"

struct proctable;

/* Fills a view's own columns of one row. */
typedef void (*proctable_extra_fn)(struct proctable *pt, size_t row,
                                   const struct proc *p,
                                   const struct proc *prev,
                                   const struct view_ctx *ctx);

struct proctable {
	struct ui_table table;
	int field_col[VIEW_MAX_FIELDS]; /* proc_schema field -> column, -1 */
	proctable_extra_fn extra;
	bool sorted_once;   /* the first sort (-s, PSS or RSS) is chosen */
	size_t total;       /* processes before the filters */
	char *empty;        /* why there are no processes, or NULL */
};

/*
 * Columns: the named fields in this order shown (NULL: the FF_DEFAULT
 * fields in schema order), every other field hidden.  Columns a view adds
 * itself go after ui_table_add_col on pt->table before the first fill.
 */
void proctable_init(struct proctable *pt, const char *const *shown,
                    size_t nshown);
void proctable_free(struct proctable *pt);
/* The column of a proc_schema field, or -1. */
int proctable_col(const struct proctable *pt, const char *field);
/*
 * Rebuilds the rows from ctx (the user filter applied); on the first fill
 * sorts by ctx->sort_field, else by default_sort, else by RSS when no
 * process has a known value for default_sort.
 */
void proctable_fill(struct proctable *pt, const struct view_ctx *ctx,
                    const char *default_sort);
/*
 * proctable_fill in parts, for a view whose rows are chosen otherwise (the
 * oom view's are the engine's ranking): begin, add each process, end.
 * proctable_add returns the process's row, or PROCTABLE_NO_ROW when the
 * user filter leaves it out.
 */
#define PROCTABLE_NO_ROW ((size_t)-1)
void proctable_begin(struct proctable *pt, const struct view_ctx *ctx);
size_t proctable_add(struct proctable *pt, const struct proc *p,
                     const struct view_ctx *ctx);
void proctable_end(struct proctable *pt, const struct view_ctx *ctx,
                   const char *default_sort);
/* The selected process, or NULL. */
const struct proc *proctable_selected(const struct proctable *pt);
/*
 * Enter on a process asks for its mappings (the vmas view); true when key
 * was Enter (taken, even with nothing selected).
 */
bool proctable_key_open(const struct proctable *pt, struct view_ctx *ctx,
                        int key);
/* "312 of 312 processes" and the filters, for the summary line. */
void proctable_summary(const struct proctable *pt, const struct view_ctx *ctx,
                       struct ui_line *line);
/* The pid, user, state and command line of the selected process. */
void proctable_explain_process(const struct proctable *pt,
                               struct ui_explain *ex);

#endif
