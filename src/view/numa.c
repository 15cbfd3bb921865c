/*
 * numa.c - the numa view (key 5): per-node memory, numastat hit and miss
 * counters and node distances, as batch text shows them.  Its engine is
 * buddy (per node).
 *
 * Must not: read files.
 */
#include "config.h"

#include "textview.h"
#include "util.h"

static void *numa_init(const struct view_ctx *ctx)
{
	(void)ctx;
	return textview_init(VIEW_NUMA);
}

static void numa_explain(void *state, const struct view_ctx *ctx,
                         struct ui_explain *ex)
{
	textview_explain(state, ctx, ex,
	                 N_("Each NUMA node's memory (/sys/devices/system/node/"
	                    "nodeN/meminfo), its allocation counters (numastat: "
	                    "a miss is an allocation that landed here though "
	                    "another node was preferred) and the distances "
	                    "between nodes (10 = local).  See VIEWS in "
	                    "memlens(1)."));
}

const struct view_ops numa_view = {
	.id = VIEW_NUMA,
	.engine = SIM_BUDDY,
	.init = numa_init,
	.free = textview_free,
	.update = textview_update,
	.text = textview_text,
	.explain = numa_explain,
};
