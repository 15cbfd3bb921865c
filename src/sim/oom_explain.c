/*
 * oom_explain.c - the oom engine in plain words: the result's explanation
 * (topic -> sentence: rules, scope, victim, precision, comparison,
 * overcommit, historic, log, what-ifs), which batch text prints and the
 * explain panel shows, and one process walked through oom_badness() and
 * proc_oom_score() with its own numbers.
 *
 * Must not: do I/O, or compute anything the result does not hold.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom_internal.h"
#include "util.h"

static void note(struct oom_result *r, const char *topic, char *sentence)
{
	skvlist_add(&r->explanation, topic, sentence);
	free(sentence);
}

static void explain_rules(struct oom_ctx *ctx, struct oom_result *r)
{
	const char *release = ctx->snap->kernel ? ctx->snap->kernel : "?";

	if (ctx->rules == OOM_RULES_UNSIGNED)
		note(r, "rules", xasprintf(
			_("Linux 2.6.36-5.8 formulas (the kernel is %s): badness = "
			  "rss + swap + page tables + adj x (totalpages / 1000), at "
			  "least 1; oom_score = badness x 1000 / totalpages."),
			release));
	else
		note(r, "rules", xasprintf(
			_("Linux 5.9-6.18 formulas (the kernel is %s%s): badness = "
			  "rss + swap + page tables + adj x (totalpages / 1000); "
			  "oom_score = (1000 + badness x 1000 / totalpages) x 2 / 3."),
			release, ctx->rules_known ? "" : _(", release unreadable")));
}

static void explain_scope(struct oom_ctx *ctx, struct oom_result *r)
{
	if (!ctx->totalpages_known)
		note(r, "scope", xasprintf(_("%s: totalpages is unknown."),
		                           ctx->scope_name));
	else if (ctx->scope == OOM_SCOPE_MEMCG)
		note(r, "scope", xasprintf(
			_("An OOM of memory cgroup %s: totalpages = its limit %lld + "
			  "swap %lld = %lld pages; only its processes are weighed, in "
			  "the order of its subtree (groups parents first, here by "
			  "name; the kernel walks siblings in creation order)."),
			ctx->memcg->path, (long long)ctx->memcg_max_pages,
			(long long)ctx->memcg_swap_pages, (long long)ctx->totalpages));
	else if (ctx->scope == OOM_SCOPE_GLOBAL)
		note(r, "scope", xasprintf(
			_("A global OOM: totalpages = RAM %lld + swap %lld = %lld "
			  "pages; every process is weighed, in fork order."),
			(long long)ctx->ram_pages, (long long)ctx->swap_pages,
			(long long)ctx->totalpages));
	else
		note(r, "scope", xasprintf(
			_("%s (%s): totalpages = swap + the nodes' present pages = "
			  "%lld pages."),
			ctx->scope_name, ctx->constraint, (long long)ctx->totalpages));
	if (ctx->scope_note)
		skvlist_add(&r->explanation, "scope note", ctx->scope_note);
}

static void explain_victim(struct oom_ctx *ctx, struct oom_result *r)
{
	int64_t v;

	if (r->known & KNOWN(ORS_VICTIM))
		note(r, "victim", xasprintf(
			_("If memory ran out now, the kernel would kill %lld (%s): the "
			  "highest badness of %lld killable processes (of equal ones, "
			  "the last in its walk)."),
			(long long)r->victim, r->victim_comm, (long long)r->nkillable));
	else
		note(r, "victim", xasprintf(_("No victim can be named: %s."),
		                            r->victim_note));
	if (r->panic)
		note(r, "panic", xasprintf(_("vm.panic_on_oom makes the kernel "
		                             "panic instead of killing (%s).")
		                           , ctx->constraint));
	if (ctx->scope != OOM_SCOPE_MEMCG &&
	    oom_sysctl_int(ctx->snap, "oom_kill_allocating_task", &v) && v)
		note(r, "allocating task", xstrdup(
			_("vm.oom_kill_allocating_task is set: the kernel kills the "
			  "task whose allocation failed, if it can, without "
			  "ranking.")));
}

static void explain_precision(struct oom_ctx *ctx, struct oom_result *r)
{
	(void)ctx;
	note(r, "precision", xstrdup(
		_("rss is stat's: the same approximate read of the per-CPU "
		  "counters that oom_badness() makes.  Swap is status VmSwap, "
		  "which Linux 6.18 prints as the exact sum while the kernel "
		  "reads the approximate one: with swap in use, a score near a "
		  "step may differ by one.")));
	note(r, "comparison", xasprintf(
		_("The kernel's oom_score was stable while read for %lld "
		  "processes: %lld match the model, %lld differ.  Not compared "
		  "(unstable, unknown, or changed by a what-if): %lld."),
		(long long)r->compared, (long long)(r->compared - r->mismatches),
		(long long)r->mismatches, (long long)r->not_compared));
}

static void explain_overcommit(struct oom_result *r)
{
	const struct oom_overcommit *o = &r->overcommit;
	static const char *const modes[] = {
		N_("0, heuristic: a commit fails only when larger than RAM + swap"),
		N_("1, always: every commit succeeds"),
		N_("2, never: commits are refused past CommitLimit"),
	};

	if (!(o->known & KNOWN(OOC_MODE)) || o->mode < 0 || o->mode > 2)
		return;
	note(r, "overcommit", xasprintf(
		_("Overcommit mode %s; CommitLimit %lld kB, Committed_AS %lld kB."),
		_(modes[o->mode]), (long long)o->commit_limit_kb,
		(long long)o->committed_as_kb));
	if (o->known & KNOWN(OOC_ANSWERS))
		note(r, "commit", xasprintf(
			_("Committing %lld kB now: mode 0 %s, mode 1 succeeds, mode 2 "
			  "%s as root and %s as a user; under the current mode it %s."),
			(long long)o->ask_kb, o->ok_mode0 ? _("succeeds") : _("fails"),
			o->ok_mode2_admin ? _("succeeds") : _("fails"),
			o->ok_mode2_user ? _("succeeds") : _("fails"),
			o->ok_now ? _("succeeds") : _("fails")));
}

static void explain_history(struct oom_result *r)
{
	size_t agree = 0;

	if (r->known & KNOWN(ORS_HISTORIC_VICTIM))
		note(r, "historic", xasprintf(
			_("The 2.6 heuristic (virtual size, children, CPU time, age, "
			  "nice, root; HZ %lld assumed) would kill %lld (%s) first."),
			(long long)r->historic_hz, (long long)r->historic_victim,
			r->historic_victim_comm));
	if (!(r->known & KNOWN(ORS_PAST)))
		return;
	for (size_t i = 0; i < r->npast; i++)
		agree += r->past[i].agrees == 1;
	note(r, "log", xasprintf(
		_("%zu OOM kills in the kernel log; the model picks the logged "
		  "victim from the task dump in %zu."), r->npast, agree));
}

void oom_explain_result(struct oom_ctx *ctx, struct oom_result *r)
{
	explain_rules(ctx, r);
	explain_scope(ctx, r);
	explain_victim(ctx, r);
	explain_precision(ctx, r);
	explain_overcommit(r);
	explain_history(r);
	for (size_t i = 0; i < ctx->notes.count; i++)
		skvlist_add(&r->explanation, ctx->notes.items[i].name,
		            ctx->notes.items[i].value);
}

/* ---- one process ---------------------------------------------------- */

struct lines {
	char *text;
};

static void line(struct lines *l, const char *fmt, ...)
{
	va_list ap;
	char *add, *joined;

	va_start(ap, fmt);
	if (vasprintf(&add, fmt, ap) < 0)
		add = NULL;
	va_end(ap);
	if (!add)
		return;
	joined = xasprintf("%s%s\n", l->text ? l->text : "", add);
	free(l->text);
	free(add);
	l->text = joined;
}

#define KN(row, bit) ((row)->known & KNOWN(bit))

static void explain_sum(struct lines *l, const struct oom_result *r,
                        const struct oom_rank *row)
{
	int64_t base = row->rss_pages + row->swap_pages + row->pgtables_pages;

	if (KN(row, ORK_PARTS))
		line(l, _("  rss          %10lld pages (status: anon %lld + file "
		          "%lld + shmem %lld; stat's count is the kernel's)"),
		     (long long)row->rss_pages, (long long)row->anon_pages,
		     (long long)row->file_pages, (long long)row->shmem_pages);
	else
		line(l, _("  rss          %10lld pages"), (long long)row->rss_pages);
	line(l, _("+ swap         %10lld pages"), (long long)row->swap_pages);
	line(l, _("+ page tables  %10lld pages"), (long long)row->pgtables_pages);
	line(l, _("+ adj %lld x %lld = %lld pages"), (long long)row->oom_score_adj,
	     (long long)(r->totalpages / 1000), (long long)row->adj_pages);
	line(l, _("= badness      %10lld  (%lld + %lld%s)"),
	     (long long)row->badness, (long long)base, (long long)row->adj_pages,
	     r->kernel_rules && strcmp(r->kernel_rules, "2.6.36-5.8") == 0
	             ? _(", at least 1") : "");
}

static void explain_score(struct lines *l, const struct oom_result *r,
                          const struct oom_rank *row)
{
	int64_t x, global = row->badness;

	if (r->totalpages != r->totalpages_global) /* memcg: the global one */
		global = row->badness - row->adj_pages +
		         oom_adj_pages(row->oom_score_adj, r->totalpages_global);
	x = oom_share_permille(global, r->totalpages_global);
	if (r->kernel_rules && strcmp(r->kernel_rules, "2.6.36-5.8") == 0)
		line(l, _("oom_score = %lld x 1000 / %lld = %lld"), (long long)global,
		     (long long)r->totalpages_global, (long long)row->oom_score);
	else
		line(l, _("oom_score = (1000 + %lld x 1000 / %lld) x 2 / 3 = (1000 "
		          "+ %lld) x 2 / 3 = %lld"), (long long)global,
		     (long long)r->totalpages_global, (long long)x,
		     (long long)row->oom_score);
}

static void explain_kernel(struct lines *l, const struct oom_rank *row)
{
	if (!KN(row, ORK_KERNEL_SCORE))
		return;
	if (KN(row, ORK_MATCH))
		line(l, _("/proc/%lld/oom_score: %lld (%s)"), (long long)row->pid,
		     (long long)row->kernel_oom_score,
		     row->score_match ? _("the model's") : _("differs"));
	else
		line(l, _("/proc/%lld/oom_score: %lld (not compared: not stable "
		          "while read)"), (long long)row->pid,
		     (long long)row->kernel_oom_score);
}

static const struct oom_rank *ranked(const struct oom_result *r, int64_t rank)
{
	for (size_t i = 0; i < r->nranking; i++)
		if (KN(&r->ranking[i], ORK_RANK) && r->ranking[i].rank == rank)
			return &r->ranking[i];
	return NULL;
}

/* The least oom_score_adj that lifts base (badness without adj) above
 * victim: adj x unit > victim - base, i.e. floor((victim - base) / unit)
 * + 1. */
static int64_t adj_to_pass(int64_t base, int64_t victim, int64_t unit)
{
	int64_t need = victim - base;

	if (need < 0)
		return -((-need + unit - 1) / unit) + 1;
	return need / unit + 1;
}

/* Why it ranks where it does: how far it is from the victim, and what
 * would change that. */
static void explain_versus(struct lines *l, const struct oom_result *r,
                           const struct oom_rank *row)
{
	const struct oom_rank *v = ranked(r, row->rank == 1 ? 2 : 1);
	int64_t unit = r->totalpages / 1000, gap, adj;

	if (!v || !KN(v, ORK_BADNESS))
		return;
	gap = row->badness - v->badness;
	if (row->rank == 1) {
		line(l, _("It is the victim: %lld pages of badness above the next, "
		          "%lld (%s)."), (long long)gap, (long long)v->pid,
		     v->comm);
		return;
	}
	line(l, _("The victim is %lld (%s), badness %lld: %lld pages more."),
	     (long long)v->pid, v->comm, (long long)v->badness,
	     (long long)-gap);
	if (unit <= 0) {
		line(l, _("To be chosen first: grow by more than %lld pages "
		          "(totalpages / 1000 is 0: adj does nothing)."),
		     (long long)-gap);
		return;
	}
	adj = adj_to_pass(row->badness - row->adj_pages, v->badness, unit);
	if (adj > OOM_SCORE_ADJ_MAX)
		line(l, _("To be chosen first: grow by more than %lld pages (no "
		          "adj would do: it takes %lld)."), (long long)-gap,
		     (long long)adj);
	else
		line(l, _("To be chosen first: grow by more than %lld pages, or "
		          "adj:%lld=%lld (%lld x %lld pages)."), (long long)-gap,
		     (long long)row->pid, (long long)adj, (long long)adj,
		     (long long)unit);
}

char *oom_explain_process(const struct oom_result *r, int64_t pid)
{
	const struct oom_rank *row = NULL;
	struct lines l = { 0 };

	for (size_t i = 0; i < r->nranking && !row; i++)
		if (r->ranking[i].pid == pid)
			row = &r->ranking[i];
	if (!row)
		return NULL;
	line(&l, "%lld (%s), %s %s", (long long)row->pid,
	     row->comm ? row->comm : "?", _("scope"), r->scope ? r->scope : "?");
	if (KN(row, ORK_KILLABLE) && !row->killable) {
		line(&l, _("Unkillable: %s; oom_score 0."), row->reason);
		explain_kernel(&l, row);
		return l.text;
	}
	if (!KN(row, ORK_BADNESS)) {
		line(&l, _("Cannot be weighed: %s."),
		     row->reason ? row->reason : _("totalpages unknown"));
		return l.text;
	}
	line(&l, _("totalpages %lld; totalpages / 1000 = %lld"),
	     (long long)r->totalpages, (long long)(r->totalpages / 1000));
	explain_sum(&l, r, row);
	line(&l, _("share of totalpages: %lld / 1000"),
	     (long long)row->share_permille);
	if (KN(row, ORK_SCORE))
		explain_score(&l, r, row);
	explain_kernel(&l, row);
	if (KN(row, ORK_RANK))
		line(&l, _("rank %lld of %lld: %s"), (long long)row->rank,
		     (long long)r->nkillable,
		     row->rank == 1 ? _("the next victim")
		                    : _("dies after those above it"));
	if (KN(row, ORK_RANK))
		explain_versus(&l, r, row);
	return l.text;
}
