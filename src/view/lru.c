/*
 * lru.c - the lru view (key 8): the LRU lists, reclaim and refault rates,
 * swappiness, swap, pressure and MGLRU, per node and per memory cgroup, and
 * what reclaim would do if SIZE more were needed now, all on one page
 * (lru_page.c, lru_plan.c, lru_gen.c for MGLRU's generations) from the lru
 * engine, which the UI runs on every refresh while the view is on screen.
 * Its keys ask the engine what-ifs:
 * n a need:SIZE plan, Enter the scope of the line under the cursor
 * (cgroup:PATH or node:N; the machine line drops the TUI's what-ifs).
 *
 * Must not: read files, or run the engine itself.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary.h"
#include "lru_view.h"
#include "util.h"

static void *lru_init(const struct view_ctx *ctx)
{
	struct lru_state *st = xcalloc(1, sizeof(*st));

	(void)ctx;
	ui_text_init(&st->text);
	st->text.cursor_visible = true;
	snprintf(st->need, sizeof(st->need), "%s", "1G");
	return st;
}

static void lru_clear_rows(struct lru_state *st)
{
	for (size_t i = 0; i < st->nrows; i++)
		free(st->rows[i].path);
	st->nrows = 0;
}

static void lru_free(void *state)
{
	struct lru_state *st = state;

	lru_clear_rows(st);
	free(st->rows);
	ui_text_free(&st->text);
	free(st);
}

/* Remembers the SIZE of the last need:SIZE, to offer it again with n. */
static void lru_note_need(struct lru_state *st, const struct view_ctx *ctx)
{
	for (size_t i = 0; i < ctx->nwhat_ifs; i++)
		if (strncmp(ctx->what_ifs[i], "need:", 5) == 0)
			snprintf(st->need, sizeof(st->need), "%s",
			         ctx->what_ifs[i] + 5);
}

static void lru_engine_missing(struct lru_state *st, const struct view_ctx *ctx)
{
	const char *error = ctx->sim ? ctx->sim->error[SIM_LRU] : NULL;

	lru_page_scope(st, LRU_ROW_NONE, -1, NULL);
	lru_page_add(st, UI_NORMAL, "%s", "");
	lru_page_add(st, error ? UI_WARN : UI_DIM, "%s",
	             error ? error : _("the lru engine has not run yet"));
}

static void lru_update(void *state, const struct view_ctx *ctx)
{
	struct lru_state *st = state;
	const struct lru_result *r = ctx->sim ? ctx->sim->result[SIM_LRU] : NULL;

	lru_clear_rows(st);
	ui_text_clear(&st->text);
	lru_note_need(st, ctx);
	lru_page_lists(st, ctx, r);
	lru_page_generations(st, ctx->cur);
	if (!r) {
		lru_engine_missing(st, ctx);
	} else {
		lru_page_scope(st, LRU_ROW_NONE, -1, NULL);
		lru_page_rates(st, r);
		lru_page_nodes(st, r);
		lru_page_cgroups(st, r);
		lru_page_scope(st, LRU_ROW_NONE, -1, NULL);
		lru_page_now(st, r);
		lru_page_plans(st, r);
		lru_page_observed(st, r);
		lru_page_timeline(st, ctx, r);
	}
	ui_text_finish(&st->text);
}

static struct ui_text *lru_text(void *state)
{
	return &((struct lru_state *)state)->text;
}

/* The scope of the line under the cursor, or NULL. */
static const struct lru_row *lru_cursor_row(const struct lru_state *st)
{
	const struct ui_text *t = &st->text;
	size_t line;

	if (t->nshown == 0 || t->cursor >= t->nshown)
		return NULL;
	line = t->shown[t->cursor];
	return line < st->nrows ? &st->rows[line] : NULL;
}

/* Enter: the engine's scope becomes the line's (cgroup:PATH, node:N), or
 * the machine again (which drops the what-ifs added in the TUI). */
static bool lru_key_scope(struct lru_state *st, struct view_ctx *ctx)
{
	const struct lru_row *row = lru_cursor_row(st);
	int n = 0;

	if (!row || row->kind == LRU_ROW_NONE)
		return false;
	if (row->kind == LRU_ROW_MACHINE) {
		ctx->request = VIEW_REQ_WHAT_IF_CLEAR;
		return true;
	}
	if (row->kind == LRU_ROW_NODE)
		n = snprintf(ctx->request_what_if, sizeof(ctx->request_what_if),
		             "node:%lld", (long long)row->node);
	else if (row->path)
		n = snprintf(ctx->request_what_if, sizeof(ctx->request_what_if),
		             "cgroup:%s", row->path);
	if (n <= 0 || (size_t)n >= sizeof(ctx->request_what_if))
		return false; /* a path too long for a what-if: not scoped */
	ctx->request = VIEW_REQ_WHAT_IF;
	return true;
}

static bool lru_key(void *state, struct view_ctx *ctx, int key)
{
	struct lru_state *st = state;

	switch (key) {
	case 'n':
		snprintf(ctx->request_what_if, sizeof(ctx->request_what_if),
		         "need:%s", st->need);
		ctx->request = VIEW_REQ_WHAT_IF_EDIT;
		return true;
	case '\n': case '\r': case KEY_ENTER:
		return lru_key_scope(st, ctx);
	default:
		return false;
	}
}

static void lru_explain(void *state, const struct view_ctx *ctx,
                        struct ui_explain *ex)
{
	struct lru_state *st = state;
	const char *line = ui_text_cursor_line(&st->text);
	const struct lru_result *r = ctx->sim ? ctx->sim->result[SIM_LRU] : NULL;

	lru_explain_generation(ctx->cur, lru_cursor_row(st), ex);
	if (r)
		lru_explain_plans(r, lru_cursor_row(st), ex);
	ui_explain_add(ex, UI_EX_TEXT, "%s", "");
	if (line && glossary_explain_line(line, ex, 8) == 0)
		ui_explain_add(ex, UI_EX_NOTE, "%s",
		               _("(nothing on this line is in the glossary; move "
		                 "the cursor to a counter or a setting)"));
	ui_explain_add(ex, UI_EX_TEXT, "%s",
	               _("Reclaim takes pages from the tail of the inactive "
	                 "lists: file pages are dropped or written back, "
	                 "anonymous pages swapped.  pgscan is what it looked "
	                 "at, pgsteal what it freed; refaults are evicted pages "
	                 "needed again soon after, the sign that the working "
	                 "set does not fit.  PSI says how much time tasks lost "
	                 "waiting.  See VIEWS in memlens(1)."));
	views_explain_engine(&lru_view, ctx, ex);
}

static const char *const lru_help[] = {
	N_("n\tif SIZE more were needed now: edit need:SIZE for the engine"),
	N_("Enter\tscope the engine to the node or cgroup under the cursor "
	   "(on the machine's lists: back to the machine, drops the TUI "
	   "what-ifs)"),
	NULL,
};

const struct view_ops lru_view = {
	.id = VIEW_LRU,
	.engine = SIM_LRU,
	.engine_on_screen = true,
	.init = lru_init,
	.free = lru_free,
	.update = lru_update,
	.text = lru_text,
	.key = lru_key,
	.explain = lru_explain,
	.help = lru_help,
};
