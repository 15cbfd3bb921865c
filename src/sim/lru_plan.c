/*
 * lru_plan.c - "if SIZE more memory were needed now" (need:SIZE) and the
 * start state of a workload, both played on the model (lru_model.c) seeded
 * from a scope of the snapshot.
 *
 * Who reclaims follows the kernel: in a memory cgroup over its limit the
 * charging task itself (try_charge_memcg() -> try_to_free_mem_cgroup_pages);
 * for the machine or a node, kswapd once free memory falls below the low
 * watermark (wakeup_kswapd() from the allocator's slow path) and the
 * allocating task too below the min watermark (__alloc_pages_direct_reclaim).
 * The pages already on the lists are taken as not referenced since reclaim
 * last looked at them: user space cannot see PG_referenced or the PTE
 * accessed bits (the result says so).
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lru_internal.h"
#include "util.h"

static int64_t kb(const struct lru_ctx *ctx, uint64_t pages)
{
	return (int64_t)(pages * ctx->page_kb);
}

static uint64_t lists_sum(const struct lru_scope_in *in)
{
	uint64_t sum = 0;

	for (int l = 0; l < LRU_NR_LISTS; l++)
		sum += in->lists[l];
	return sum;
}

/* Why a plan cannot be made from this scope, or NULL. */
static const char *plan_missing(const struct lru_scope_in *in)
{
	if (!in->lists_known)
		return N_("the scope's LRU lists are not known");
	if (!in->swappiness_known)
		return N_("the scope's swappiness is not known");
	if (!in->swap_known)
		return N_("the swap space left is not known");
	if (in->is_cgroup && (!in->limit_known || !in->usage_known))
		return N_("the group's limit or usage is not known");
	if (!in->is_cgroup && (!in->free_known || !in->wmarks_known))
		return N_("free memory or the zones' watermarks are not known");
	return NULL;
}

static void model_config(const struct lru_ctx *ctx,
                         const struct lru_scope_in *in,
                         struct lru_model_config *cfg)
{
	uint64_t lists = lists_sum(in);

	memset(cfg, 0, sizeof(*cfg));
	cfg->rules = ctx->rules;
	cfg->page_shift = ctx->page_shift;
	cfg->global = !in->is_cgroup;
	cfg->limit_pages = in->is_cgroup ? in->limit : UINT64_MAX;
	cfg->other_pages = in->usage > lists ? in->usage - lists : 0;
	cfg->free_pages = in->free;
	cfg->min_pages = in->min;
	cfg->low_pages = in->low;
	cfg->high_pages = in->high;
	cfg->swap_used = in->swap_used;
	cfg->swap_total = in->swap_used + in->swap_free;
	cfg->swappiness = in->swappiness;
	cfg->folio_pages = 1;
	cfg->max_events = LRU_PLAN_MAX_EVENTS;
}

static void seed_scope(struct lru_model *m, const struct lru_scope_in *in)
{
	for (int l = 0; l < LRU_NR_LISTS; l++)
		if (in->lists[l])
			lru_model_seed(m, l, in->lists[l], 0);
	lru_model_flush(m);
	m->c.flushes = 0;
	if (in->costs_known) {
		m->anon_cost = in->anon_cost;
		m->file_cost = in->file_cost;
	}
	/* prepare_scan_control() sees the last interval's activations */
	m->view.activate[0] = in->refaults_changed[0];
	m->view.activate[1] = in->refaults_changed[1];
}

static void reclaimer_cgroup(const struct lru_ctx *ctx,
                             const struct lru_scope_in *in, uint64_t need,
                             struct lru_plan *out)
{
	if (in->limit == UINT64_MAX) {
		out->reclaimer = xstrdup("none");
		out->reclaimer_why = xstrdup(_("the group has no limit: the "
		                               "machine's free memory decides "
		                               "(see the plan without --cgroup)"));
	} else if (in->usage + need <= in->limit) {
		out->reclaimer = xstrdup("none");
		out->reclaimer_why = xasprintf(_("usage %lld + %lld kB stays "
		                                 "within the limit %lld kB"),
		                               (long long)kb(ctx, in->usage),
		                               (long long)kb(ctx, need),
		                               (long long)kb(ctx, in->limit));
	} else {
		out->reclaimer = xstrdup("cgroup");
		out->reclaimer_why = xasprintf(
			_("usage %lld + %lld kB is over the limit %lld kB: the "
			  "charging task reclaims from the group itself "
			  "(try_to_free_mem_cgroup_pages(), pgscan_direct in "
			  "memory.stat)"),
			(long long)kb(ctx, in->usage), (long long)kb(ctx, need),
			(long long)kb(ctx, in->limit));
	}
}

static void reclaimer_global(const struct lru_ctx *ctx,
                             const struct lru_scope_in *in, uint64_t need,
                             struct lru_plan *out)
{
	uint64_t after = in->free > need ? in->free - need : 0;
	long long free_kb = kb(ctx, in->free), need_kb = kb(ctx, need);
	long long after_kb = kb(ctx, after);

	if (after < in->min) {
		out->reclaimer = xstrdup("direct");
		out->reclaimer_why = xasprintf(
			_("free %lld - %lld kB = %lld kB falls below the min "
			  "watermark %lld kB: the allocating task reclaims itself "
			  "(direct reclaim, allocstall) while kswapd runs"),
			free_kb, need_kb, after_kb, (long long)kb(ctx, in->min));
	} else if (after < in->low) {
		out->reclaimer = xstrdup("kswapd");
		out->reclaimer_why = xasprintf(
			_("free %lld - %lld kB = %lld kB falls below the low "
			  "watermark %lld kB: kswapd wakes and reclaims up to the "
			  "high watermark %lld kB"),
			free_kb, need_kb, after_kb, (long long)kb(ctx, in->low),
			(long long)kb(ctx, in->high));
	} else {
		out->reclaimer = xstrdup("none");
		out->reclaimer_why = xasprintf(
			_("free %lld - %lld kB = %lld kB stays above the low "
			  "watermark %lld kB: no reclaim"),
			free_kb, need_kb, after_kb, (long long)kb(ctx, in->low));
	}
}

static void plan_counts(const struct lru_ctx *ctx, const struct lru_model *m,
                        struct lru_plan *out)
{
	const struct lru_counters *c = &m->c;

	out->scan_inactive_anon_pages = (int64_t)m->first.scan[0];
	out->scan_active_anon_pages = (int64_t)m->first.scan[1];
	out->scan_inactive_file_pages = (int64_t)m->first.scan[2];
	out->scan_active_file_pages = (int64_t)m->first.scan[3];
	out->reclaim_anon_kb = kb(ctx, c->pgsteal[0]);
	out->reclaim_file_kb = kb(ctx, c->pgsteal[1]);
	out->swap_out_kb = kb(ctx, c->pswpout);
	out->deactivate_anon_kb = kb(ctx, c->deactivate[0]);
	out->deactivate_file_kb = kb(ctx, c->deactivate[1]);
	out->activate_kb = kb(ctx, c->reclaim_activate);
	out->inactive_anon_kb = kb(ctx, m->lists[0].pages);
	out->active_anon_kb = kb(ctx, m->lists[1].pages);
	out->inactive_file_kb = kb(ctx, m->lists[2].pages);
	out->active_file_kb = kb(ctx, m->lists[3].pages);
	out->known |= KNOWN(LP_AFTER);
}

static void plan_balance(const struct lru_scope_in *in,
                         const struct lru_model *m, struct lru_plan *out)
{
	if (!m->first.set) {
		out->why = xstrdup(_("reclaim does not run"));
		return;
	}
	out->known |= KNOWN(LP_BALANCE);
	out->branch = xstrdup(lru_branch_name(m->first.branch));
	out->why = lru_branch_why(&m->first.prepare, &m->first.balance, in);
	out->anon_fraction = (int64_t)m->first.balance.fraction[0];
	out->file_fraction = (int64_t)m->first.balance.fraction[1];
	out->priority = m->first.lowest_priority;
}

void lru_plan_need(const struct lru_ctx *ctx, const struct lru_scope_in *in,
                   uint64_t need_pages, struct lru_plan *out)
{
	const char *missing = plan_missing(in);
	struct lru_model_config cfg;
	struct lru_model m;
	uint64_t cap, done = 0;
	int rc;

	out->need_kb = kb(ctx, need_pages);
	out->scope = xstrdup(in->name);
	if (ctx->mglru_on)
		missing = N_("MGLRU is on: its aging and eviction are not modelled");
	if (missing) {
		out->why = xstrdup(_(missing));
		return;
	}
	out->known |= KNOWN(LP_PLAN);
	if (in->is_cgroup)
		reclaimer_cgroup(ctx, in, need_pages, out);
	else
		reclaimer_global(ctx, in, need_pages, out);
	if (in->is_cgroup && in->limit == UINT64_MAX)
		return;
	model_config(ctx, in, &cfg);
	lru_model_init(&m, &cfg);
	seed_scope(&m, in);
	m.record_first = true;
	/* past memory and swap together it is an OOM anyway */
	cap = lists_sum(in) + in->swap_free + 1;
	if (!in->is_cgroup)
		cap += in->free;
	else if (in->limit > in->usage)
		cap += in->limit - in->usage;
	if (need_pages < cap)
		cap = need_pages;
	/* the budget is for reclaim's scanning, beyond the faults */
	m.max_events = cap + LRU_PLAN_MAX_EVENTS;
	rc = lru_model_alloc_anon_block(&m, cap, &done);
	out->modelled_kb = kb(ctx, done);
	if (rc == -ENOMEM || need_pages > cap) {
		free(out->reclaimer);
		out->reclaimer = xstrdup("oom");
		out->oom = 1;
	}
	plan_balance(in, &m, out);
	plan_counts(ctx, &m, out);
	lru_model_free(&m);
}

/* ---- the start of a workload -------------------------------------------- */

static bool has_op(const struct workload *w, enum workload_op op)
{
	for (size_t i = 0; i < w->count; i++)
		if (w->steps[i].op == op)
			return true;
	return false;
}

/* An empty memory cgroup: the workload's limit, the machine's swap. */
static int start_empty(const struct lru_ctx *ctx, const struct workload *w,
                       struct lru_start *out, char **why)
{
	if (!ctx->swap_known && !has_op(w, WL_SWAP)) {
		*why = xstrdup(_("the machine's free swap is not known: set it "
		                 "with a 'swap SIZE' step"));
		return -1;
	}
	out->label = N_("an empty memory cgroup");
	out->cfg.limit_pages = UINT64_MAX;
	out->cfg.swap_total = ctx->swap_known ? ctx->swap_free : 0;
	return 0;
}

static int start_cgroup(const struct lru_ctx *ctx,
                        const struct lru_scope_in *in, struct lru_start *out,
                        char **why)
{
	const char *missing = plan_missing(in);

	if (missing) {
		*why = xstrdup(_(missing));
		return -1;
	}
	model_config(ctx, in, &out->cfg);
	memcpy(out->lists, in->lists, sizeof(out->lists));
	out->label = N_("the cgroup's memory.stat, limit and swap");
	return 0;
}

static int start_machine(const struct lru_ctx *ctx, struct lru_start *out,
                         char **why)
{
	struct lru_scope_in in;
	const char *missing;
	int rc = 0;

	lru_scope_machine(ctx, ctx->cur, ctx->prev, &in);
	missing = plan_missing(&in);
	if (missing) {
		*why = xstrdup(_(missing));
		rc = -1;
	} else {
		model_config(ctx, &in, &out->cfg);
		memcpy(out->lists, in.lists, sizeof(out->lists));
		out->label = N_("the machine's lists, free memory and watermarks");
	}
	lru_scope_in_free(&in);
	return rc;
}

int lru_workload_start(const struct lru_ctx *ctx,
                       const struct lru_scope_in *cgroup,
                       const struct workload *w, struct lru_start *out,
                       char **why)
{
	int rc;

	memset(out, 0, sizeof(*out));
	*why = NULL;
	out->has_limit = has_op(w, WL_LIMIT);
	if (ctx->mglru_on) {
		*why = xstrdup(_("MGLRU is on: its aging and eviction are not "
		                 "modelled"));
		return -1;
	}
	if (cgroup)
		rc = start_cgroup(ctx, cgroup, out, why);
	else if (out->has_limit)
		rc = start_empty(ctx, w, out, why);
	else
		rc = start_machine(ctx, out, why);
	if (rc < 0)
		return rc;
	if (!cgroup && !ctx->swappiness_known && !has_op(w, WL_SWAPPINESS)) {
		*why = xstrdup(_("vm.swappiness is not known: set it with a "
		                 "'swappiness N' step"));
		return -1;
	}
	if (!cgroup)
		out->cfg.swappiness = ctx->swappiness;
	out->cfg.rules = ctx->rules;
	out->cfg.page_shift = ctx->page_shift;
	out->cfg.global = !cgroup && !out->has_limit;
	out->cfg.folio_pages = lru_default_folio_pages(ctx->cur->kernel,
	                                               ctx->page_shift);
	out->cfg.max_events = LRU_WORKLOAD_MAX_EVENTS;
	return 0;
}
