/*
 * faults.c - the faults view (key 3): the system's fault, refault and swap
 * rates, then the processes by faults per second (minor + major), busiest
 * first.  Its engine is lru.
 *
 * Must not: read files.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "proctable.h"
#include "util.h"
#include "view_ops.h"

struct faults_state {
	struct proctable pt;
	int col_total;
};

static const char *const faults_columns[] = {
	"pid", "user", "minflt_rate", "majflt_rate", "minflt", "majflt",
	"rss_kb", "comm",
};

/* FLT/s: minor + major faults per second; the view's default sort. */
static void faults_extra(struct proctable *pt, size_t row,
                         const struct proc *p, const struct proc *prev,
                         const struct view_ctx *ctx)
{
	const struct field *minor = schema_field(&proc_schema, "minflt_rate");
	const struct field *major = schema_field(&proc_schema, "majflt_rate");
	struct faults_state *st = (struct faults_state *)pt;
	double a = 0, b = 0;
	bool known = field_rate(&proc_schema, minor, p, prev, ctx->interval, &a);

	known = field_rate(&proc_schema, major, p, prev, ctx->interval, &b) &&
	        known;
	ui_table_set_double(&pt->table, row, st->col_total, known, a + b);
}

static void *faults_init(const struct view_ctx *ctx)
{
	struct faults_state *st = xcalloc(1, sizeof(*st));
	const struct ui_column total = {
		.title = N_("FLT/s"), .name = "faults_rate",
		.kind = UI_COL_RATE, .width = 8,
		.help = N_("Page faults per second, minor and major together, "
		           "over the last interval (from minflt and majflt of "
		           "/proc/PID/stat)."),
	};

	(void)ctx;
	proctable_init(&st->pt, faults_columns, ARRAY_SIZE(faults_columns));
	st->col_total = ui_table_add_col(&st->pt.table, &total);
	/* FLT/s goes after USER, where the eye looks first. */
	memmove(&st->pt.table.display[3], &st->pt.table.display[2],
	        (size_t)(st->col_total - 2) * sizeof(int));
	st->pt.table.display[2] = st->col_total;
	st->pt.extra = faults_extra;
	return st;
}

static void faults_free(void *state)
{
	struct faults_state *st = state;

	proctable_free(&st->pt);
	free(st);
}

static void faults_update(void *state, const struct view_ctx *ctx)
{
	struct faults_state *st = state;

	proctable_fill(&st->pt, ctx, "faults_rate");
}

static void faults_rate(struct ui_line *l, const struct view_ctx *ctx,
                        const char *label, const char *const *names, size_t n)
{
	char buf[UI_NUM_LEN];
	double rate;
	bool known = views_vmstat_rate(ctx, names, n, &rate);

	ui_line_add(l, UI_LABEL, "%s ", label);
	ui_line_add(l, known ? UI_VALUE : UI_DIM, "%s  ",
	            known ? ui_format_rate(buf, rate) : "n/a");
}

static int faults_summary(void *state, const struct view_ctx *ctx,
                          struct ui_line *lines, int max)
{
	static const char *const pgfault[] = { "pgfault" };
	static const char *const major[] = { "pgmajfault" };
	static const char *const thp[] = { "thp_fault_alloc" };
	static const char *const fallback[] = { "thp_fault_fallback" };
	static const char *const refault[] = { "workingset_refault_anon",
	                                       "workingset_refault_file" };
	static const char *const refault_old[] = { "workingset_refault" };
	static const char *const swpin[] = { "pswpin" };
	static const char *const swpout[] = { "pswpout" };
	struct faults_state *st = state;
	double ignored;

	if (max < 1)
		return 0;
	faults_rate(&lines[0], ctx, _("faults/s"), pgfault, 1);
	faults_rate(&lines[0], ctx, _("major/s"), major, 1);
	faults_rate(&lines[0], ctx, _("THP alloc/s"), thp, 1);
	faults_rate(&lines[0], ctx, _("fallback/s"), fallback, 1);
	if (views_vmstat_rate(ctx, refault, 2, &ignored) || !ctx->prev)
		faults_rate(&lines[0], ctx, _("refaults/s"), refault, 2);
	else
		faults_rate(&lines[0], ctx, _("refaults/s"), refault_old, 1);
	faults_rate(&lines[0], ctx, _("swapin/s"), swpin, 1);
	faults_rate(&lines[0], ctx, _("swapout/s"), swpout, 1);
	if (max < 2)
		return 1;
	proctable_summary(&st->pt, ctx, &lines[1]);
	if (!ctx->prev)
		ui_line_add(&lines[1], UI_DIM, "; %s",
		            _("rates need a second snapshot"));
	return 2;
}

static struct ui_table *faults_table(void *state)
{
	return &((struct faults_state *)state)->pt.table;
}

static bool faults_key(void *state, struct view_ctx *ctx, int key)
{
	return proctable_key_open(&((struct faults_state *)state)->pt, ctx, key);
}

static void faults_explain(void *state, const struct view_ctx *ctx,
                           struct ui_explain *ex)
{
	struct faults_state *st = state;

	views_explain_column(&st->pt.table, ctx, ex);
	ui_explain_add(ex, UI_EX_NOTE, "%s",
	               _("A minor fault maps a page that is already in memory "
	                 "(a new anonymous page, or a file page in the page "
	                 "cache); a major fault waits for I/O: reading a file "
	                 "page, or swapping in.  A refault is a page read back "
	                 "soon after reclaim evicted it: the working set does "
	                 "not fit.  System counters come from /proc/vmstat."));
	proctable_explain_process(&st->pt, ex);
	views_explain_engine(&faults_view, ctx, ex);
}

static const char *const faults_help[] = {
	N_("Enter\tthe mappings of the selected process (vmas view)"),
	NULL,
};

const struct view_ops faults_view = {
	.id = VIEW_FAULTS,
	.engine = SIM_LRU,
	.init = faults_init,
	.free = faults_free,
	.update = faults_update,
	.summary = faults_summary,
	.table = faults_table,
	.key = faults_key,
	.explain = faults_explain,
	.help = faults_help,
};
