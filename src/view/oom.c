/*
 * oom.c - the oom view (key 9): the oom engine's ranking, the victim
 * first, each process with the parts of its badness (rss as anon + file +
 * shmem, swap, page tables, adj x totalpages / 1000), its share of
 * totalpages, the model's oom_score beside the kernel's (a mismatch is
 * drawn as a warning), and why the unkillable are (at the bottom, dimmed).
 * Above the table: the scope and its totalpages, the kill order, the
 * model against the kernel, the overcommit state (and the answers of a
 * commit: what-if) and the what-ifs in force.  Keys on the selected
 * process ask for what-ifs (a, m, x); H shows the 2.6 heuristic's ranking
 * beside today's.  The explain panel walks the selected process through
 * oom_badness() with its own numbers (oom_explain_process()).
 *
 * The rows are the engine's (its scope: a --cgroup PATH ranks only the
 * group's processes), joined to the snapshot's processes by pid for the
 * user, command line and the other process columns.
 *
 * Must not: read files, or compute what the engine computes.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "proctable.h"
#include "util.h"
#include "view_ops.h"

/* The engine's columns, in screen order around pid, user and comm. */
enum oom_col_flag {
	OC_HIDDEN = 1,   /* chosen from the sort list (s) */
	OC_HISTORIC = 2, /* shown by H */
	OC_BEFORE_PID = 4,
};

static const struct {
	const char *field;
	unsigned flags;
} oom_cols[] = {
	{ "rank", OC_BEFORE_PID },
	{ "historic_rank", OC_BEFORE_PID | OC_HISTORIC },
	{ "historic_points", OC_BEFORE_PID | OC_HISTORIC },
	{ "oom_score", 0 },
	{ "kernel_oom_score", 0 },
	{ "badness", 0 },
	{ "share_permille", 0 },
	{ "rss_pages", 0 },
	{ "anon_pages", 0 },
	{ "file_pages", 0 },
	{ "shmem_pages", 0 },
	{ "swap_pages", 0 },
	{ "pgtables_pages", 0 },
	{ "oom_score_adj", 0 },
	{ "adj_pages", 0 },
	{ "reason", 0 },
	{ "score_match", OC_HIDDEN },
	{ "killable", OC_HIDDEN },
	{ "mm_group", OC_HIDDEN },
};

#define OOM_NCOLS ARRAY_SIZE(oom_cols)

/* The process columns shown; the others are hidden, as in procs. */
static const char *const oom_proc_columns[] = { "pid", "user", "comm" };

struct oom_state {
	struct proctable pt;
	int col[OOM_NCOLS];
	bool historic; /* H: the 2.6 heuristic's columns */
	bool to_victim; /* select the victim at the next update (after x) */
};

static const struct oom_result *oom_result(const struct view_ctx *ctx)
{
	return ctx->sim ? ctx->sim->result[SIM_OOM] : NULL;
}

/* ---- columns --------------------------------------------------------------- */

static void oom_add_col(struct oom_state *st, size_t i)
{
	const struct field *f = schema_field(&oom_rank_schema, oom_cols[i].field);
	struct ui_column col = {
		.title = f->title, .name = f->name, .schema = &oom_rank_schema,
		.field = f, .width = f->width,
		.kind = f->type == FT_STRING ? UI_COL_TEXT : UI_COL_INT,
		.left = (f->flags & FF_LEFT) != 0,
		.hidden = (oom_cols[i].flags & (OC_HIDDEN | OC_HISTORIC)) != 0,
		.ascending_first = f->type == FT_STRING ||
		                   strcmp(f->name, "rank") == 0 ||
		                   strcmp(f->name, "historic_rank") == 0,
	};

	if (strcmp(f->name, "reason") == 0)
		col.width = 23; /* "the global init process" */
	st->col[i] = ui_table_add_col(&st->pt.table, &col);
}

/* Screen order: rank (and the historic columns), pid, user, the engine's,
 * comm last (it takes the rest of the line), then the hidden ones. */
static void oom_order_cols(struct oom_state *st)
{
	struct ui_table *t = &st->pt.table;
	bool placed[UI_TABLE_MAX_COLS] = { false };
	size_t n = 0;

#define PLACE(c) do { if ((c) >= 0 && !placed[c]) { \
		placed[c] = true; t->display[n++] = (c); } } while (0)
	for (size_t i = 0; i < OOM_NCOLS; i++)
		if (oom_cols[i].flags & OC_BEFORE_PID)
			PLACE(st->col[i]);
	PLACE(proctable_col(&st->pt, "pid"));
	PLACE(proctable_col(&st->pt, "user"));
	for (size_t i = 0; i < OOM_NCOLS; i++)
		if (!(oom_cols[i].flags & (OC_BEFORE_PID | OC_HIDDEN)))
			PLACE(st->col[i]);
	PLACE(proctable_col(&st->pt, "comm"));
	for (size_t c = 0; c < t->ncols; c++)
		PLACE((int)c);
#undef PLACE
}

static void *oom_init(const struct view_ctx *ctx)
{
	struct oom_state *st = xcalloc(1, sizeof(*st));

	(void)ctx;
	proctable_init(&st->pt, oom_proc_columns, ARRAY_SIZE(oom_proc_columns));
	for (size_t i = 0; i < OOM_NCOLS; i++)
		oom_add_col(st, i);
	oom_order_cols(st);
	return st;
}

static void oom_free(void *state)
{
	struct oom_state *st = state;

	proctable_free(&st->pt);
	free(st);
}

/* ---- rows ------------------------------------------------------------------ */

static void oom_cells(struct oom_state *st, size_t row,
                      const struct oom_rank *rank)
{
	struct ui_table *t = &st->pt.table;
	struct ui_row *r = ui_table_row(t, row);

	for (size_t i = 0; i < OOM_NCOLS; i++) {
		const struct field *f = t->cols[st->col[i]].field;
		bool known = field_known(&oom_rank_schema, f, rank);
		int64_t value;

		if (f->type == FT_STRING) { /* the reason */
			const char *text = *(char *const *)field_ptr(f, rank);

			/* A copy: another view's engine run frees the result.
			 * No reason is the usual case: blank, not n/a. */
			if (known && text)
				text = ui_table_keep(t, xstrdup(text));
			ui_table_set_text(t, row, st->col[i], known ? text : "");
			continue;
		}
		memcpy(&value, field_ptr(f, rank), sizeof(value));
		ui_table_set_int(t, row, st->col[i], known, value);
	}
	if ((rank->known & KNOWN(ORK_KILLABLE)) && !rank->killable)
		r->style = UI_DIM;
	if ((rank->known & KNOWN(ORK_MATCH)) && !rank->score_match)
		r->style = UI_WARN;
}

static const struct proc *oom_proc(const struct snapshot *s, int64_t pid)
{
	struct proc key = { .pid = pid };

	return s->processes ? proc_schema.find_prev(s->processes, s->nprocesses,
	                                            &key)
	                    : NULL;
}

/* Why there are no rows: the engine's error, or that it is off. */
static void oom_no_result(struct oom_state *st, const struct view_ctx *ctx)
{
	const char *error = ctx->sim ? ctx->sim->error[SIM_OOM] : NULL;

	if (st->pt.empty)
		return;
	st->pt.empty = error ? xasprintf(_("the oom engine has no result: %s"),
	                                 error)
	                     : xstrdup(_("the oom engine is not running (--sim "
	                                 "without oom)"));
	st->pt.table.empty_text = st->pt.empty;
}

static void oom_update(void *state, const struct view_ctx *ctx)
{
	struct oom_state *st = state;
	const struct oom_result *r = oom_result(ctx);
	struct view_ctx own = *ctx;
	struct ui_table *t = &st->pt.table;

	own.sort_field = NULL; /* -s is for the procs view */
	proctable_begin(&st->pt, &own);
	for (size_t i = 0; r && i < r->nranking; i++) {
		const struct proc *p = oom_proc(ctx->cur, r->ranking[i].pid);
		size_t row = p ? proctable_add(&st->pt, p, &own) : PROCTABLE_NO_ROW;

		if (row != PROCTABLE_NO_ROW)
			oom_cells(st, row, &r->ranking[i]);
	}
	if (r)
		st->pt.total = r->nranking; /* the scope's, for the summary */
	else
		oom_no_result(st, ctx);
	if (!st->pt.sorted_once && t->nrows) { /* the victim first */
		t->sort_col = t->cursor_col = st->col[0];
		t->descending = false;
		st->pt.sorted_once = true;
	}
	proctable_end(&st->pt, &own, "rank");
	if (st->to_victim && r && (r->known & KNOWN(ORS_VICTIM))) {
		ui_table_select_id(t, r->victim);
		st->to_victim = false;
	}
}

/* ---- the lines above the table --------------------------------------------- */

static const char *oom_mode(const char *mode)
{
	if (!mode || !mode[0] || mode[1])
		return "";
	switch (mode[0]) {
	case '0': return _("heuristic");
	case '1': return _("always overcommit");
	case '2': return _("never overcommit");
	default: return "";
	}
}

static const char *oom_ok(int64_t ok)
{
	return ok ? _("ok") : _("fails");
}

/* commit:SIZE: would it succeed under each overcommit mode. */
static void oom_commit_answers(struct ui_line *l, const struct oom_result *r)
{
	const struct oom_overcommit *o = r ? &r->overcommit : NULL;
	char b[UI_NUM_LEN];

	if (!o || !(o->known & KNOWN(OOC_ANSWERS)))
		return;
	ui_line_add(l, UI_LABEL, "  %s ", _("commit"));
	ui_line_add(l, o->ok_now ? UI_VALUE : UI_WARN,
	            _("%s: mode 0 %s, 1 %s, 2 %s as root, %s as a user; now %s"),
	            ui_format_human(b, o->ask_kb), oom_ok(o->ok_mode0),
	            oom_ok(o->ok_mode1), oom_ok(o->ok_mode2_admin),
	            oom_ok(o->ok_mode2_user), oom_ok(o->ok_now));
}

static void oom_commit(struct ui_line *l, const struct view_ctx *ctx,
                       const struct oom_result *r)
{
	int64_t limit, committed, kills;
	char b[2][UI_NUM_LEN];

	if (views_meminfo(ctx->cur, "CommitLimit", &limit) &&
	    views_meminfo(ctx->cur, "Committed_AS", &committed)) {
		ui_line_add(l, UI_LABEL, "%s ", _("commit"));
		ui_line_add(l, UI_VALUE, "%s", ui_format_human(b[0], committed));
		ui_line_add(l, UI_NORMAL, " / %s", ui_format_human(b[1], limit));
		if (limit > 0)
			ui_line_add(l, committed > limit ? UI_WARN : UI_NORMAL,
			            " (%.0f%%)", 100.0 * (double)committed / (double)limit);
	}
	oom_commit_answers(l, r);
	if ((ctx->cur->known & KNOWN(SEC_VMSTAT)) &&
	    kvlist_get(&ctx->cur->vmstat, "oom_kill", &kills)) {
		ui_line_add(l, UI_LABEL, "  %s ", _("oom_kill"));
		ui_line_add(l, kills ? UI_WARN : UI_VALUE, "%" PRId64, kills);
		ui_line_add(l, UI_NORMAL, " %s", _("since boot"));
	}
}

static void oom_overcommit_line(struct ui_line *l, const struct view_ctx *ctx,
                                const struct oom_result *r)
{
	const char *mode = skvlist_get(&ctx->cur->sysctl, "overcommit_memory");
	const char *ratio = skvlist_get(&ctx->cur->sysctl, "overcommit_ratio");

	ui_line_add(l, UI_LABEL, "%s ", _("overcommit_memory"));
	ui_line_add_safe(l, UI_VALUE, mode);
	ui_line_add(l, UI_NORMAL, " (%s), ", oom_mode(mode));
	ui_line_add(l, UI_LABEL, "%s ", _("ratio"));
	ui_line_add_safe(l, UI_VALUE, ratio);
	ui_line_add(l, UI_NORMAL, "%s", "  ");
	oom_commit(l, ctx, r);
}

/* "scope global, totalpages 6182927 (RAM 6182927 + swap 0)", the
 * what-ifs in force. */
static void oom_scope_line(struct ui_line *l, const struct view_ctx *ctx,
                           const struct oom_result *r)
{
	ui_line_add(l, UI_LABEL, "%s ", _("scope"));
	ui_line_add_safe(l, UI_VALUE, r->scope);
	ui_line_add(l, UI_LABEL, ", %s ", _("totalpages"));
	if (!(r->known & KNOWN(ORS_TOTALPAGES)))
		ui_line_add(l, UI_WARN, "n/a");
	else
		ui_line_add(l, UI_VALUE, "%" PRId64, r->totalpages);
	if (r->known & KNOWN(ORS_MEMCG))
		ui_line_add(l, UI_NORMAL, _(" (limit %" PRId64 " + swap %" PRId64 ")"),
		            r->memcg_max_pages, r->memcg_swap_pages);
	else if ((r->known & KNOWN(ORS_GLOBAL_TOTALPAGES)) &&
	         r->totalpages == r->totalpages_global)
		ui_line_add(l, UI_NORMAL, _(" (RAM %" PRId64 " + swap %" PRId64 ")"),
		            r->ram_pages, r->swap_pages);
	ui_line_add(l, UI_NORMAL, ", %s ", _("rules of Linux"));
	ui_line_add_safe(l, UI_NORMAL, r->kernel_rules);
	for (size_t i = 0; i < ctx->nwhat_ifs; i++) {
		ui_line_add(l, UI_LABEL, "%s", i ? ", " : _("  what-if "));
		ui_line_add_safe(l, UI_WARN, ctx->what_ifs[i]);
	}
}

/* The victim and the next two of the kill order, with what each frees. */
static void oom_victim_line(struct ui_line *l, const struct oom_state *st,
                            const struct oom_result *r)
{
	if (!(r->known & KNOWN(ORS_VICTIM))) {
		ui_line_add(l, UI_LABEL, "%s ", _("victim"));
		ui_line_add(l, UI_WARN, "n/a");
		ui_line_add(l, UI_NORMAL, ": ");
		ui_line_add_safe(l, UI_NORMAL, r->victim_note);
		return;
	}
	for (size_t i = 0; i < r->nkill_order && i < 3; i++) {
		const struct oom_kill *k = &r->kill_order[i];

		ui_line_add(l, UI_LABEL, "%s", i ? _(", then ") : _("victim "));
		ui_line_add(l, i ? UI_VALUE : UI_WARN, "%" PRId64 " ", k->pid);
		ui_line_add_safe(l, i ? UI_VALUE : UI_WARN, k->comm);
		if (k->nwith)
			ui_line_add(l, UI_NORMAL, _(" (+%zu sharing its mm)"), k->nwith);
		if (k->known & KNOWN(OKL_FREED))
			ui_line_add(l, UI_NORMAL, _(" frees %" PRId64), k->freed_pages);
	}
	if (r->nkill_order)
		ui_line_add(l, UI_NORMAL, " %s", _("pages"));
	if (r->panic)
		ui_line_add(l, UI_WARN, "; %s", _("but vm.panic_on_oom panics first"));
	if (st->historic && (r->known & KNOWN(ORS_HISTORIC_VICTIM))) {
		ui_line_add(l, UI_LABEL, "; %s ", _("2.6 heuristic"));
		ui_line_add(l, UI_VALUE, "%" PRId64 " ", r->historic_victim);
		ui_line_add_safe(l, UI_VALUE, r->historic_victim_comm);
	}
}

/* "24 of 81 processes, by RANK", the counts, the model against the
 * kernel. */
static void oom_count_line(struct ui_line *l, const struct oom_state *st,
                           const struct view_ctx *ctx,
                           const struct oom_result *r)
{
	proctable_summary(&st->pt, ctx, l);
	if (!r)
		return;
	ui_line_add(l, UI_NORMAL, _("; killable %" PRId64 ", unkillable %" PRId64),
	            r->nkillable, r->nunkillable);
	if (r->nunknown)
		ui_line_add(l, UI_WARN, _(", cannot be weighed %" PRId64), r->nunknown);
	ui_line_add(l, UI_NORMAL, _("; oom_score: %" PRId64 " compared, "),
	            r->compared);
	ui_line_add(l, r->mismatches ? UI_WARN : UI_VALUE,
	            _("%" PRId64 " mismatches"), r->mismatches);
}

static int oom_summary(void *state, const struct view_ctx *ctx,
                       struct ui_line *lines, int max)
{
	struct oom_state *st = state;
	const struct oom_result *r = oom_result(ctx);
	int n = 0;

	if (r && n < max) {
		oom_scope_line(&lines[n++], ctx, r);
		if (n < max)
			oom_victim_line(&lines[n++], st, r);
	}
	if (n < max)
		oom_count_line(&lines[n++], st, ctx, r);
	if (n < max)
		oom_overcommit_line(&lines[n++], ctx, r);
	return n;
}

static struct ui_table *oom_table(void *state)
{
	return &((struct oom_state *)state)->pt.table;
}

/* ---- keys ------------------------------------------------------------------ */

static void oom_toggle_historic(struct oom_state *st)
{
	struct ui_table *t = &st->pt.table;

	st->historic = !st->historic;
	for (size_t i = 0; i < OOM_NCOLS; i++)
		if (oom_cols[i].flags & OC_HISTORIC)
			t->cols[st->col[i]].hidden = !st->historic;
	if (!st->historic && t->sort_col >= 0 && t->cols[t->sort_col].hidden)
		ui_table_set_sort(t, st->col[0], false);
}

/* A what-if on the selected process: typed (edit) or asked at once. */
static bool oom_what_if(const struct oom_state *st, struct view_ctx *ctx,
                        const char *kind, bool edit)
{
	const struct proc *p = proctable_selected(&st->pt);

	if (!p)
		return true;
	snprintf(ctx->request_what_if, sizeof(ctx->request_what_if),
	         edit ? "%s:%" PRId64 "=" : "%s:%" PRId64, kind, p->pid);
	ctx->request = edit ? VIEW_REQ_WHAT_IF_EDIT : VIEW_REQ_WHAT_IF;
	ctx->request_pid = p->pid;
	return true;
}

static bool oom_key(void *state, struct view_ctx *ctx, int key)
{
	struct oom_state *st = state;

	switch (key) {
	case 'a': return oom_what_if(st, ctx, "adj", true);
	case 'm': return oom_what_if(st, ctx, "grow", true);
	case 'x':
		st->to_victim = true; /* who is next */
		return oom_what_if(st, ctx, "kill", false);
	case 'H':
		oom_toggle_historic(st);
		return true;
	default:
		return proctable_key_open(&st->pt, ctx, key);
	}
}

static void oom_status(void *state, struct ui_line *line)
{
	if (((struct oom_state *)state)->historic)
		ui_line_add(line, UI_STATUS, " %s ", _("2.6 heuristic"));
}

/* ---- the explain panel ----------------------------------------------------- */

/* An n/a of the engine's columns: the row's reason. */
static void oom_explain_na(const struct oom_state *st,
                           const struct oom_rank *rank, struct ui_explain *ex)
{
	const struct ui_table *t = &st->pt.table;
	const struct ui_column *col = ui_table_cursor(t);
	const struct ui_cell *cell = ui_table_selected_cell(t, t->cursor_col);

	if (col && col->schema == &oom_rank_schema && cell && !cell->known &&
	    rank->reason && *rank->reason)
		ui_explain_add(ex, UI_EX_WARN, "(%s)", rank->reason);
}

/* The selected process through oom_badness(), with its own numbers. */
static void oom_explain_walk(const struct oom_state *st,
                             const struct view_ctx *ctx,
                             struct ui_explain *ex)
{
	const struct oom_result *r = oom_result(ctx);
	const struct ui_row *row = ui_table_selected(&st->pt.table);
	char *walk;

	if (!r || !row)
		return;
	for (size_t i = 0; i < r->nranking; i++)
		if (r->ranking[i].pid == row->id)
			oom_explain_na(st, &r->ranking[i], ex);
	walk = oom_explain_process(r, row->id);
	if (!walk)
		return;
	ui_explain_add(ex, UI_EX_TITLE, _("oom_badness() of %" PRId64), row->id);
	ui_explain_add_block(ex, walk, strlen(walk));
	free(walk);
}

static void oom_explain(void *state, const struct view_ctx *ctx,
                        struct ui_explain *ex)
{
	struct oom_state *st = state;

	views_explain_column(&st->pt.table, ctx, ex);
	oom_explain_walk(st, ctx, ex);
	proctable_explain_process(&st->pt, ex);
	if (!oom_result(ctx))
		ui_explain_add(ex, UI_EX_NOTE, "%s",
		               _("The kernel picks the process with the highest "
		                 "badness: resident pages + swap entries + page "
		                 "tables, plus oom_score_adj thousandths of all "
		                 "memory (oom_badness() in mm/oom_kill.c); oom_score "
		                 "shows it scaled to 0-2000.  oom_score_adj -1000 "
		                 "exempts a process."));
	views_explain_engine(&oom_view, ctx, ex);
}

static const char *const oom_help[] = {
	N_("a\twhat-if: a new oom_score_adj for the selected process (type "
	   "the value: adj:PID=VALUE)"),
	N_("m\twhat-if: the selected process maps more memory (type the size: "
	   "grow:PID=SIZE)"),
	N_("x\twhat-if: the selected process is killed (kill:PID): who is "
	   "next"),
	N_("H\tthe 2.6 heuristic's ranking beside today's (HRANK, HIST)"),
	N_("Enter\tthe mappings of the selected process (vmas view)"),
	NULL,
};

const struct view_ops oom_view = {
	.id = VIEW_OOM,
	.engine = SIM_OOM,
	.engine_on_screen = true,
	.init = oom_init,
	.free = oom_free,
	.update = oom_update,
	.summary = oom_summary,
	.table = oom_table,
	.key = oom_key,
	.explain = oom_explain,
	.status = oom_status,
	.help = oom_help,
};
