/*
 * buddy.c - the buddy view (key 7): each zone's free pages against its
 * watermarks, its free lists per order with the buddy engine's
 * fragmentation indexes and watermark checks, the physical pageblock map
 * (m), the what-if steps of the engine's page-frame model, and an explain
 * panel that speaks of the zone under the cursor in the engine's words.
 * The engine runs on every refresh while the view is on screen; the costly
 * map is asked for only while it (or the explain panel) is shown.
 *
 * Must not: read files, or compute what the engine computes.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_view.h"
#include "glossary.h"
#include "util.h"

#define WRAP_MIN_COLS 40

/* ---- the page ------------------------------------------------------------------ */

/* Remembers the zone and order of the line just added. */
static void buddy_view_note(struct buddy_view *bv, int zone, int order)
{
	size_t n = bv->text.nlines - 1;

	if (n + 1 > bv->lines_cap) {
		size_t cap = bv->lines_cap;

		xgrow((void **)&bv->line_zone, &cap, n + 1,
		      sizeof(*bv->line_zone));
		cap = bv->lines_cap;
		xgrow((void **)&bv->line_order, &cap, n + 1,
		      sizeof(*bv->line_order));
		bv->lines_cap = cap;
	}
	bv->line_zone[n] = zone;
	bv->line_order[n] = order;
}

void buddy_view_add(struct buddy_view *bv, enum ui_style style, int zone,
                    int order, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_text_vaddf(&bv->text, style, fmt, ap);
	va_end(ap);
	buddy_view_note(bv, zone, order);
}

void buddy_view_add_line(struct buddy_view *bv, int zone, int order,
                         const struct ui_line *line)
{
	ui_text_add_line(&bv->text, line);
	buddy_view_note(bv, zone, order);
}

void buddy_view_add_words(struct buddy_view *bv, enum ui_style style,
                          int zone, const char *indent, const char *words)
{
	int width = bv->cols - 2 - ui_width(indent);
	const char *p = words;

	if (width < WRAP_MIN_COLS)
		width = WRAP_MIN_COLS;
	while (*p) {
		size_t cut = ui_wrap(p, width);

		buddy_view_add(bv, style, zone, -1, "%s%.*s", indent, (int)cut,
		               p);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

const struct buddy_result *buddy_view_result(const struct view_ctx *ctx)
{
	return ctx->sim ? ctx->sim->result[SIM_BUDDY] : NULL;
}

const struct buddy_zone *buddy_view_zone(const struct buddy_result *r,
                                         const struct zone *z)
{
	for (size_t i = 0; r && z->zone && i < r->nzones; i++)
		if (r->zones[i].node == z->node && r->zones[i].zone &&
		    !strcmp(r->zones[i].zone, z->zone))
			return &r->zones[i];
	return NULL;
}

/* ---- the view_ops --------------------------------------------------------------- */

static void *buddy_init(const struct view_ctx *ctx)
{
	struct buddy_view *bv = xcalloc(1, sizeof(*bv));

	(void)ctx;
	ui_text_init(&bv->text);
	bv->cols = 80;
	bv->rows = 24;
	return bv;
}

static void buddy_free(void *state)
{
	struct buddy_view *bv = state;

	ui_text_free(&bv->text);
	free(bv->line_zone);
	free(bv->line_order);
	free(bv);
}

static void buddy_engine_state(struct buddy_view *bv,
                               const struct view_ctx *ctx)
{
	const char *error = ctx->sim ? ctx->sim->error[SIM_BUDDY] : NULL;

	if (buddy_view_result(ctx))
		return;
	if (error)
		buddy_view_add(bv, UI_WARN, -1, -1, _("buddy engine: %s"), error);
	else
		buddy_view_add(bv, UI_DIM, -1, -1, "%s",
		               _("buddy engine: no result yet (indexes and checks "
		                 "follow)"));
}

static void buddy_update(void *state, const struct view_ctx *ctx)
{
	struct buddy_view *bv = state;

	/* The page is laid out for the screen (the map's cells per row and
	 * the wrapped sentences); a resize takes effect at the next refresh. */
	bv->cols = COLS > 0 ? COLS : 80;
	bv->rows = LINES > 0 ? LINES : 24;
	ui_text_clear(&bv->text);
	if (ctx->cur) {
		buddy_engine_state(bv, ctx);
		if (bv->map)
			buddy_map_render(bv, ctx);
		else
			buddy_zones_render(bv, ctx);
		buddy_steps_render(bv, ctx);
	}
	ui_text_finish(&bv->text);
}

static struct ui_text *buddy_text(void *state)
{
	return &((struct buddy_view *)state)->text;
}

/* The line under the cursor (index into the page), or -1. */
static long buddy_cursor(const struct buddy_view *bv)
{
	const struct ui_text *t = &bv->text;

	return t->cursor < t->nshown ? (long)t->shown[t->cursor] : -1;
}

static bool buddy_key(void *state, struct view_ctx *ctx, int key)
{
	struct buddy_view *bv = state;
	long line = buddy_cursor(bv);
	const struct buddy_result *r = buddy_view_result(ctx);
	int order = line >= 0 ? bv->line_order[line] : -1;

	switch (key) {
	case 'm':
		bv->map = !bv->map;
		buddy_update(bv, ctx);
		return true;
	case 'a':
		if (order < 0)
			order = r && (r->known & KNOWN(BR_THP_ORDER))
			                ? (int)r->thp_order
			                : 9;
		snprintf(ctx->request_what_if, sizeof(ctx->request_what_if),
		         "alloc:%dx", order);
		ctx->request = VIEW_REQ_WHAT_IF_EDIT;
		return true;
	default:
		return false;
	}
}

static uint64_t buddy_sections(void *state, const struct view_ctx *ctx)
{
	const struct buddy_view *bv = state;

	return bv->map || ctx->explain_open ? KNOWN(SEC_PAGEBLOCKS) : 0;
}

static void buddy_status(void *state, struct ui_line *line)
{
	const struct buddy_view *bv = state;

	if (bv->map)
		ui_line_add(line, UI_STATUS, " %s %s ", _("map:"),
		            bv->map_scale[0] ? bv->map_scale : _("n/a"));
}

/* ---- the explain panel ----------------------------------------------------------- */

static void explain_say(struct ui_explain *ex, const struct buddy_result *r,
                        const char *key)
{
	const char *words = r ? skvlist_get(&r->explanation, key) : NULL;

	if (words)
		ui_explain_add(ex, UI_EX_TEXT, "%s", words);
}

/* What the engine found for one order, in words. */
static void explain_order(struct ui_explain *ex, const struct buddy_result *r,
                          const struct buddy_zone *bz, size_t order)
{
	const struct buddy_order *o;
	char un[16], ef[16];

	if (!bz || order >= bz->norders)
		return;
	o = &bz->orders[order];
	buddy_index_text((int)o->unusable_index, false, un, sizeof(un));
	buddy_index_text((int)o->extfrag_index, false, ef, sizeof(ef));
	ui_explain_add(ex, UI_EX_TEXT,
	               _("Order %zu: %lld free blocks, %lld of this size or "
	                 "larger to be had.  Unusable index %s: that share of "
	                 "free memory is in blocks too small for it."),
	               order, (long long)o->free_blocks,
	               (long long)o->suitable_blocks, un);
	if (o->extfrag_index < 0)
		ui_explain_add(ex, UI_EX_TEXT, "%s",
		               _("Extfrag index -1.000: a block is there, an "
		                 "allocation of this order would be served."));
	else
		ui_explain_add(ex, UI_EX_TEXT,
		               o->extfrag_index > r->extfrag_threshold
		                       ? _("Extfrag index %s is above "
		                           "extfrag_threshold: an allocation would "
		                           "fail for fragmentation, and the kernel "
		                           "would compact.")
		                       : _("Extfrag index %s is not above "
		                           "extfrag_threshold: an allocation would "
		                           "fail for lack of memory, and the kernel "
		                           "would reclaim."),
		               ef);
	if (o->known & KNOWN(BO_MOVABLE_LOW))
		ui_explain_add(ex, UI_EX_VALUE,
		               _("movable allocation: low mark %s, min mark %s; "
		                 "GFP_KERNEL: low %s, min %s; compaction: %s"),
		               o->movable_low ? _("passes") : _("fails"),
		               o->movable_min ? _("passes") : _("fails"),
		               o->kernel_low ? _("passes") : _("fails"),
		               o->kernel_min ? _("passes") : _("fails"),
		               o->compaction ? o->compaction : _("n/a"));
}

static void explain_zone(struct ui_explain *ex, const struct view_ctx *ctx,
                         const struct zone *z, int order)
{
	const struct buddy_result *r = buddy_view_result(ctx);
	char key[96];

	ui_explain_add(ex, UI_EX_TITLE, _("Node %lld, zone %s"),
	               (long long)z->node, z->zone ? z->zone : "?");
	snprintf(key, sizeof(key), "node%lld.%s.thp", (long long)z->node,
	         z->zone ? z->zone : "?");
	explain_say(ex, r, key);
	if (order >= 0)
		explain_order(ex, r, buddy_view_zone(r, z), (size_t)order);
	snprintf(key, sizeof(key), "node%lld.compaction", (long long)z->node);
	explain_say(ex, r, key);
	explain_say(ex, r, "watermarks");
}

/* Every zone's huge-page sentence, when the cursor is on no zone. */
static void explain_all_zones(struct ui_explain *ex,
                              const struct view_ctx *ctx)
{
	const struct buddy_result *r = buddy_view_result(ctx);
	char key[96];

	for (size_t i = 0; r && i < r->nzones; i++) {
		snprintf(key, sizeof(key), "node%lld.%s.thp",
		         (long long)r->zones[i].node, r->zones[i].zone);
		explain_say(ex, r, key);
	}
	explain_say(ex, r, "watermarks");
}

static void buddy_explain(void *state, const struct view_ctx *ctx,
                          struct ui_explain *ex)
{
	struct buddy_view *bv = state;
	long line = buddy_cursor(bv);
	int zi = line >= 0 ? bv->line_zone[line] : -1;

	if (ctx->cur && zi >= 0 && (size_t)zi < ctx->cur->nzones)
		explain_zone(ex, ctx, &ctx->cur->zones[zi], bv->line_order[line]);
	else if (ctx->cur)
		explain_all_zones(ex, ctx);
	ui_explain_add(ex, UI_EX_TEXT, "%s", "");
	if (line >= 0)
		glossary_explain_line(bv->text.lines[line], ex, 8);
	ui_explain_add(ex, UI_EX_TEXT, "%s",
	               _("The buddy allocator keeps each zone's free memory in "
	                 "blocks of 2^order pages; a free block of order N can "
	                 "serve any allocation up to order N.  Few blocks at "
	                 "high orders mean fragmentation: huge pages and other "
	                 "large allocations then need compaction.  Below the "
	                 "low watermark kswapd reclaims; below min only atomic "
	                 "allocations succeed.  From /proc/buddyinfo, "
	                 "/proc/zoneinfo, /proc/pagetypeinfo and /proc/kpageflags "
	                 "(both root).  See VIEWS in memlens(1)."));
	views_explain_engine(views_get(VIEW_BUDDY), ctx, ex);
}

static const char *const buddy_help[] = {
	N_("m\tthe physical map: one cell per pageblock (root)"),
	N_("a\ta what-if allocation of the order under the cursor"),
	NULL,
};

const struct view_ops buddy_view = {
	.id = VIEW_BUDDY,
	.engine = SIM_BUDDY,
	.engine_on_screen = true,
	.init = buddy_init,
	.free = buddy_free,
	.update = buddy_update,
	.text = buddy_text,
	.key = buddy_key,
	.explain = buddy_explain,
	.status = buddy_status,
	.help = buddy_help,
	.sections = buddy_sections,
};
