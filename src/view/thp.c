/*
 * thp.c - the thp view (key 6): transparent huge page settings and
 * counters, and zswap's settings and pool, as batch text shows them.  Its
 * engine is buddy (whether order-9 blocks are there to be had).
 *
 * Must not: read files.
 */
#include "config.h"

#include "textview.h"
#include "util.h"

static void *thp_init(const struct view_ctx *ctx)
{
	(void)ctx;
	return textview_init(VIEW_THP);
}

static void thp_explain(void *state, const struct view_ctx *ctx,
                        struct ui_explain *ex)
{
	textview_explain(state, ctx, ex,
	                 N_("Transparent huge pages map 2 MiB at once (x86-64), "
	                    "saving TLB misses and page tables; settings come "
	                    "from /sys/kernel/mm/transparent_hugepage/, counters "
	                    "from /proc/vmstat (thp_*).  zswap compresses pages "
	                    "on their way to swap and keeps them in RAM: settings "
	                    "from /sys/module/zswap/parameters, pool counters "
	                    "from debugfs (root).  See VIEWS in memlens(1)."));
}

const struct view_ops thp_view = {
	.id = VIEW_THP,
	.engine = SIM_BUDDY,
	.init = thp_init,
	.free = textview_free,
	.update = textview_update,
	.text = textview_text,
	.explain = thp_explain,
};
