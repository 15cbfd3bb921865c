/*
 * views.c - the registry of views (one line per view, indexed by enum
 * view_id), and what the views share: the explanation of a table column
 * for the explain panel, the engine's part of that panel, and a few
 * look-ups in the snapshots.
 *
 * Must not: read files, or know one view's layout.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "util.h"
#include "view_ops.h"

static const struct view_ops *const registry[VIEW_COUNT] = {
	[VIEW_PROCS] = &procs_view,
	[VIEW_VMAS] = &vmas_view,
	[VIEW_FAULTS] = &faults_view,
	[VIEW_SLAB] = &slab_view,
	[VIEW_NUMA] = &numa_view,
	[VIEW_THP] = &thp_view,
	[VIEW_BUDDY] = &buddy_view,
	[VIEW_LRU] = &lru_view,
	[VIEW_OOM] = &oom_view,
};

const struct view_ops *views_get(enum view_id id)
{
	return (unsigned)id < VIEW_COUNT ? registry[id] : NULL;
}

const char *views_unavailable(const struct view_ctx *ctx, const char *source)
{
	return ctx->cur ? skvlist_get(&ctx->cur->unavailable, source) : NULL;
}

bool views_meminfo(const struct snapshot *s, const char *name, int64_t *kb)
{
	return s && (s->known & KNOWN(SEC_MEMINFO)) &&
	       kvlist_get(&s->meminfo, name, kb);
}

static bool views_vmstat_sum(const struct snapshot *s,
                             const char *const *names, size_t n, int64_t *sum)
{
	int64_t value;

	if (!s || !(s->known & KNOWN(SEC_VMSTAT)))
		return false;
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (!kvlist_get(&s->vmstat, names[i], &value))
			return false;
		*sum += value;
	}
	return true;
}

bool views_vmstat_rate(const struct view_ctx *ctx, const char *const *names,
                       size_t n, double *rate)
{
	int64_t now, before;

	if (!(ctx->interval > 0) ||
	    !views_vmstat_sum(ctx->cur, names, n, &now) ||
	    !views_vmstat_sum(ctx->prev, names, n, &before) || now < before)
		return false;
	*rate = (double)(now - before) / ctx->interval;
	return true;
}

/* ---- the explain panel: a column ------------------------------------------ */

/* Where a process field comes from, and what reading it costs. */
static const char *views_proc_source(unsigned cost)
{
	if (cost & KNOWN(PROC_SRC_SMAPS_ROLLUP))
		return N_("Read from /proc/PID/smaps_rollup, which walks the "
		          "process's page tables (about 10 ms per GiB resident in "
		          "4 KiB pages), so it is re-read on a budget: when RSS "
		          "changes, plus a rotating slice (memlens(1), PSS AND USS "
		          "BUDGET).");
	if (cost & KNOWN(PROC_SRC_STATUS))
		return N_("Read from /proc/PID/status (about 15 us per process), "
		          "again when /proc/PID/stat shows a change, and in the "
		          "rotating slice.");
	if (cost & KNOWN(PROC_SRC_OOM))
		return N_("Read from /proc/PID/oom_score and oom_score_adj, "
		          "again when /proc/PID/stat shows a change.");
	return N_("Read from /proc/PID/stat through libproc2 every refresh "
	          "(about 15 us per process).");
}

static enum proc_source views_proc_source_of(unsigned cost)
{
	if (cost & KNOWN(PROC_SRC_SMAPS_ROLLUP))
		return PROC_SRC_SMAPS_ROLLUP;
	if (cost & KNOWN(PROC_SRC_STATUS))
		return PROC_SRC_STATUS;
	if (cost & KNOWN(PROC_SRC_OOM))
		return PROC_SRC_OOM;
	return PROC_SRC_STAT;
}

/* Why a process's value is n/a: the error of the file it comes from. */
static void views_explain_proc_na(const struct view_ctx *ctx,
                                  const struct ui_column *col,
                                  const struct proc *p,
                                  struct ui_explain *ex)
{
	int err;

	if (col->field && col->field->type == FT_RATE) {
		ui_explain_add(ex, UI_EX_WARN, "%s",
		               ctx->prev ? _("n/a: the process was not in the "
		                             "previous snapshot, or its counter "
		                             "was not read")
		                         : _("n/a: rates need two snapshots; the "
		                             "first one has none"));
		return;
	}
	err = p->source_err[views_proc_source_of(col->field ? col->field->cost
	                                                     : 0)];
	if (err > 0)
		ui_explain_add(ex, UI_EX_WARN, _("n/a: %s%s"), strerror(err),
		               err == EACCES || err == EPERM
		                       ? _(" (another user's process: run as root, "
		                           "or as its user)")
		                       : "");
	else if (err == PROC_SOURCE_NOT_READ)
		ui_explain_add(ex, UI_EX_WARN, "%s",
		               _("n/a: not read yet (the file is read on a "
		                 "budget)"));
	else
		ui_explain_add(ex, UI_EX_WARN, "%s",
		               _("n/a: this kernel does not provide it"));
}

static void views_explain_value(const struct ui_column *col,
                                const struct ui_cell *cell,
                                struct ui_explain *ex)
{
	char buf[UI_NUM_LEN];

	switch (col->kind) {
	case UI_COL_KB:
		ui_explain_add(ex, UI_EX_VALUE, _("Selected: %" PRId64 " KiB (%s)"),
		               cell->v.i, ui_format_human(buf, cell->v.i));
		break;
	case UI_COL_INT:
		ui_explain_add(ex, UI_EX_VALUE, _("Selected: %" PRId64 " %s"),
		               cell->v.i, col->field ? col->field->unit : "");
		break;
	case UI_COL_TEXT:
		ui_explain_add(ex, UI_EX_VALUE, _("Selected: %s"), cell->v.s);
		break;
	default:
		ui_explain_add(ex, UI_EX_VALUE, _("Selected: %.2f %s"), cell->v.d,
		               col->field ? col->field->unit : "");
		break;
	}
}

void views_explain_column(const struct ui_table *t, const struct view_ctx *ctx,
                          struct ui_explain *ex)
{
	const struct ui_column *col = ui_table_cursor(t);
	const struct ui_row *row = ui_table_selected(t);
	const struct ui_cell *cell;
	const struct field *f;

	if (!col)
		return;
	f = col->field;
	ui_explain_add(ex, UI_EX_TITLE, "%s%s%s%s%s", col->title,
	               f ? " - " : "", f ? f->name : "",
	               f && *f->unit ? ", " : "", f ? f->unit : "");
	if (f && f->help)
		ui_explain_add(ex, UI_EX_TEXT, "%s", _(f->help));
	else if (col->help)
		ui_explain_add(ex, UI_EX_TEXT, "%s", _(col->help));
	if (f && col->schema == &proc_schema)
		ui_explain_add(ex, UI_EX_NOTE, "%s", _(views_proc_source(f->cost)));
	cell = ui_table_selected_cell(t, t->cursor_col);
	if (!cell || !row)
		return;
	if (cell->known)
		views_explain_value(col, cell, ex);
	else if (col->schema == &proc_schema && row->entity)
		views_explain_proc_na(ctx, col, row->entity, ex);
	else
		ui_explain_add(ex, UI_EX_WARN, "%s",
		               _("n/a: not read for this row"));
}

/* ---- the explain panel: the engine ------------------------------------------ */

static const char *const engine_about[SIM_COUNT] = {
	[SIM_OOM] = N_("The oom engine will rank processes the way the "
	               "kernel's oom_badness() does, split each score into its "
	               "parts, and answer what-ifs (a new oom_score_adj, a "
	               "cgroup limit)."),
	[SIM_BUDDY] = N_("The buddy engine will mirror the kernel's buddy "
	                 "allocator on these free lists: fragmentation indexes "
	                 "as the kernel computes them, and whether an order-N "
	                 "allocation would succeed."),
	[SIM_LRU] = N_("The lru engine will model aging and reclaim of the "
	               "active and inactive lists, and predict refaults for a "
	               "workload."),
};

static void views_explain_engine_text(const struct view_ctx *ctx,
                                      enum sim_engine e, struct ui_explain *ex)
{
	struct output_options opts = { .sim = ctx->sim };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return;
	output_text_engine(f, ctx->prev, ctx->cur, &opts, e);
	fclose(f);
	ui_explain_add_block(ex, text, len);
	free(text);
}

void views_explain_engine(const struct view_ops *ops,
                          const struct view_ctx *ctx, struct ui_explain *ex)
{
	enum sim_engine e = ops->engine;
	const struct sim_engine_info *info = sim_engine(e);
	const struct sim_results *r = ctx->sim;

	if ((unsigned)e >= SIM_COUNT)
		return;
	ui_explain_add(ex, UI_EX_TEXT, "%s", "");
	if (info && r && r->result[e]) {
		ui_explain_add(ex, UI_EX_TITLE, _("Engine %s"), info->name);
		views_explain_engine_text(ctx, e, ex);
	} else if (info && r && r->error[e]) {
		ui_explain_add(ex, UI_EX_TITLE, _("Engine %s"), info->name);
		ui_explain_add(ex, UI_EX_WARN, "%s", r->error[e]);
	} else if (!info) {
		ui_explain_add(ex, UI_EX_NOTE, "%s %s", _(engine_about[e]),
		               _("It is not part of this version yet; its results "
		                 "will appear here."));
	}
}
