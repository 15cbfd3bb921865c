/*
 * lru_explain.c - the lru engine's answers about a snapshot: for a scope,
 * what reclaim would decide if it started now (prepare_scan_control() and
 * get_scan_count() at DEF_PRIORITY, the refault-distance thresholds of
 * workingset_test_recent()), the reclaim rates of the last interval, the
 * split the kernel did beside the split the model predicts, "if SIZE more
 * memory were needed now" (need:SIZE, played on the model), and the start
 * state of a workload.
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lru_internal.h"
#include "util.h"

static int64_t kb(const struct lru_ctx *ctx, uint64_t pages)
{
	return (int64_t)(pages * ctx->page_kb);
}

/* ---- the decision now --------------------------------------------------- */

struct decision {
	struct lru_prepare_out prep;
	struct lru_balance_out bal;
	uint64_t scan[4];
	bool can_swap;
};

static void decide(const struct lru_ctx *ctx, const struct lru_scope_in *in,
                   int priority, struct decision *d)
{
	struct lru_prepare_in pin = {
		.priority = priority,
		.page_shift = ctx->page_shift,
		.cgroup_reclaim = in->is_cgroup,
		.node_file = in->lists[LRU_INACTIVE_FILE] + in->lists[LRU_ACTIVE_FILE],
		.node_free = in->free,
		.node_high_wmark = in->high,
		.node_inactive_anon = in->lists[LRU_INACTIVE_ANON],
	};
	struct lru_balance_in bin = {
		.cgroup_reclaim = in->is_cgroup,
		.swappiness = in->swappiness,
		.priority = priority,
		.anon_cost = in->costs_known ? in->anon_cost : 0,
		.file_cost = in->costs_known ? in->file_cost : 0,
	};

	memcpy(pin.lists, in->lists, sizeof(pin.lists));
	pin.refaults_changed[0] = in->refaults_changed[0];
	pin.refaults_changed[1] = in->refaults_changed[1];
	/* without free pages and watermarks file_is_tiny cannot be told */
	pin.cgroup_reclaim = in->is_cgroup || !in->free_known ||
	                     !in->wmarks_known;
	lru_prepare_scan(&pin, &d->prep);
	d->can_swap = in->swap_free > 0;
	bin.can_swap = d->can_swap;
	bin.file_is_tiny = d->prep.file_is_tiny;
	bin.cache_trim_mode = d->prep.cache_trim_mode;
	lru_scan_balance(&bin, &d->bal);
	for (int l = 0; l < 4; l++)
		d->scan[l] = lru_scan_target(in->lists[l], priority, &d->bal,
		                             lru_is_file(l));
}

/* The anon share of what shrink_lruvec() scans on the inactive lists. */
static int64_t anon_percent(const struct decision *d,
                            const struct lru_scope_in *in)
{
	uint64_t a = d->scan[LRU_INACTIVE_ANON], f = d->scan[LRU_INACTIVE_FILE];

	if (d->bal.balance == LRU_SCAN_FRACT && a + f == 0) {
		/* lists too short for DEF_PRIORITY: the fractions alone */
		a = (in->lists[0] + 1) * d->bal.fraction[0];
		f = (in->lists[2] + 1) * d->bal.fraction[1];
	}
	return a + f ? (int64_t)(a * 100 / (a + f)) : 0;
}

static char *why_cache_trim_off(const struct decision *d,
                                const struct lru_scope_in *in)
{
	if ((in->lists[LRU_INACTIVE_FILE] >> LRU_DEF_PRIORITY) == 0)
		return xasprintf(_("inactive_file %llu >> %d is 0, too little "
		                   "cache to trim"),
		                 (unsigned long long)in->lists[LRU_INACTIVE_FILE],
		                 LRU_DEF_PRIORITY);
	if (d->prep.low[1])
		return xasprintf(_("the file lists are being deactivated: "
		                   "inactive_is_low, inactive_file %llu * ratio %llu "
		                   "< active_file %llu"),
		                 (unsigned long long)in->lists[LRU_INACTIVE_FILE],
		                 (unsigned long long)d->prep.ratio[1],
		                 (unsigned long long)in->lists[LRU_ACTIVE_FILE]);
	return xstrdup(_("the file lists are being deactivated: file refaults "
	                 "were activated in the last interval"));
}

static char *why_branch(const struct decision *d,
                        const struct lru_scope_in *in)
{
	char *off, *text;

	switch (d->bal.branch) {
	case LB_NO_SWAP:
		return xstrdup(_("no swap space left for this scope: only the "
		                 "file lists are scanned (SCAN_FILE)"));
	case LB_CGROUP_SWAPPINESS_0:
		return xstrdup(_("cgroup reclaim with swappiness 0 never swaps: "
		                 "only the file lists are scanned (SCAN_FILE)"));
	case LB_FILE_IS_TINY:
		return xasprintf(_("file_is_tiny: file %llu + free %llu <= the "
		                   "high watermarks %llu pages, and anon is not "
		                   "being deactivated: only anon is scanned "
		                   "(SCAN_ANON)"),
		                 (unsigned long long)(in->lists[2] + in->lists[3]),
		                 (unsigned long long)in->free,
		                 (unsigned long long)in->high);
	case LB_CACHE_TRIM:
		return xasprintf(_("cache_trim_mode: inactive_file %llu >> %d > 0 "
		                   "and the file lists are not being deactivated "
		                   "(inactive_is_low ratio %llu, no new refault "
		                   "activations): only the file lists are scanned "
		                   "(SCAN_FILE), so streaming I/O does not swap"),
		                 (unsigned long long)in->lists[LRU_INACTIVE_FILE],
		                 LRU_DEF_PRIORITY,
		                 (unsigned long long)d->prep.ratio[1]);
	default:
		break;
	}
	off = why_cache_trim_off(d, in);
	text = xasprintf(_("fraction (SCAN_FRACT), because %s: swappiness %d, "
	                   "anon_cost %llu, file_cost %llu give ap %llu : fp "
	                   "%llu, %lld%% of the scan on anon"),
	                 off, in->swappiness,
	                 (unsigned long long)(in->costs_known ? in->anon_cost : 0),
	                 (unsigned long long)(in->costs_known ? in->file_cost : 0),
	                 (unsigned long long)d->bal.fraction[0],
	                 (unsigned long long)d->bal.fraction[1],
	                 (long long)anon_percent(d, in));
	free(off);
	return text;
}

static void scope_lists(const struct lru_ctx *ctx, const struct lru_scope_in *in,
                        struct lru_scope *out)
{
	if (in->lists_known) {
		out->known |= KNOWN(LS_LISTS);
		out->inactive_anon_kb = kb(ctx, in->lists[0]);
		out->active_anon_kb = kb(ctx, in->lists[1]);
		out->inactive_file_kb = kb(ctx, in->lists[2]);
		out->active_file_kb = kb(ctx, in->lists[3]);
	}
	if (in->unevictable_known) {
		out->known |= KNOWN(LS_UNEVICTABLE);
		out->unevictable_kb = kb(ctx, in->lists[4]);
	}
	if (in->limit_known) {
		out->known |= KNOWN(LS_LIMIT);
		out->limit_kb = in->limit == UINT64_MAX ? CGROUP_UNLIMITED
		                                        : kb(ctx, in->limit);
	}
	if (in->usage_known) {
		out->known |= KNOWN(LS_USAGE);
		out->usage_kb = kb(ctx, in->usage);
	}
	if (in->free_known) {
		out->known |= KNOWN(LS_FREE);
		out->free_kb = kb(ctx, in->free);
	}
	if (in->wmarks_known) {
		out->known |= KNOWN(LS_WMARKS);
		out->min_kb = kb(ctx, in->min);
		out->low_kb = kb(ctx, in->low);
		out->high_kb = kb(ctx, in->high);
	}
}

static void scope_settings(const struct lru_ctx *ctx,
                           const struct lru_scope_in *in,
                           struct lru_scope *out)
{
	if (in->swappiness_known) {
		out->known |= KNOWN(LS_SWAPPINESS);
		out->swappiness = in->swappiness;
	}
	if (in->swap_known) {
		out->known |= KNOWN(LS_SWAP);
		out->swap_free_kb = kb(ctx, in->swap_free);
	}
}

void lru_explain_scope(const struct lru_ctx *ctx,
                       const struct lru_scope_in *in, struct lru_scope *out)
{
	struct decision d;

	memset(out, 0, sizeof(*out));
	out->name = xstrdup(in->name);
	scope_lists(ctx, in, out);
	scope_settings(ctx, in, out);
	if (!in->lists_known)
		return;
	decide(ctx, in, LRU_DEF_PRIORITY, &d);
	out->known |= KNOWN(LS_RATIOS);
	out->anon_inactive_ratio = (int64_t)d.prep.ratio[0];
	out->anon_inactive_low = d.prep.low[0];
	out->file_inactive_ratio = (int64_t)d.prep.ratio[1];
	out->file_inactive_low = d.prep.low[1];
	if (in->swap_known) {
		out->known |= KNOWN(LS_WORKINGSET);
		out->workingset_file_pages =
			(int64_t)lru_workingset_size(true, in->lists, d.can_swap);
		out->workingset_anon_pages =
			(int64_t)lru_workingset_size(false, in->lists, d.can_swap);
	}
	if (ctx->mglru_on || !in->swappiness_known || !in->swap_known)
		return;
	out->known |= KNOWN(LS_BALANCE);
	out->branch = xstrdup(lru_branch_name(d.bal.branch));
	out->why = why_branch(&d, in);
	out->known |= KNOWN(LS_FRACTION);
	out->anon_percent = anon_percent(&d, in);
}

/* ---- rates and the observed split ------------------------------------- */

static const char *const rate_counters[LR_RATE_COUNT] = {
	[LR_PGSCAN_KSWAPD] = "pgscan_kswapd",
	[LR_PGSCAN_DIRECT] = "pgscan_direct",
	[LR_PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[LR_PGSTEAL_DIRECT] = "pgsteal_direct",
	[LR_PGSCAN_ANON] = "pgscan_anon",
	[LR_PGSCAN_FILE] = "pgscan_file",
	[LR_PGSTEAL_ANON] = "pgsteal_anon",
	[LR_PGSTEAL_FILE] = "pgsteal_file",
	[LR_PGREFILL] = "pgrefill",
	[LR_PGACTIVATE] = "pgactivate",
	[LR_PGDEACTIVATE] = "pgdeactivate",
	[LR_REFAULT_ANON] = "workingset_refault_anon",
	[LR_REFAULT_FILE] = "workingset_refault_file",
	[LR_ACTIVATE_ANON] = "workingset_activate_anon",
	[LR_ACTIVATE_FILE] = "workingset_activate_file",
	[LR_RESTORE_ANON] = "workingset_restore_anon",
	[LR_RESTORE_FILE] = "workingset_restore_file",
	[LR_PSWPIN] = "pswpin",
	[LR_PSWPOUT] = "pswpout",
	[LR_ZSWPIN] = "zswpin",
	[LR_ZSWPOUT] = "zswpout",
};

/* The counters of the result's scope: vmstat, or the group's memory.stat. */
static bool scope_counters(const struct lru_ctx *ctx, const char *cgroup,
                           const struct kvlist **cur,
                           const struct kvlist **prev)
{
	if (cgroup) {
		const struct cgroup_mem *g = lru_find_cgroup(ctx->cur, cgroup);
		const struct cgroup_mem *pg = lru_find_cgroup(ctx->prev, cgroup);

		if (!g || !pg || !(g->known & pg->known & KNOWN(CG_STAT)))
			return false;
		*cur = &g->stat;
		*prev = &pg->stat;
		return true;
	}
	if (!(ctx->cur->known & ctx->prev->known & KNOWN(SEC_VMSTAT)))
		return false;
	*cur = &ctx->cur->vmstat;
	*prev = &ctx->prev->vmstat;
	return true;
}

static void age_rate(const struct lru_ctx *ctx, struct lru_rates *r,
                     const struct lru_scope *now)
{
	uint64_t need = KNOWN(LR_PGSTEAL_ANON) | KNOWN(LR_PGSTEAL_FILE) |
	                KNOWN(LR_PGACTIVATE);

	(void)ctx;
	if ((r->known & need) != need)
		return;
	/* nonresident_age grows by every eviction and every activation */
	r->nonresident_age_rate = r->rate[LR_PGSTEAL_ANON] +
	                          r->rate[LR_PGSTEAL_FILE] +
	                          r->rate[LR_PGACTIVATE];
	r->known |= KNOWN(LR_AGE_RATE);
	if (r->nonresident_age_rate > 0 && (now->known & KNOWN(LS_WORKINGSET))) {
		r->file_protect_s = (double)now->workingset_file_pages /
		                    r->nonresident_age_rate;
		r->known |= KNOWN(LR_PROTECT);
	}
}

void lru_explain_rates(const struct lru_ctx *ctx, struct lru_result *r,
                       const char *cgroup)
{
	const struct kvlist *cur, *prev;

	if (!ctx->prev || ctx->interval <= 0) {
		skvlist_add(&r->unavailable, "rates",
		            _("rates need two snapshots (-n 2 or more)"));
		return;
	}
	if (!scope_counters(ctx, cgroup, &cur, &prev)) {
		skvlist_add(&r->unavailable, "rates",
		            _("the scope's counters are missing from a snapshot"));
		return;
	}
	r->rates.interval_s = ctx->interval;
	r->rates.known |= KNOWN(LR_INTERVAL);
	for (int i = 0; i < LR_RATE_COUNT; i++) {
		int64_t d;

		if (lru_delta(cur, prev, rate_counters[i], &d)) {
			r->rates.rate[i] = (double)d / ctx->interval;
			r->rates.known |= KNOWN(i);
		}
	}
	age_rate(ctx, &r->rates, &r->now);
}

static void observed_kernel(const struct lru_ctx *ctx, struct lru_observed *o,
                            const struct kvlist *cur, const struct kvlist *prev)
{
	int64_t sa, sf, ta, tf;

	if (!lru_delta(cur, prev, "pgscan_anon", &sa) ||
	    !lru_delta(cur, prev, "pgscan_file", &sf))
		return;
	o->known |= KNOWN(LO_OBSERVED);
	o->interval_s = ctx->interval;
	o->scan_anon_pages = sa;
	o->scan_file_pages = sf;
	o->anon_scan_percent = sa + sf ? 100.0 * (double)sa / (double)(sa + sf)
	                               : 0;
	if (lru_delta(cur, prev, "pgsteal_anon", &ta) &&
	    lru_delta(cur, prev, "pgsteal_file", &tf)) {
		o->known |= KNOWN(LO_STEAL);
		o->steal_anon_pages = ta;
		o->steal_file_pages = tf;
		o->anon_steal_percent = ta + tf ? 100.0 * (double)ta /
		                                  (double)(ta + tf) : 0;
	}
}

/* The split the model predicts from the previous snapshot's state. */
static void observed_model(const struct lru_ctx *ctx, struct lru_observed *o,
                           const char *cgroup)
{
	struct lru_scope_in in;
	struct decision d;
	const struct cgroup_mem *g = cgroup ? lru_find_cgroup(ctx->prev, cgroup)
	                                    : NULL;

	if (cgroup && !g)
		return;
	if (g)
		lru_scope_cgroup(ctx, ctx->prev, NULL, g, &in);
	else
		lru_scope_machine(ctx, ctx->prev, NULL, &in);
	/* the interval before the previous snapshot is not known: its
	 * refault activations count as unchanged and its costs as 0 */
	if (in.lists_known && in.swappiness_known && in.swap_known) {
		decide(ctx, &in, LRU_DEF_PRIORITY, &d);
		o->known |= KNOWN(LO_MODELLED);
		o->modelled_branch = xstrdup(lru_branch_name(d.bal.branch));
		o->modelled_anon_percent = anon_percent(&d, &in);
		o->modelled_why = why_branch(&d, &in);
	}
	lru_scope_in_free(&in);
}

void lru_explain_observed(const struct lru_ctx *ctx, struct lru_result *r,
                          const char *cgroup)
{
	const struct kvlist *cur, *prev;

	if (!ctx->prev || ctx->interval <= 0) {
		skvlist_add(&r->unavailable, "observed",
		            _("the observed split needs two snapshots"));
		return;
	}
	if (scope_counters(ctx, cgroup, &cur, &prev))
		observed_kernel(ctx, &r->observed, cur, prev);
	if (!(r->observed.known & KNOWN(LO_OBSERVED)))
		skvlist_add(&r->unavailable, "observed.scan_anon_pages",
		            cgroup ? _("memory.stat does not split pgscan into "
		                       "anon and file")
		                   : _("vmstat lacks pgscan_anon/pgscan_file"));
	if (ctx->mglru_on)
		skvlist_add(&r->unavailable, "observed.modelled_branch",
		            _("MGLRU is on: its eviction policy is not modelled"));
	else
		observed_model(ctx, &r->observed, cgroup);
	r->known |= KNOWN(LRU_R_OBSERVED);
}

/* The why of a decision taken elsewhere (the first pass of a plan). */
char *lru_branch_why(const struct lru_prepare_out *prep,
                     const struct lru_balance_out *bal,
                     const struct lru_scope_in *in)
{
	struct decision d = { .prep = *prep, .bal = *bal };

	for (int l = 0; l < 4; l++)
		d.scan[l] = lru_scan_target(in->lists[l], LRU_DEF_PRIORITY, bal,
		                            lru_is_file(l));
	return why_branch(&d, in);
}
