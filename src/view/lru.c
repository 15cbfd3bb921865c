/*
 * lru.c - the lru view (key 8): the LRU list sizes, reclaim and refault
 * rates, swappiness, memory pressure and the largest memory cgroups, as
 * batch text shows them.  Its engine is lru.
 *
 * Must not: read files.
 */
#include "config.h"

#include "textview.h"
#include "util.h"

static void *lru_init(const struct view_ctx *ctx)
{
	(void)ctx;
	return textview_init(VIEW_LRU);
}

static void lru_explain(void *state, const struct view_ctx *ctx,
                        struct ui_explain *ex)
{
	textview_explain(state, ctx, ex,
	                 N_("Reclaim takes pages from the tail of the inactive "
	                    "lists: file pages are dropped or written back, "
	                    "anonymous pages swapped.  pgscan is what it looked "
	                    "at, pgsteal what it freed; refaults are evicted "
	                    "pages needed again soon after, the sign that the "
	                    "working set does not fit.  PSI says how much time "
	                    "tasks lost waiting.  See VIEWS in memlens(1)."));
}

const struct view_ops lru_view = {
	.id = VIEW_LRU,
	.engine = SIM_LRU,
	.init = lru_init,
	.free = textview_free,
	.update = textview_update,
	.text = textview_text,
	.explain = lru_explain,
};
