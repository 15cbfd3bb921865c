/*
 * oom.c - the oom view (key 9): the overcommit state (mode, CommitLimit,
 * Committed_AS) and the processes by the kernel's oom_score, the next
 * victim first, with the parts the score is made of (RSS, swap, page
 * tables, oom_score_adj).  Its engine is oom.
 *
 * Must not: read files.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "proctable.h"
#include "util.h"
#include "view_ops.h"

struct oom_state {
	struct proctable pt;
};

static const char *const oom_columns[] = {
	"pid", "user", "oom_score", "oom_score_adj", "rss_kb", "swap_kb",
	"pgtables_kb", "comm",
};

static void *oom_init(const struct view_ctx *ctx)
{
	struct oom_state *st = xcalloc(1, sizeof(*st));

	(void)ctx;
	proctable_init(&st->pt, oom_columns, ARRAY_SIZE(oom_columns));
	return st;
}

static void oom_free(void *state)
{
	struct oom_state *st = state;

	proctable_free(&st->pt);
	free(st);
}

static void oom_update(void *state, const struct view_ctx *ctx)
{
	struct oom_state *st = state;
	struct view_ctx own = *ctx;

	own.sort_field = NULL; /* -s is for the procs view */
	proctable_fill(&st->pt, &own, "oom_score");
}

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

static void oom_commit(struct ui_line *l, const struct view_ctx *ctx)
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
	if ((ctx->cur->known & KNOWN(SEC_VMSTAT)) &&
	    kvlist_get(&ctx->cur->vmstat, "oom_kill", &kills)) {
		ui_line_add(l, UI_LABEL, "  %s ", _("oom_kill"));
		ui_line_add(l, kills ? UI_WARN : UI_VALUE, "%" PRId64, kills);
		ui_line_add(l, UI_NORMAL, " %s", _("since boot"));
	}
}

static int oom_summary(void *state, const struct view_ctx *ctx,
                       struct ui_line *lines, int max)
{
	struct oom_state *st = state;
	const char *mode = skvlist_get(&ctx->cur->sysctl, "overcommit_memory");
	const char *ratio = skvlist_get(&ctx->cur->sysctl, "overcommit_ratio");

	if (max < 1)
		return 0;
	ui_line_add(&lines[0], UI_LABEL, "%s ", _("overcommit_memory"));
	ui_line_add_safe(&lines[0], UI_VALUE, mode);
	ui_line_add(&lines[0], UI_NORMAL, " (%s), ", oom_mode(mode));
	ui_line_add(&lines[0], UI_LABEL, "%s ", _("ratio"));
	ui_line_add_safe(&lines[0], UI_VALUE, ratio);
	ui_line_add(&lines[0], UI_NORMAL, "%s", "  ");
	oom_commit(&lines[0], ctx);
	if (max < 2)
		return 1;
	proctable_summary(&st->pt, ctx, &lines[1]);
	return 2;
}

static struct ui_table *oom_table(void *state)
{
	return &((struct oom_state *)state)->pt.table;
}

static bool oom_key(void *state, struct view_ctx *ctx, int key)
{
	return proctable_key_open(&((struct oom_state *)state)->pt, ctx, key);
}

static void oom_explain(void *state, const struct view_ctx *ctx,
                        struct ui_explain *ex)
{
	struct oom_state *st = state;

	views_explain_column(&st->pt.table, ctx, ex);
	ui_explain_add(ex, UI_EX_NOTE, "%s",
	               _("The kernel picks the process with the highest "
	                 "badness: resident pages + swap entries + page tables, "
	                 "plus oom_score_adj thousandths of all memory "
	                 "(oom_badness() in mm/oom_kill.c); oom_score shows it "
	                 "scaled to 0-2000.  oom_score_adj -1000 exempts a "
	                 "process."));
	proctable_explain_process(&st->pt, ex);
	views_explain_engine(&oom_view, ctx, ex);
}

static const char *const oom_help[] = {
	N_("Enter\tthe mappings of the selected process (vmas view)"),
	NULL,
};

const struct view_ops oom_view = {
	.id = VIEW_OOM,
	.engine = SIM_OOM,
	.init = oom_init,
	.free = oom_free,
	.update = oom_update,
	.summary = oom_summary,
	.table = oom_table,
	.key = oom_key,
	.explain = oom_explain,
	.help = oom_help,
};
