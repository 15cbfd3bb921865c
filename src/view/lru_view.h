/*
 * lru_view.h - the parts of the lru view (key 8): one scrollable page built
 * from the snapshot and the lru engine's result on every refresh.  Each
 * line of the page knows the scope it is about (the machine, a node, a
 * memory cgroup), so that Enter can scope the engine to the line under the
 * cursor.
 *
 *   lru.c       the view_ops: state, keys, explain panel
 *   lru_page.c  lists, settings, reclaim rates, nodes, the cgroup table
 *   lru_plan.c  "if SIZE were needed now", observed against modelled, and
 *               the timeline of a workload what-if
 *   lru_gen.c   MGLRU's generations (debugfs lru_gen), or why there are none
 *
 * Must not: read files, or run the engine (the UI does, engine_on_screen).
 */
#ifndef MEMLENS_VIEW_LRU_VIEW_H
#define MEMLENS_VIEW_LRU_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "lru.h"
#include "view_ops.h"

enum lru_row_kind { LRU_ROW_NONE, LRU_ROW_MACHINE, LRU_ROW_NODE,
	            LRU_ROW_CGROUP };

/* What a line of the page is about. */
struct lru_row {
	enum lru_row_kind kind;
	int64_t node;
	char *path; /* the cgroup's, owned */
	long gen;   /* index of its generation in the snapshot's lru_gen, or -1 */
};

/* The identity of the prediction on screen, to tell when it changed. */
struct lru_prediction_mark {
	bool set;
	int64_t anon_kb, swap_kb, file_kb, page_events, refaults;
	size_t nsteps;
	double start_time; /* the snapshot it was first seen with */
};

struct lru_state {
	struct ui_text text;
	struct lru_row *rows; /* one per line of text */
	size_t nrows, cap;
	enum lru_row_kind row_kind; /* of the lines being added */
	int64_t row_node;
	const char *row_path;
	long row_gen; /* set by lru_gen.c for one line; lru_page_scope clears */
	char need[32];        /* the last SIZE asked for with n */
	struct lru_prediction_mark mark;
};

/* Adds a line about the scope set with lru_page_scope(). */
void lru_page_add(struct lru_state *st, enum ui_style style, const char *fmt,
                  ...) __attribute__((format(printf, 3, 4)));
void lru_page_scope(struct lru_state *st, enum lru_row_kind kind,
                    int64_t node, const char *path);
/* head, then text word-wrapped into lines of the page. */
void lru_page_prose(struct lru_state *st, enum ui_style style,
                    const char *head, const char *text);
/* "[####......]" of value / total in width glyphs. */
void lru_page_bar(char *buf, size_t len, double value, double total,
                  int width);

/* lru_page.c */
void lru_page_lists(struct lru_state *st, const struct view_ctx *ctx,
                    const struct lru_result *r);
void lru_page_rates(struct lru_state *st, const struct lru_result *r);
void lru_page_nodes(struct lru_state *st, const struct lru_result *r);
void lru_page_cgroups(struct lru_state *st, const struct lru_result *r);

/* lru_gen.c: the MGLRU block, and the explain panel's sentences about
 * the generation on row (nothing when row is not one). */
void lru_page_generations(struct lru_state *st, const struct snapshot *s);
void lru_explain_generation(const struct snapshot *s, const struct lru_row *row,
                            struct ui_explain *ex);

/* lru_plan.c */
void lru_page_now(struct lru_state *st, const struct lru_result *r);
void lru_page_plans(struct lru_state *st, const struct lru_result *r);
void lru_page_observed(struct lru_state *st, const struct lru_result *r);
void lru_page_timeline(struct lru_state *st, const struct view_ctx *ctx,
                       const struct lru_result *r);
/* In sentences, for the explain panel: the decision of the scope of row
 * (the line under the cursor; may be NULL), then the engine's scope and
 * its plans. */
void lru_explain_plans(const struct lru_result *r, const struct lru_row *row,
                       struct ui_explain *ex);

#endif
