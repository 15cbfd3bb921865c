/*
 * lru.c - the lru engine (--sim lru): explains the LRU lists and what
 * classic reclaim would do with them now, per node and per memory cgroup
 * (prepare_scan_control(), get_scan_count(), inactive_is_low() and
 * workingset_test_recent() of mm/vmscan.c and mm/workingset.c, Linux 5.15
 * to 6.18), puts the kernel's reclaim split of the last interval beside the
 * model's, and plays need:SIZE and workload:FILE on a folio-level model of
 * the lists (lru_model.c, lru_reclaim.c).  MGLRU is reported, not modelled.
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lru_internal.h"
#include "lru_whatif.h"
#include "sim.h"
#include "util.h"

/* The what-ifs of one run, sorted out. */
struct lru_asked {
	struct lru_whatif *workload; /* not const: it keeps its cache */
	const char *cgroup;          /* cgroup:PATH, or NULL */
	const struct lru_whatif **needs;
	size_t nneeds;
	int64_t node;
	int swappiness; /* -1: the snapshot's */
	bool many_workloads;
};

static void sort_what_ifs(const struct sim_input *input, struct lru_asked *a)
{
	memset(a, 0, sizeof(*a));
	a->node = -1;
	a->swappiness = -1;
	a->needs = xcalloc(input->nwhat_ifs + 1, sizeof(*a->needs));
	for (size_t i = 0; i < input->nwhat_ifs; i++) {
		struct lru_whatif *w = input->what_ifs[i];

		switch (w->kind) {
		case LRU_WHATIF_NEED: a->needs[a->nneeds++] = w; break;
		case LRU_WHATIF_NODE:
			a->node = w->value;
			a->cgroup = NULL;
			break;
		case LRU_WHATIF_CGROUP:
			a->cgroup = w->name;
			a->node = -1;
			break;
		case LRU_WHATIF_SWAPPINESS: a->swappiness = (int)w->value; break;
		case LRU_WHATIF_WORKLOAD:
			a->many_workloads = a->workload != NULL;
			if (!a->workload)
				a->workload = w;
			break;
		}
	}
}

static void set_header(struct lru_result *r, const struct lru_ctx *ctx,
                       const struct snapshot *snap)
{
	const char *why;

	r->kernel_rules = xstrdup(ctx->rules->label);
	r->known |= KNOWN(LRU_R_RULES);
	if (ctx->mglru) {
		r->mglru = xstrdup(ctx->mglru);
		r->known |= KNOWN(LRU_R_MGLRU);
	} else {
		why = skvlist_get(&snap->unavailable, "sysctl");
		skvlist_add(&r->unavailable, "mglru",
		            why ? why : _("/sys/kernel/mm/lru_gen was not read"));
	}
	if (ctx->swap_known) {
		r->known |= KNOWN(LRU_R_SWAP);
		r->swap_total_kb = (int64_t)(ctx->swap_total * ctx->page_kb);
		r->swap_free_kb = (int64_t)(ctx->swap_free * ctx->page_kb);
	}
}

/* The memory cgroup the run is scoped to: cgroup:PATH, else --cgroup. */
static const char *scope_cgroup(const struct sim_input *input,
                                const struct lru_asked *a)
{
	return a->cgroup ? a->cgroup : input->cgroup;
}

/* The scope of now, plans and workloads; false with the reason. */
static bool pick_scope(const struct lru_ctx *ctx, const struct sim_input *input,
                       const struct lru_asked *a, struct lru_scope_in *in,
                       struct lru_result *r)
{
	const struct snapshot *s = ctx->cur;
	const char *cgroup = scope_cgroup(input, a);

	if (cgroup) {
		const struct cgroup_mem *g = lru_find_cgroup(s, cgroup);

		r->scope = xasprintf("cgroup %s", cgroup);
		if (!g) {
			skvlist_add(&r->unavailable, "now",
			            _("no such memory cgroup in the snapshot"));
			return false;
		}
		lru_scope_cgroup(ctx, s, ctx->prev, g, in);
		if (a->node >= 0)
			skvlist_add(&r->unavailable, "node",
			            _("node:N is ignored with --cgroup (the group's "
			              "per-node lists are not read)"));
		return true;
	}
	if (a->node >= 0) {
		r->scope = xasprintf("node %lld", (long long)a->node);
		for (size_t i = 0; (s->known & KNOWN(SEC_NUMA)) && i < s->numa.count;
		     i++)
			if (s->numa.nodes[i].node == a->node) {
				lru_scope_node(ctx, s, i, in);
				return true;
			}
		skvlist_add(&r->unavailable, "now", _("no such NUMA node"));
		return false;
	}
	r->scope = xstrdup("machine");
	lru_scope_machine(ctx, s, ctx->prev, in);
	return true;
}

static void set_swappiness(struct lru_result *r, struct lru_scope_in *in,
                           const struct lru_asked *a)
{
	const char *source = in->is_cgroup ? "memory.swappiness"
	                                   : "vm.swappiness";

	if (a->swappiness >= 0) {
		in->swappiness_known = true;
		in->swappiness = a->swappiness;
		source = "--what-if swappiness:N";
	}
	if (!in->swappiness_known) {
		skvlist_add(&r->unavailable, "swappiness",
		            _("not read (vm settings or memory.swappiness missing)"));
		return;
	}
	r->known |= KNOWN(LRU_R_SWAPPINESS);
	r->swappiness = in->swappiness;
	r->swappiness_source = xstrdup(source);
}

/* Why parts of "now" are unknown. */
static void note_now_gaps(const struct lru_ctx *ctx,
                          const struct lru_scope_in *in, struct lru_result *r)
{
	if (!in->lists_known)
		skvlist_add(&r->unavailable, "now.inactive_anon_kb",
		            in->is_cgroup || strcmp(in->name, "machine") != 0
		            ? _("memory.stat or node meminfo lacks the LRU lists")
		            : _("meminfo lacks Inactive(anon), Active(anon), "
		                "Inactive(file) or Active(file) (kernels before "
		                "2.6.28 do not split them)"));
	if (!in->swap_known)
		skvlist_add(&r->unavailable, "now.swap_free_kb",
		            _("SwapTotal/SwapFree were not read"));
	if (!in->is_cgroup && (!in->free_known || !in->wmarks_known))
		skvlist_add(&r->unavailable, "now.file_is_tiny",
		            _("without MemFree and the zones' watermarks "
		              "file_is_tiny is taken as false"));
	if (!in->refaults_known)
		skvlist_add(&r->unavailable, "now.refaults",
		            _("workingset_activate_* over an interval is not known "
		              "(one snapshot, or v1 memory.stat): taken as "
		              "unchanged"));
	if (!in->costs_known)
		skvlist_add(&r->unavailable, "now.costs",
		            _("anon_cost and file_cost are not published and "
		              "could not be estimated from an interval: taken as "
		              "0"));
	if (ctx->mglru_on)
		skvlist_add(&r->unavailable, "now.branch",
		            _("MGLRU is on: get_scan_count() is not used"));
	else if (in->lists_known && (!in->swappiness_known || !in->swap_known))
		skvlist_add(&r->unavailable, "now.branch",
		            _("needs the swappiness and the free swap"));
}

static void explain_nodes(const struct lru_ctx *ctx, struct lru_result *r)
{
	const struct snapshot *s = ctx->cur;

	if (!(s->known & KNOWN(SEC_NUMA)) || s->numa.count == 0) {
		skvlist_add(&r->unavailable, "nodes", _("the numa section was not "
		                                        "read"));
		return;
	}
	r->nodes = xcalloc(s->numa.count, sizeof(*r->nodes));
	for (size_t i = 0; i < s->numa.count; i++) {
		struct lru_scope_in in;

		lru_scope_node(ctx, s, i, &in);
		lru_explain_scope(ctx, &in, &r->nodes[r->nnodes++]);
		lru_scope_in_free(&in);
	}
	r->known |= KNOWN(LRU_R_NODES);
}

static void explain_cgroups(const struct lru_ctx *ctx, struct lru_result *r)
{
	const struct snapshot *s = ctx->cur;

	if (!(s->known & KNOWN(SEC_CGROUP))) {
		skvlist_add(&r->unavailable, "cgroups", _("the cgroup section was "
		                                          "not read"));
		return;
	}
	r->cgroups = xcalloc(s->cgroup.count + 1, sizeof(*r->cgroups));
	for (size_t i = 0; i < s->cgroup.count; i++) {
		struct lru_scope_in in;

		lru_scope_cgroup(ctx, s, ctx->prev, &s->cgroup.groups[i], &in);
		lru_explain_scope(ctx, &in, &r->cgroups[r->ncgroups++]);
		lru_scope_in_free(&in);
	}
	r->known |= KNOWN(LRU_R_CGROUPS);
}

static void run_plans(const struct lru_ctx *ctx, const struct lru_asked *a,
                      const struct lru_scope_in *in, bool scope_ok,
                      struct lru_result *r)
{
	if (a->nneeds == 0)
		return;
	r->plans = xcalloc(a->nneeds, sizeof(*r->plans));
	for (size_t i = 0; i < a->nneeds; i++) {
		uint64_t page = ctx->page_kb * 1024;
		uint64_t pages = (a->needs[i]->bytes + page - 1) / page;

		if (scope_ok) {
			lru_plan_need(ctx, in, pages, &r->plans[r->nplans++]);
		} else {
			r->plans[r->nplans].need_kb = (int64_t)(pages * ctx->page_kb);
			r->plans[r->nplans++].why = xstrdup(_("the scope is not in the "
			                                      "snapshot"));
		}
	}
	r->known |= KNOWN(LRU_R_PLANS);
}

/* lru_workload_run(), or its cached result from the same start. */
static int play_workload(struct lru_whatif *w, const struct lru_start *start,
                         struct lru_prediction *out, char **why)
{
	int rc;

	if (lru_cache_get(w->cache, start, out, why))
		return *why ? -1 : 0;
	rc = lru_workload_run(start, w->name, &w->workload, out, why);
	lru_cache_put(&w->cache, start, rc < 0 ? NULL : out,
	              rc < 0 ? (*why ? *why : "") : NULL);
	return rc;
}

static void run_workload(const struct lru_ctx *ctx, const struct lru_asked *a,
                         const struct sim_input *input,
                         const struct lru_scope_in *in, bool scope_ok,
                         struct lru_result *r)
{
	struct lru_start start;
	char *why = NULL;

	if (!a->workload)
		return;
	if (scope_cgroup(input, a) && !scope_ok) {
		skvlist_add(&r->unavailable, "prediction",
		            _("the cgroup is not in the snapshot"));
		return;
	}
	if (a->many_workloads)
		skvlist_add(&r->unavailable, "prediction.workload",
		            _("one workload at a time: the first is played"));
	if (lru_workload_start(ctx, scope_cgroup(input, a) ? in : NULL,
	                       &a->workload->workload, &start, &why) < 0 ||
	    play_workload(a->workload, &start, &r->prediction, &why) < 0) {
		skvlist_add(&r->unavailable, "prediction", why);
		free(why);
		return;
	}
	if (a->swappiness >= 0)
		skvlist_add(&r->unavailable, "prediction.swappiness",
		            _("swappiness:N is not applied to workloads: use a "
		              "'swappiness N' step"));
	r->known |= KNOWN(LRU_R_PREDICTION);
}

static const char assumptions[] = N_(
	"Classic two-list LRU of one lruvec.  Pages already on the lists are "
	"taken as not referenced since reclaim last looked at them (user space "
	"cannot see PG_referenced or the accessed bits); anonymous pages are "
	"mapped once, file pages are clean and read, not mapped; swap-out "
	"completes at once; reclaim reads memcg counters as of the last stats "
	"flush (every 2 s); anon_cost and file_cost are estimated from the last "
	"interval's counters; workload files start uncached and are read in "
	"folios of the 'folio' size (2 MiB from Linux 6.16, 4 KiB before).");

static void lru_free_result(void *result)
{
	if (!result)
		return;
	schema_free_entity(&lru_schema, result);
	free(result);
}

static int lru_run(const struct sim_input *input, void **result, char **error)
{
	const struct snapshot *snap = input->cur;
	struct lru_result *r;
	struct lru_scope_in in = { 0 };
	struct lru_asked a;
	struct lru_ctx ctx;
	bool scope_ok;

	*result = NULL;
	if (!snap) {
		*error = xstrdup(_("no snapshot"));
		return -ENODATA;
	}
	r = xcalloc(1, sizeof(*r));
	sort_what_ifs(input, &a);
	lru_ctx_init(&ctx, snap, input->prev, &r->unavailable);
	if (a.swappiness >= 0) {
		ctx.swappiness_known = true;
		ctx.swappiness = a.swappiness;
	}
	set_header(r, &ctx, snap);
	scope_ok = pick_scope(&ctx, input, &a, &in, r);
	if (scope_ok) {
		set_swappiness(r, &in, &a);
		lru_explain_scope(&ctx, &in, &r->now);
		note_now_gaps(&ctx, &in, r);
		r->known |= KNOWN(LRU_R_NOW);
	}
	explain_nodes(&ctx, r);
	explain_cgroups(&ctx, r);
	lru_explain_rates(&ctx, r, scope_cgroup(input, &a));
	r->known |= KNOWN(LRU_R_RATES);
	lru_explain_observed(&ctx, r, scope_cgroup(input, &a));
	run_plans(&ctx, &a, &in, scope_ok, r);
	run_workload(&ctx, &a, input, &in, scope_ok, r);
	r->assumptions = xstrdup(_(assumptions));
	if (scope_ok)
		lru_scope_in_free(&in);
	free(a.needs);
	lru_ctx_free(&ctx);
	*result = r;
	return 0;
}

const struct sim_engine_info lru_engine = {
	.name = "lru",
	.sections = KNOWN(SEC_MEMINFO) | KNOWN(SEC_VMSTAT) | KNOWN(SEC_ZONES) |
	            KNOWN(SEC_NUMA) | KNOWN(SEC_CGROUP) | KNOWN(SEC_SYSCTL) |
	            KNOWN(SEC_PSI),
	.schema = &lru_schema,
	.parse_what_if = lru_whatif_parse,
	.free_what_if = lru_whatif_free,
	.run = lru_run,
	.free_result = lru_free_result,
};
