/*
 * view_ops.h - what a view of the TUI is: a struct view_ops (tmux's
 * window_mode shape) in a registry indexed by enum view_id (view.h), and
 * the context the UI hands every view: the current and previous snapshot,
 * the engines' results, and the few settings views share (the user
 * filter, the process the vmas view shows).
 *
 * A view builds its table (ui_table.h) or text page (ui_text.h) from the
 * context in update(); the UI draws it, and handles the keys every table
 * shares (moving, sorting, filtering, the mouse).  A view asks the UI for
 * something (open the mappings of a process, go back) by setting
 * ctx->request.
 *
 * Must not: read files or the clock (views read snapshots only, so live
 * and replayed data look the same), or keep a pointer into a snapshot
 * past the next update().
 */
#ifndef MEMLENS_VIEW_OPS_H
#define MEMLENS_VIEW_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "schema.h"
#include "sim.h"
#include "snapshot.h"
#include "ui_draw.h"
#include "ui_explain.h"
#include "ui_table.h"
#include "ui_text.h"
#include "view.h"

enum view_request {
	VIEW_REQ_NONE,
	VIEW_REQ_OPEN_VMAS, /* show the mappings of request_pid */
	VIEW_REQ_BACK,      /* back to the view before */
	/* Add request_what_if to the view's engine (after the command line's
	 * --what-if ones) and run it again; a rejected one shows its error. */
	VIEW_REQ_WHAT_IF,
	/* Open the line editor with request_what_if ("adj:1234="); Enter adds
	 * what was typed as VIEW_REQ_WHAT_IF does, Esc cancels. */
	VIEW_REQ_WHAT_IF_EDIT,
	/* Drop the what-ifs added in the TUI. */
	VIEW_REQ_WHAT_IF_CLEAR,
};

/* The longest what-if a view can ask for. */
#define VIEW_WHAT_IF_LEN 256

struct view_ctx {
	const struct snapshot *prev; /* NULL for the first snapshot */
	const struct snapshot *cur;  /* never NULL once views are updated */
	const struct sim_results *sim;
	double interval;             /* seconds from prev to cur; 0: no rates */
	bool utf8;
	bool replay;
	const char *user;            /* show only this user's processes */
	const char *sort_field;      /* -s: the first sort of process tables */
	bool sort_ascending;
	int64_t vmas_pid;            /* the process of the vmas view, or -1 */
	bool explain_open;           /* the explain panel is on screen */
	/* Every what-if the current view's engine ran with: the command
	 * line's, then those added in the TUI (the last ntui of them). */
	const char *const *what_ifs;
	size_t nwhat_ifs, ntui_what_ifs;

	enum view_request request;
	int64_t request_pid;
	char request_what_if[VIEW_WHAT_IF_LEN];
};

/* The most fields of one field table a view maps to columns. */
#define VIEW_MAX_FIELDS 128

/* The most lines a view puts above its table. */
#define VIEW_SUMMARY_LINES 4

struct view_ops {
	enum view_id id;
	enum sim_engine engine; /* the engine paired with it (DESIGN.md) */
	/* The engine runs on every refresh while the view is on screen (its
	 * result is what the view shows), not only while the explain panel
	 * is open. */
	bool engine_on_screen;
	void *(*init)(const struct view_ctx *ctx);
	void (*free)(void *state);
	/* New data (or a new user filter): rebuild the rows. */
	void (*update)(void *state, const struct view_ctx *ctx);
	/* Lines above the table (totals, settings); returns how many. */
	int (*summary)(void *state, const struct view_ctx *ctx,
	               struct ui_line *lines, int max);
	/* The view's table or text page (one of them, the other NULL). */
	struct ui_table *(*table)(void *state);
	struct ui_text *(*text)(void *state);
	/* Keys of this view only (Enter, t, f); true when used. */
	bool (*key)(void *state, struct view_ctx *ctx, int key);
	/* Fills the explain panel; NULL: the generic field explanation. */
	void (*explain)(void *state, const struct view_ctx *ctx,
	                struct ui_explain *ex);
	/* Adds the view's state to the status line (tree, folded). */
	void (*status)(void *state, struct ui_line *line);
	/* Its own keys for the help screen, "key\tmeaning" lines, or NULL. */
	const char *const *help;
	/* Sections beyond view_table's it wants collected now (KNOWN(SEC_*)),
	 * or NULL.  The costly SEC_PAGEBLOCKS (a scan of /proc/kpageflags) is
	 * read only when a view asks for it here, never just because its
	 * engine could use it.  Asked again after each of the view's keys. */
	uint64_t (*sections)(void *state, const struct view_ctx *ctx);
};

/* The registry: the view_ops of each view (views.c). */
const struct view_ops *views_get(enum view_id id);

/* ---- helpers the views share (views.c) ---------------------------------- */

/* Explains column col of table t for the selected row: meaning, unit,
 * source and cost, value, and why it is n/a. */
void views_explain_column(const struct ui_table *t, const struct view_ctx *ctx,
                          struct ui_explain *ex);
/* Adds the engine's result (batch text of it), or says it is coming. */
void views_explain_engine(const struct view_ops *ops,
                          const struct view_ctx *ctx, struct ui_explain *ex);
/* The reason a section or source is unavailable in cur, or NULL. */
const char *views_unavailable(const struct view_ctx *ctx, const char *source);
/* A meminfo value in KiB; false when not read. */
bool views_meminfo(const struct snapshot *s, const char *name, int64_t *kb);
/* Per-second change of the sum of vmstat counters; false without one. */
bool views_vmstat_rate(const struct view_ctx *ctx, const char *const *names,
                       size_t n, double *rate);

/* The views, one file each. */
extern const struct view_ops procs_view;
extern const struct view_ops vmas_view;
extern const struct view_ops faults_view;
extern const struct view_ops slab_view;
extern const struct view_ops numa_view;
extern const struct view_ops thp_view;
extern const struct view_ops buddy_view;
extern const struct view_ops lru_view;
extern const struct view_ops oom_view;

#endif
