/*
 * buddy.c - the buddy engine (--sim buddy): reproduces, from a snapshot's
 * buddyinfo, zoneinfo, pagetypeinfo and vm sysctls, the numbers the kernel
 * computes about its free lists (debugfs extfrag indexes, watermarks and
 * protection, __zone_watermark_ok per order, compaction_suitable, the
 * proactive-compaction score) and runs the what-ifs on a page-frame model.
 * Which kernel function each number mirrors is said where it is computed:
 * buddy_index.c, buddy_wmark.c, buddy_model.c (kernel-spec.md 2 and 3).
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "buddy_internal.h"
#include "sim.h"
#include "util.h"

static void buddy_free_result(void *result)
{
	if (!result)
		return;
	schema_free_entity(&buddy_schema, result);
	free(result);
}

static int buddy_run(const struct sim_input *input, void **result,
                     char **error)
{
	const struct snapshot *snap = input->cur;
	struct buddy_result *r;
	struct buddy_ctx ctx;
	char *why_not = NULL;

	*result = NULL;
	if (!snap || !(snap->known & KNOWN(SEC_ZONES)) || snap->nzones == 0) {
		const char *reason = snap ? skvlist_get(&snap->unavailable, "zones")
		                          : NULL;

		*error = xasprintf(_("no zones in the snapshot (%s)"),
		                   reason ? reason : _("not read"));
		return -ENODATA;
	}
	r = xcalloc(1, sizeof(*r));
	buddy_ctx_init(&ctx, snap);
	r->pageblock_order = ctx.pageblock_order;
	r->thp_order = ctx.thp_order;
	r->known |= KNOWN(BR_PAGEBLOCK) | KNOWN(BR_THP_ORDER);
	buddy_calc_watermarks(&ctx, r);
	/* an unknown release gets the rules zoneinfo fits best */
	r->kernel_rules = xstrdup(ctx.rules.label);
	r->zones = xcalloc(ctx.nzones, sizeof(*r->zones));
	r->nzones = ctx.nzones;
	for (size_t i = 0; i < ctx.nzones; i++)
		buddy_calc_zone(&ctx, i, &r->zones[i]);
	buddy_calc_nodes(&ctx, r);
	buddy_sim_run(&ctx, input->what_ifs, input->nwhat_ifs, r, &why_not);
	buddy_explain(&ctx, r, why_not);
	free(why_not);
	buddy_ctx_free(&ctx);
	*result = r;
	return 0;
}

const struct sim_engine_info buddy_engine = {
	.name = "buddy",
	.sections = KNOWN(SEC_ZONES) | KNOWN(SEC_SYSCTL) | KNOWN(SEC_THP) |
	            KNOWN(SEC_PAGEBLOCKS),
	.schema = &buddy_schema,
	.parse_what_if = buddy_whatif_parse,
	.free_what_if = buddy_whatif_free,
	.run = buddy_run,
	.free_result = buddy_free_result,
};
