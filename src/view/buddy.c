/*
 * buddy.c - the buddy view (key 7): each zone's watermarks and sizes, and
 * its free lists per order and migratetype, as batch text shows them.  Its
 * engine is buddy.
 *
 * Must not: read files.
 */
#include "config.h"

#include "textview.h"
#include "util.h"

static void *buddy_init(const struct view_ctx *ctx)
{
	(void)ctx;
	return textview_init(VIEW_BUDDY);
}

static void buddy_explain(void *state, const struct view_ctx *ctx,
                          struct ui_explain *ex)
{
	textview_explain(state, ctx, ex,
	                 N_("The buddy allocator keeps each zone's free memory "
	                    "in blocks of 2^order pages; a free block of order N "
	                    "can serve any allocation up to order N.  Few blocks "
	                    "at high orders mean fragmentation: huge pages and "
	                    "other large allocations then need compaction.  "
	                    "Below the low watermark kswapd reclaims; below min "
	                    "only atomic allocations succeed.  From "
	                    "/proc/buddyinfo, /proc/zoneinfo and "
	                    "/proc/pagetypeinfo (root).  See VIEWS in "
	                    "memlens(1)."));
}

const struct view_ops buddy_view = {
	.id = VIEW_BUDDY,
	.engine = SIM_BUDDY,
	.init = buddy_init,
	.free = textview_free,
	.update = textview_update,
	.text = textview_text,
	.explain = buddy_explain,
};
