/*
 * buddy_sim.c - runs the what-ifs: picks the zone (zone:[NODE/]NAME, else
 * the first node's Normal), builds its page-frame model, seeds it with the
 * live free lists (buddy_seed.c) and runs each workload in order, keeping a
 * description of the model after each.
 *
 * Must not: do I/O; a zone the model cannot hold (no free lists, or too big
 * for memory) gives a reason instead of steps.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_internal.h"
#include "util.h"

/* 9 bytes per page: 64 Mi pages (a 256 GiB zone) is a 576 MiB model. */
#define MODEL_MAX_PAGES (UINT64_C(1) << 26)

static bool zone_wanted(const struct buddy_zone_in *in, const char *name,
                        int64_t node)
{
	return strcmp(in->z->zone, name) == 0 &&
	       (node < 0 || in->z->node == node);
}

/* The zone to run in: asked for, else the first Normal, else the zone
 * with the most free pages.  -1 when an asked zone is not there. */
static int model_zone(const struct buddy_ctx *ctx, const char *name,
                      int64_t node)
{
	int best = -1;

	for (size_t i = 0; i < ctx->nzones; i++) {
		const struct buddy_zone_in *in = &ctx->in[i];

		if (name) {
			if (zone_wanted(in, name, node))
				return (int)i;
			continue;
		}
		if (!(in->z->known & KNOWN(ZONE_FREE_BLOCKS)))
			continue;
		if (strcmp(in->z->zone, "Normal") == 0)
			return (int)i;
		if (best < 0 || in->z->free_pages > ctx->in[best].z->free_pages)
			best = (int)i;
	}
	return best;
}

/* The span the model covers: the map's, zoneinfo's, or the managed pages. */
static uint64_t model_span(const struct buddy_zone_in *in, uint64_t *start)
{
	const struct zone *z = in->z;

	*start = 0;
	if (in->map) {
		*start = (uint64_t)in->map->start_pfn;
		return (uint64_t)in->map->spanned_pages;
	}
	if ((z->known & KNOWN(ZONE_SPANNED)) && z->spanned_pages > 0)
		return (uint64_t)z->spanned_pages;
	if ((z->known & KNOWN(ZONE_MANAGED)) && z->managed_pages > 0)
		return (uint64_t)z->managed_pages;
	return 0;
}

static void seed_input(const struct buddy_ctx *ctx,
                       const struct buddy_zone_in *in,
                       struct buddy_seed_in *seed)
{
	const struct zone *z = in->z;

	memset(seed, 0, sizeof(*seed));
	seed->norders = z->norders;
	for (size_t o = 0; o < z->norders; o++)
		for (int mt = 0; mt < BUDDY_MT_COUNT; mt++)
			seed->nr_free[o][mt] =
			        in->have_mt ? in->nr_free_mt[o][mt]
			                    : mt == BUDDY_MT_MOVABLE ? z->free_blocks[o]
			                                             : 0;
	memcpy(seed->pageblocks, in->pageblocks, sizeof(seed->pageblocks));
	seed->managed_pages = (z->known & KNOWN(ZONE_MANAGED)) ? z->managed_pages
	                                                       : 0;
	seed->cells = in->map ? in->map->cells : NULL;
	(void)ctx;
}

static int model_build(const struct buddy_ctx *ctx,
                       const struct buddy_zone_in *in, struct buddy_run *run,
                       char **why_not)
{
	const struct zone *z = in->z;
	struct buddy_model_params p = { 0 };
	struct buddy_seed_in seed;
	uint64_t placed;
	int64_t boost = (z->known & KNOWN(ZONE_BOOST)) ? z->boost_pages : 0;
	int rc;

	p.spanned_pages = model_span(in, &p.start_pfn);
	if (!(z->known & KNOWN(ZONE_FREE_BLOCKS)) || p.spanned_pages == 0 ||
	    z->norders == 0 || z->norders > BUDDY_ORDERS_MAX) {
		*why_not = xasprintf(_("zone %s of node %lld has no free lists "
		                       "or size in the snapshot"),
		                     z->zone, (long long)z->node);
		return -EINVAL;
	}
	if (p.spanned_pages > MODEL_MAX_PAGES) {
		*why_not = xasprintf(_("zone %s of node %lld spans %llu pages, "
		                       "more than the model holds (%llu)"),
		                     z->zone, (long long)z->node,
		                     (unsigned long long)p.spanned_pages,
		                     (unsigned long long)MODEL_MAX_PAGES);
		return -EFBIG;
	}
	p.norders = (unsigned)z->norders;
	p.pageblock_order = ctx->pageblock_order;
	p.pcp_mergeable = ctx->rules.pcp_mergeable;
	p.managed_pages = z->managed_pages;
	p.high_base_pages = z->high_pages - boost;
	p.boost_pages = boost;
	p.boost_factor = ctx->boost_factor != BUDDY_UNSET ? ctx->boost_factor : 0;
	rc = buddy_model_new(&run->m, &p);
	if (rc < 0) {
		*why_not = xasprintf(_("zone %s of node %lld cannot be modelled"),
		                     z->zone, (long long)z->node);
		return rc;
	}
	seed_input(ctx, in, &seed);
	if (buddy_seed(run->m, &seed, &placed) == -ENOSPC)
		*why_not = xasprintf(_("only %llu free pages of zone %s fit its "
		                       "span; the model starts with those"),
		                     (unsigned long long)placed, z->zone);
	return 0;
}

static void run_setup(const struct buddy_ctx *ctx,
                      const struct buddy_zone_in *in, struct buddy_run *run,
                      uint64_t seed)
{
	const struct zone *z = in->z;
	int64_t boost = (z->known & KNOWN(ZONE_BOOST)) ? z->boost_pages : 0;

	run->rules = &ctx->rules;
	run->min_base_pages = z->min_pages - boost;
	run->low_base_pages = z->low_pages - boost;
	run->thp_order = ctx->thp_order;
	run->page_size = ctx->snap->page_size > 0 ? ctx->snap->page_size : 4096;
	run->rng = seed ? seed : 1;
	run->check_marks = in->wm_ok;
	if (!in->wm_ok)
		return;
	run->reserve_movable = z->protection_pages[in->movable_index];
	run->reserve_kernel = z->protection_pages[in->normal_index];
	run->highatomic_pages = in->wm.highatomic_hi;
}

/* seed: and zone: are settings; the last of each wins. */
static void settings(void *const *what_ifs, size_t n, uint64_t *seed,
                     const char **zone, int64_t *node, size_t *steps)
{
	*seed = 1;
	*zone = NULL;
	*node = -1;
	*steps = 0;
	for (size_t i = 0; i < n; i++) {
		const struct buddy_whatif *w = what_ifs[i];

		if (w->kind == BUDDY_WI_SEED)
			*seed = w->seed;
		else if (w->kind == BUDDY_WI_ZONE) {
			*zone = w->zone;
			*node = w->node;
		} else {
			(*steps)++;
		}
	}
}

static const char *seed_basis(const struct buddy_zone_in *in)
{
	if (in->map)
		return in->have_mt ? "pagetypeinfo+kpageflags"
		                   : "buddyinfo+kpageflags";
	return in->have_mt ? "pagetypeinfo" : "buddyinfo";
}

int buddy_sim_run(const struct buddy_ctx *ctx, void *const *what_ifs,
                  size_t n, struct buddy_result *r, char **why_not)
{
	struct buddy_run run = { 0 };
	const char *zone;
	uint64_t seed;
	int64_t node;
	size_t steps;
	int zi, rc;

	settings(what_ifs, n, &seed, &zone, &node, &steps);
	if (steps == 0 && !zone)
		return 0;
	zi = model_zone(ctx, zone, node);
	if (zi < 0) {
		*why_not = xstrdup(_("the what-ifs' zone is not in the snapshot"));
		return -ENOENT;
	}
	if (steps == 0)
		return 0;
	rc = model_build(ctx, &ctx->in[zi], &run, why_not);
	if (rc < 0)
		return rc;
	run_setup(ctx, &ctx->in[zi], &run, seed);
	r->model_node = ctx->in[zi].z->node;
	r->model_zone = xstrdup(ctx->in[zi].z->zone);
	r->model_seed = xstrdup(seed_basis(&ctx->in[zi]));
	r->model_random_seed = (int64_t)seed;
	r->known |= KNOWN(BR_MODEL);
	r->steps = xcalloc(steps, sizeof(*r->steps));
	for (size_t i = 0; i < n; i++) {
		const struct buddy_whatif *w = what_ifs[i];
		struct buddy_step *step;

		if (w->kind == BUDDY_WI_SEED || w->kind == BUDDY_WI_ZONE)
			continue;
		step = &r->steps[r->nsteps++];
		step->step = (int64_t)r->nsteps;
		buddy_run_step(&run, w, step);
	}
	buddy_run_free(&run);
	return 0;
}
