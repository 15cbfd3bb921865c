/*
 * oom_postmortem.c - the OOM kills of the kernel log, ranked again: each
 * report's task dump (dump_tasks of mm/oom_kill.c: the tasks the OOM
 * killer walked, in its order, with what oom_badness() reads: rss,
 * swapents, pgtables_bytes and oom_score_adj) goes through oom_badness()
 * and select_bad_process()'s tie rule, and the model's choice is set beside
 * the victim the kernel logged.
 *
 * totalpages comes from the report where it says it (a memcg OOM prints the
 * group's limit, and its swap or memory+swap limit), otherwise from the
 * snapshot: MemTotal + SwapTotal, or for a cpuset or mempolicy constraint
 * swap + the present pages of the logged nodes, as they are now.  The dump
 * also lists vfork children, which the kernel skipped: they cannot be told
 * apart here.
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "oom_internal.h"
#include "util.h"

/* A memcg report's totalpages: mem_cgroup_get_max() from its lines. */
static bool report_memcg_pages(const struct oom_ctx *ctx,
                               const struct oom_report *rep, int64_t *pages,
                               const char **source)
{
	int64_t max, swap = 0;

	if (!(rep->known & KNOWN(ORP_MEMCG_USAGE)))
		return false;
	max = oom_kb_to_pages(ctx, rep->memcg_limit_kb);
	if (ctx->swap_pages > 0 && (rep->known & KNOWN(ORP_MEMCG_SWAP)))
		swap = oom_kb_to_pages(ctx, rep->memcg_swap_limit_kb);
	else if (ctx->swap_pages > 0 && (rep->known & KNOWN(ORP_MEMCG_MEMSW)))
		swap = oom_kb_to_pages(ctx, rep->memcg_memsw_limit_kb) - max;
	else if (ctx->swap_pages > 0)
		return false;
	if (swap > ctx->swap_pages)
		swap = ctx->swap_pages;
	*pages = max + swap ? max + swap : 1;
	*source = N_("the group's limits as the report prints them (with "
	             "today's swap size)");
	return true;
}

/* Swap + present pages of the report's nodes, from today's zones. */
static bool report_node_pages(const struct oom_ctx *ctx, const char *list,
                              int64_t *pages, const char **source)
{
	const struct snapshot *s = ctx->snap;
	struct oom_nodes nodes;

	if (!list || oom_nodes_parse(list, &nodes) < 0 ||
	    !(s->known & KNOWN(SEC_ZONES)) || !ctx->totals_known)
		return false;
	*pages = ctx->swap_pages;
	for (size_t i = 0; i < s->nzones; i++)
		if (s->zones[i].node >= 0 && s->zones[i].node < OOM_NODES_MAX &&
		    (nodes.bits[s->zones[i].node / 64] >>
		     (s->zones[i].node % 64) & 1))
			*pages += s->zones[i].present_pages;
	*source = N_("swap and the present pages of the logged nodes, as "
	             "they are now");
	return true;
}

static bool report_totalpages(const struct oom_ctx *ctx,
                              const struct oom_report *rep, int64_t *pages,
                              const char **source)
{
	const char *c = rep->constraint ? rep->constraint : "";

	if (strcmp(c, "CONSTRAINT_MEMCG") == 0 || rep->oom_memcg)
		return report_memcg_pages(ctx, rep, pages, source);
	if (strcmp(c, "CONSTRAINT_CPUSET") == 0)
		return report_node_pages(ctx, rep->mems_allowed, pages, source);
	if (strcmp(c, "CONSTRAINT_MEMORY_POLICY") == 0)
		return report_node_pages(ctx, rep->nodemask, pages, source);
	if (!ctx->totals_known)
		return false;
	*pages = ctx->totalpages_global;
	*source = N_("MemTotal + SwapTotal now");
	return true;
}

struct dump_rank {
	size_t index;   /* in rep->tasks: the walk */
	int64_t badness;
};

static int compare_dump(const void *a, const void *b)
{
	const struct dump_rank *x = a, *y = b;

	if (x->badness != y->badness)
		return x->badness > y->badness ? -1 : 1;
	return (x->index < y->index) - (x->index > y->index); /* later wins */
}

static bool is_victim(const struct oom_report *rep, const struct oom_task *t)
{
	return t->pid == rep->victim_pid || t->tgid == rep->victim_pid;
}

static void past_top(const struct oom_ctx *ctx, const struct oom_report *rep,
                     const struct dump_rank *ranks, size_t n,
                     struct oom_past *past)
{
	past->ntop = n < OOM_PAST_TOP ? n : OOM_PAST_TOP;
	past->top = xcalloc(past->ntop + 1, sizeof(*past->top));
	for (size_t k = 0; k < past->ntop; k++) {
		const struct oom_task *t = &rep->tasks[ranks[k].index];

		past->top[k] = (struct oom_past_rank){
			.known = 1, .rank = (int64_t)k + 1, .pid = t->tgid,
			.name = xstrdup(t->name ? t->name : ""),
			.rss_pages = t->rss_pages, .swap_pages = t->swapents_pages,
			.pgtables_pages = t->pgtables_bytes / ctx->page_size,
			.oom_score_adj = t->oom_score_adj, .badness = ranks[k].badness,
		};
	}
}

/* The model's ranking of one report's dump. */
static void rank_dump(const struct oom_ctx *ctx, const struct oom_report *rep,
                      struct oom_past *past)
{
	struct dump_rank *ranks = xcalloc(rep->ntasks + 1, sizeof(*ranks));
	size_t n = 0;

	for (size_t i = 0; i < rep->ntasks; i++) {
		const struct oom_task *t = &rep->tasks[i];
		struct oom_badness_inputs in = {
			.rss_pages = t->rss_pages, .swap_pages = t->swapents_pages,
			.pgtables_pages = t->pgtables_bytes / ctx->page_size,
			.oom_score_adj = t->oom_score_adj,
		};

		if (t->oom_score_adj == OOM_SCORE_ADJ_MIN)
			continue; /* listed, never chosen */
		ranks[n++] = (struct dump_rank){
			i, oom_badness(&in, past->totalpages, ctx->rules) };
	}
	qsort(ranks, n, sizeof(*ranks), compare_dump);
	for (size_t k = 0; k < n; k++)
		if (is_victim(rep, &rep->tasks[ranks[k].index]) &&
		    !(past->known & KNOWN(OPS_VICTIM_RANK))) {
			past->victim_model_rank = (int64_t)k + 1;
			past->known |= KNOWN(OPS_VICTIM_RANK);
		}
	if (n > 0) {
		const struct oom_task *t = &rep->tasks[ranks[0].index];

		past->model_victim_pid = t->tgid;
		past->model_victim_comm = xstrdup(t->name ? t->name : "");
		past->agrees = (rep->known & KNOWN(ORP_KILLED)) && is_victim(rep, t);
		past->known |= KNOWN(OPS_MODEL);
	}
	past_top(ctx, rep, ranks, n, past);
	free(ranks);
}

static char *copy_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void one_report(const struct oom_ctx *ctx, const struct oom_report *rep,
                       struct oom_past *past)
{
	const char *source = NULL;

	past->time_s = rep->time_s;
	past->known |= (rep->known & KNOWN(ORP_TIME)) ? KNOWN(OPS_TIME) : 0;
	past->constraint = copy_or_null(rep->constraint);
	past->invoker = copy_or_null(rep->invoker);
	past->oom_memcg = copy_or_null(rep->oom_memcg);
	past->victim_pid = rep->victim_pid;
	past->victim_comm = copy_or_null(rep->victim_comm);
	past->known |= (rep->known & KNOWN(ORP_KILLED)) ? KNOWN(OPS_VICTIM) : 0;
	past->ntasks = (int64_t)rep->ntasks;
	if (!(rep->known & KNOWN(ORP_TASKS)) ||
	    !report_totalpages(ctx, rep, &past->totalpages, &source))
		return;
	past->totalpages_source = xstrdup(_(source));
	past->known |= KNOWN(OPS_TOTALPAGES);
	rank_dump(ctx, rep, past);
}

void oom_postmortem(struct oom_ctx *ctx, struct oom_result *r)
{
	const struct oom_log *log = &ctx->snap->oom_log;

	if (!(ctx->snap->known & KNOWN(SEC_OOM_LOG)))
		return;
	r->past = xcalloc(log->count + 1, sizeof(*r->past));
	for (size_t i = 0; i < log->count; i++)
		one_report(ctx, &log->reports[i], &r->past[r->npast++]);
	r->known |= KNOWN(ORS_PAST);
}
