/*
 * procs.c - the procs view (key 1): every process with the default columns
 * of the field table, sorted by PSS (or -s), filtered by command and user,
 * as a tree by parent (t), and Enter opens the mappings of the selected
 * process (the vmas view).  Its engine is oom.
 *
 * Must not: read files.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "proctable.h"
#include "util.h"
#include "view_ops.h"

struct procs_state {
	struct proctable pt;
	bool tree;
	/* tree scratch, reused across refreshes */
	size_t *first_child, *next_sibling, *out;
	size_t cap;
};

#define PROCS_NONE ((size_t)-1)

/* The row of pid, through by_pid (row indices sorted by pid). */
static size_t procs_find_row(const struct ui_table *t, const size_t *by_pid,
                             size_t n, int64_t pid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int64_t id = t->rows[by_pid[mid]].id;

		if (id == pid)
			return by_pid[mid];
		if (id < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return PROCS_NONE;
}

/* The tree lines of a row at depth: a pipe for each ancestor level with
 * more siblings below, then a branch or the last corner. */
static const char *procs_prefix(struct ui_table *t, const bool *more,
                                size_t depth)
{
	size_t len = 0;
	char buf[512];

	buf[0] = '\0';
	for (size_t d = 1; d < depth && len + 16 < sizeof(buf); d++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s",
		                        more[d] ? ui_glyph(UI_G_TREE_PIPE)
		                                : ui_glyph(UI_G_TREE_SPACE));
	if (depth > 0 && len + 16 < sizeof(buf))
		snprintf(buf + len, sizeof(buf) - len, "%s",
		         more[depth] ? ui_glyph(UI_G_TREE_BRANCH)
		                     : ui_glyph(UI_G_TREE_LAST));
	return depth ? ui_table_keep(t, xstrdup(buf)) : NULL;
}

#define PROCS_MAX_DEPTH 256

struct procs_walk {
	struct procs_state *st;
	struct ui_table *t;
	size_t n;
	bool more[PROCS_MAX_DEPTH + 1];
};

/* Depth first from root, children in sort order; iterative, so that a
 * deep chain of processes cannot overflow the stack.  Rows deeper than
 * PROCS_MAX_DEPTH are not shown. */
static void procs_walk_from(struct procs_walk *w, size_t root)
{
	const size_t *first_child = w->st->first_child;
	const size_t *next_sibling = w->st->next_sibling;
	size_t stack[PROCS_MAX_DEPTH + 1];
	size_t depth = 0, r = root;

	for (;;) {
		w->more[depth] = depth > 0 && next_sibling[r] != PROCS_NONE;
		w->t->rows[r].prefix = procs_prefix(w->t, w->more, depth);
		w->st->out[w->n++] = r;
		if (first_child[r] != PROCS_NONE && depth < PROCS_MAX_DEPTH) {
			stack[depth++] = r;
			r = first_child[r];
			continue;
		}
		while (depth > 0 && next_sibling[r] == PROCS_NONE)
			r = stack[--depth];
		if (depth == 0)
			return;
		r = next_sibling[r];
	}
}

static int procs_compare_pid(const void *a, const void *b, void *arg)
{
	const struct ui_table *t = arg;
	int64_t x = t->rows[*(const size_t *)a].id;
	int64_t y = t->rows[*(const size_t *)b].id;

	return (x > y) - (x < y);
}

/* Links each row to its parent's children, in sorted order. */
static void procs_link(struct procs_state *st, struct ui_table *t,
                       const size_t *order, size_t n, const size_t *by_pid,
                       bool *is_root)
{
	size_t *last_child = st->out; /* borrowed until the walk */

	for (size_t i = 0; i < t->nrows; i++) {
		st->first_child[i] = st->next_sibling[i] = PROCS_NONE;
		last_child[i] = PROCS_NONE;
	}
	for (size_t i = 0; i < n; i++) {
		size_t r = order[i];
		size_t parent = t->rows[r].parent > 0 && t->rows[r].parent != t->rows[r].id
		                        ? procs_find_row(t, by_pid, t->nrows,
		                                         t->rows[r].parent)
		                        : PROCS_NONE;

		is_root[r] = parent == PROCS_NONE;
		if (is_root[r])
			continue;
		if (last_child[parent] == PROCS_NONE)
			st->first_child[parent] = r;
		else
			st->next_sibling[last_child[parent]] = r;
		last_child[parent] = r;
	}
}

static size_t procs_arrange(struct ui_table *t, size_t *order, size_t n,
                            void *arg)
{
	struct procs_state *st = arg;
	struct procs_walk w = { .st = st, .t = t };
	size_t *by_pid;
	bool *is_root;

	if (!st->tree)
		return n;
	xgrow((void **)&st->first_child, &st->cap, t->nrows + 1, sizeof(size_t));
	st->next_sibling = xrealloc(st->next_sibling, st->cap * sizeof(size_t));
	st->out = xrealloc(st->out, st->cap * sizeof(size_t));
	by_pid = xcalloc(t->nrows + 1, sizeof(*by_pid));
	is_root = xcalloc(t->nrows + 1, sizeof(*is_root));
	for (size_t i = 0; i < t->nrows; i++)
		by_pid[i] = i;
	qsort_r(by_pid, t->nrows, sizeof(*by_pid), procs_compare_pid, t);
	procs_link(st, t, order, n, by_pid, is_root);
	/* Roots in sort order; a row on a parent cycle is never reached
	 * from a root and is left out. */
	for (size_t i = 0; i < n; i++) {
		if (!is_root[order[i]])
			continue;
		procs_walk_from(&w, order[i]);
	}
	memcpy(order, st->out, w.n * sizeof(*order));
	free(by_pid);
	free(is_root);
	return w.n;
}

static void *procs_init(const struct view_ctx *ctx)
{
	struct procs_state *st = xcalloc(1, sizeof(*st));

	(void)ctx;
	proctable_init(&st->pt, NULL, 0);
	st->pt.table.arrange = procs_arrange;
	st->pt.table.arrange_arg = st;
	return st;
}

static void procs_free(void *state)
{
	struct procs_state *st = state;

	proctable_free(&st->pt);
	free(st->first_child);
	free(st->next_sibling);
	free(st->out);
	free(st);
}

static void procs_update(void *state, const struct view_ctx *ctx)
{
	struct procs_state *st = state;

	proctable_fill(&st->pt, ctx, "pss_kb");
}

static int procs_summary(void *state, const struct view_ctx *ctx,
                         struct ui_line *lines, int max)
{
	struct procs_state *st = state;

	if (max < 1)
		return 0;
	proctable_summary(&st->pt, ctx, &lines[0]);
	if (st->tree)
		ui_line_add(&lines[0], UI_NORMAL, ", %s", _("as a tree"));
	return 1;
}

static struct ui_table *procs_table(void *state)
{
	return &((struct procs_state *)state)->pt.table;
}

static bool procs_key(void *state, struct view_ctx *ctx, int key)
{
	struct procs_state *st = state;

	switch (key) {
	case 't':
		st->tree = !st->tree;
		if (!st->tree)
			for (size_t r = 0; r < st->pt.table.nrows; r++)
				st->pt.table.rows[r].prefix = NULL;
		ui_table_finish(&st->pt.table);
		return true;
	default:
		return proctable_key_open(&st->pt, ctx, key);
	}
}

static void procs_explain(void *state, const struct view_ctx *ctx,
                          struct ui_explain *ex)
{
	struct procs_state *st = state;

	views_explain_column(&st->pt.table, ctx, ex);
	proctable_explain_process(&st->pt, ex);
	views_explain_engine(&procs_view, ctx, ex);
}

static void procs_status(void *state, struct ui_line *line)
{
	struct procs_state *st = state;

	if (st->tree)
		ui_line_add(line, UI_STATUS, " %s ", _("tree"));
}

static const char *const procs_help[] = {
	N_("t\tprocess tree (by parent)"),
	N_("Enter\tthe mappings of the selected process (vmas view)"),
	NULL,
};

const struct view_ops procs_view = {
	.id = VIEW_PROCS,
	.engine = SIM_OOM,
	.init = procs_init,
	.free = procs_free,
	.update = procs_update,
	.summary = procs_summary,
	.table = procs_table,
	.key = procs_key,
	.explain = procs_explain,
	.status = procs_status,
	.help = procs_help,
};
