/*
 * text_sim_oom.c - batch text of the oom engine's result: the scope and
 * victim, the comparison with the kernel's oom_score, the ranking with each
 * score's parts (the first TEXT_OOM_ROWS, then those that cannot be
 * weighed, then the unkillable counted by reason), the kill order, the
 * overcommit state, the past OOM kills of the log, and the explanation
 * sentences.  JSON carries every row.  Columns are named by the result's
 * field table.
 *
 * Must not: compute anything (the engine did), or print a command name
 * without escaping it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "text_internal.h"
#include "util.h"

#define TEXT_OOM_ROWS 30

#define NAMES(...) ((const char *const[]){ __VA_ARGS__ }), \
	(sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* Columns titled by the field table; strings (FF_LEFT) to the left. */
static void columns(struct text_table *tb, const struct schema *s,
                    const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct field *f = schema_field(s, names[i]);

		text_table_col(tb, field_title(f), f->flags & FF_LEFT);
	}
}

static void header(struct text *t, const struct oom_result *r)
{
	char a[TEXT_VALUE_LEN], b[TEXT_VALUE_LEN];
	char *comm;

	text_put(t, _("  %s %s; %s %s (%s); totalpages %s, global %s\n"),
	         _("rules of Linux"), r->kernel_rules, _("scope"), r->scope,
	         r->constraint,
	         text_value_int(a, r->known & KNOWN(ORS_TOTALPAGES), r->totalpages),
	         text_value_int(b, r->known & KNOWN(ORS_GLOBAL_TOTALPAGES),
	                        r->totalpages_global));
	if (r->known & KNOWN(ORS_VICTIM)) {
		comm = text_value_safe(t, r->victim_comm);
		text_put(t, "  %s: %" PRId64 " (%s)%s\n", _("victim"), r->victim,
		         comm, r->panic ? _("; but vm.panic_on_oom panics first")
		                        : "");
		free(comm);
	} else {
		text_put(t, "  %s: n/a (%s)\n", _("victim"),
		         r->victim_note ? r->victim_note : "");
	}
	text_put(t, "  %s %" PRId64 ", %s %" PRId64 ", %s %" PRId64 "; ",
	         _("killable"), r->nkillable, _("unkillable"), r->nunkillable,
	         _("unknown"), r->nunknown);
	text_put(t, "%s: %" PRId64 " %s, %" PRId64 " %s, %" PRId64 " %s\n",
	         _("oom_score against the kernel's"), r->compared, _("compared"),
	         r->mismatches, _("mismatches"), r->not_compared,
	         _("not compared"));
}

static const char *const rank_columns[] = {
	"rank", "pid", "rss_pages", "anon_pages", "file_pages", "shmem_pages",
	"swap_pages", "pgtables_pages", "oom_score_adj", "adj_pages", "badness",
	"share_permille", "oom_score", "kernel_oom_score", "score_match",
	"historic_rank", "comm",
};

static void rank_row(struct text *t, struct text_table *tb,
                     const struct oom_rank *row, bool reason)
{
	size_t r = text_table_row(tb), col = 0;

	text_table_field_cells(t, tb, r, &col, &oom_rank_schema, rank_columns,
	                       ARRAY_SIZE(rank_columns), row);
	if (reason)
		text_table_field_cells(t, tb, r, &col, &oom_rank_schema,
		                       NAMES("reason"), row);
}

static void ranking(struct text *t, const struct oom_result *r)
{
	struct text_table tb = { 0 }, unknown = { 0 };
	size_t shown = 0, more = 0;

	columns(&tb, &oom_rank_schema, rank_columns,
	                      ARRAY_SIZE(rank_columns));
	columns(&unknown, &oom_rank_schema, rank_columns,
	                      ARRAY_SIZE(rank_columns));
	columns(&unknown, &oom_rank_schema, NAMES("reason"));
	for (size_t i = 0; i < r->nranking; i++) {
		const struct oom_rank *row = &r->ranking[i];

		if (!(row->known & KNOWN(ORK_KILLABLE)))
			rank_row(t, &unknown, row, true);
		else if (!row->killable)
			continue;
		else if (shown++ < TEXT_OOM_ROWS)
			rank_row(t, &tb, row, false);
		else
			more++;
	}
	text_put(t, "  %s\n", _("ranking: the next victim first; pages"));
	text_table_print(t, &tb);
	if (more)
		text_put(t, "  (%zu %s)\n", more, _("more killable processes in "
		                                    "JSON"));
	if (unknown.nrows) {
		text_put(t, "  %s\n", _("cannot be weighed"));
		text_table_print(t, &unknown);
	}
	text_table_free(&tb);
	text_table_free(&unknown);
}

/* The unkillable, counted by reason (the reasons are few and fixed). */
static void unkillable(struct text *t, const struct oom_result *r)
{
	const char *reasons[16];
	size_t counts[16] = { 0 }, n = 0;

	for (size_t i = 0; i < r->nranking; i++) {
		const struct oom_rank *row = &r->ranking[i];
		size_t k;

		if (!(row->known & KNOWN(ORK_KILLABLE)) || row->killable ||
		    !row->reason)
			continue;
		for (k = 0; k < n && strcmp(reasons[k], row->reason); k++)
			;
		if (k == n && n < ARRAY_SIZE(reasons))
			reasons[n++] = row->reason;
		if (k < n)
			counts[k]++;
	}
	for (size_t k = 0; k < n; k++)
		text_put(t, "  %s: %zu %s\n", reasons[k], counts[k],
		         counts[k] == 1 ? _("process") : _("processes"));
}

static void kill_order(struct text *t, const struct oom_result *r)
{
	struct text_table tb = { 0 };
	const char *const cols[] = { "order", "pid", "badness", "with_pids",
	                             "freed_pages", "freed_total_pages", "comm" };

	if (r->nkill_order == 0)
		return;
	columns(&tb, &oom_kill_schema, cols, ARRAY_SIZE(cols));
	for (size_t i = 0; i < r->nkill_order; i++) {
		const struct oom_kill *k = &r->kill_order[i];
		size_t row = text_table_row(&tb), col = 0;
		char *with = xstrdup(k->nwith ? "" : "-");

		text_table_field_cells(t, &tb, row, &col, &oom_kill_schema, cols, 3,
		                       k);
		for (size_t j = 0; j < k->nwith; j++) {
			char *more = xasprintf("%s%s%" PRId64, j ? with : "",
			                       j ? "," : "", k->with_pids[j]);

			free(with);
			with = more;
		}
		if (!(k->known & KNOWN(OKL_WITH))) {
			free(with);
			with = text_table_na();
		}
		text_table_set(&tb, row, col++, with);
		text_table_field_cells(t, &tb, row, &col, &oom_kill_schema, cols + 4,
		                       3, k);
	}
	text_put(t, "  %s\n", _("kill order if the OOM repeated (pages)"));
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static void overcommit(struct text *t, const struct oom_result *r)
{
	const struct oom_overcommit *o = &r->overcommit;
	struct text_table tb = { 0 };
	size_t row, col = 0;
	const char *const cols[] = {
		"mode", "ratio", "kbytes", "commit_limit_kb", "model_commit_limit_kb",
		"committed_as_kb", "headroom_admin_kb", "headroom_user_kb",
	};
	const char *const ask[] = { "ask_kb", "ask_pid", "ok_mode0", "ok_mode1",
	                            "ok_mode2_admin", "ok_mode2_user", "ok_now" };

	columns(&tb, &oom_overcommit_schema, cols,
	                      ARRAY_SIZE(cols));
	row = text_table_row(&tb);
	text_table_field_cells(t, &tb, row, &col, &oom_overcommit_schema, cols,
	                       ARRAY_SIZE(cols), o);
	text_put(t, "  %s\n", _("overcommit (KiB)"));
	text_table_print(t, &tb);
	text_table_free(&tb);
	if (!(o->known & KNOWN(OOC_ASK)))
		return;
	memset(&tb, 0, sizeof(tb));
	col = 0;
	columns(&tb, &oom_overcommit_schema, ask, ARRAY_SIZE(ask));
	row = text_table_row(&tb);
	text_table_field_cells(t, &tb, row, &col, &oom_overcommit_schema, ask,
	                       ARRAY_SIZE(ask), o);
	text_put(t, "  %s\n", _("would the commit succeed (1) or fail (0)"));
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static void past(struct text *t, const struct oom_result *r)
{
	struct text_table tb = { 0 };
	const char *const cols[] = {
		"time_s", "constraint", "victim_pid", "victim_comm", "ntasks",
		"totalpages", "model_victim_pid", "victim_model_rank", "agrees",
	};

	if (!(r->known & KNOWN(ORS_PAST)))
		return;
	text_put(t, "  %s: %zu\n", _("OOM kills in the kernel log"), r->npast);
	if (r->npast == 0)
		return;
	columns(&tb, &oom_past_schema, cols, ARRAY_SIZE(cols));
	for (size_t i = 0; i < r->npast; i++) {
		size_t row = text_table_row(&tb), col = 0;

		text_table_field_cells(t, &tb, row, &col, &oom_past_schema, cols,
		                       ARRAY_SIZE(cols), &r->past[i]);
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static void explanation(struct text *t, const struct oom_result *r)
{
	for (size_t i = 0; i < r->explanation.count; i++) {
		char *name = text_value_safe(t, r->explanation.items[i].name);
		char *value = text_value_safe(t, r->explanation.items[i].value);

		text_put(t, "  %s: %s\n", name, value);
		free(name);
		free(value);
	}
}

void text_sim_oom(struct text *t, const void *result)
{
	const struct oom_result *r = result;

	header(t, r);
	ranking(t, r);
	unkillable(t, r);
	kill_order(t, r);
	overcommit(t, r);
	past(t, r);
	explanation(t, r);
}
