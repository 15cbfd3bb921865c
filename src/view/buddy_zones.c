/*
 * buddy_zones.c - the zones of the buddy view: one line per zone with its
 * free pages against the watermarks (pages, as zoneinfo prints them); then
 * for each populated zone a bar of free pages with the marks on it, the
 * huge-page verdict, and a row per order (free blocks as buddyinfo has
 * them, a bar, the engine's unusable and extfrag indexes coloured by
 * severity, and pagetypeinfo's blocks per migratetype); and the what-if
 * steps of the engine's page-frame model.
 *
 * An order row colours each index by its own severity (the rest of the
 * row stays plain, so the eye finds the orders that would fail), and a
 * mark at its end says the worse of the two without colour.
 *
 * Must not: read files, or compute what the engine computes (indexes,
 * watermark checks): it shows the engine's result.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buddy_view.h"
#include "util.h"

#define ZONE_BAR_COLS 30 /* the free-pages bar between its brackets */
#define ORDER_BAR_COLS 14

/* The pagetypeinfo columns shown: the lists most allocations use. */
static const char *const shown_types[] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic",
};

static const char *bar_full(const struct view_ctx *ctx)
{
	return ctx->utf8 ? "\u2588" : "#";
}

static const char *bar_empty(const struct view_ctx *ctx)
{
	return ctx->utf8 ? "\u00b7" : ".";
}

static const char *num_or_na(char *buf, bool known, int64_t v)
{
	if (!known)
		return _("n/a");
	snprintf(buf, UI_NUM_LEN, "%lld", (long long)v);
	return buf;
}

static bool zone_populated(const struct zone *z)
{
	return (z->known & KNOWN(ZONE_PRESENT)) ? z->present_pages > 0
	                                        : z->norders > 0;
}

/* Where free pages stand against the marks, and how that reads. */
static const char *zone_state(const struct zone *z, enum ui_style *style)
{
	*style = UI_NORMAL;
	if (!(z->known & KNOWN(ZONE_FREE)) || !(z->known & KNOWN(ZONE_MIN)))
		return _("n/a");
	if (!zone_populated(z)) {
		*style = UI_DIM;
		return _("empty");
	}
	if (z->free_pages < z->min_pages) {
		*style = UI_ERROR;
		return _("below min: only atomic allocations");
	}
	if (z->free_pages < z->low_pages) {
		*style = UI_WARN;
		return _("below low: kswapd reclaims");
	}
	if (z->free_pages < z->high_pages)
		return _("below high: kswapd until high");
	return _("above high");
}

/* "ok@low", "ok@min", "fails": an order-9 THP fault in the zone now. */
static const char *thp_word(const struct buddy_zone *bz)
{
	if (!bz || !(bz->known & KNOWN(BZ_THP_LOW)))
		return _("n/a");
	if (bz->thp_low)
		return _("ok@low");
	if ((bz->known & KNOWN(BZ_THP_MIN)) && bz->thp_min)
		return _("ok@min");
	return _("fails");
}

static void zone_row(struct buddy_view *bv, const struct view_ctx *ctx,
                     int zi)
{
	const struct zone *z = &ctx->cur->zones[zi];
	const struct buddy_zone *bz =
	        buddy_view_zone(buddy_view_result(ctx), z);
	char f[UI_NUM_LEN], b[UI_NUM_LEN], mi[UI_NUM_LEN], lo[UI_NUM_LEN],
	        hi[UI_NUM_LEN], mo[UI_NUM_LEN], thp[32];
	enum ui_style style;
	const char *state = zone_state(z, &style);

	/* The THP word is translated: padded to columns, not bytes. */
	buddy_view_add(bv, style, zi, -1,
	               "%4lld %-8.8s %8s %6s %6s %6s %6s %6s %s %s",
	               (long long)z->node, z->zone ? z->zone : "?",
	               num_or_na(f, z->known & KNOWN(ZONE_FREE), z->free_pages),
	               num_or_na(b, z->known & KNOWN(ZONE_BOOST),
	                         z->boost_pages),
	               num_or_na(mi, z->known & KNOWN(ZONE_MIN), z->min_pages),
	               num_or_na(lo, z->known & KNOWN(ZONE_LOW), z->low_pages),
	               num_or_na(hi, z->known & KNOWN(ZONE_HIGH), z->high_pages),
	               num_or_na(mo, bz && (bz->known & KNOWN(BZ_HIGHEST)),
	                         bz ? bz->highest_free_order : 0),
	               ui_pad(thp, sizeof(thp), thp_word(bz), 7), state);
}

void buddy_zones_table(struct buddy_view *bv, const struct view_ctx *ctx)
{
	const char *why = views_unavailable(ctx, "zones");

	if (!(ctx->cur->known & KNOWN(SEC_ZONES))) {
		buddy_view_add(bv, UI_WARN, -1, -1, _("zones: n/a (%s)"),
		               why ? why : _("not read"));
		return;
	}
	buddy_view_add(bv, UI_BOLD, -1, -1, "%s",
	               _("NODE ZONE         FREE  BOOST    MIN    LOW   HIGH "
	                 "MAXORD THP     STATE  (pages)"));
	for (size_t i = 0; i < ctx->cur->nzones; i++)
		zone_row(bv, ctx, (int)i);
}

/* ---- one zone: the watermark bar and the THP verdict ------------------------ */

/* "[####m#l#h######......]": free pages, linear from 0, with the marks. */
static void zone_bar(const struct view_ctx *ctx, const struct zone *z,
                     char *out, size_t len)
{
	int64_t top = z->free_pages > z->high_pages ? z->free_pages
	                                            : z->high_pages;
	size_t n = 0;

	top += top / 8 + 1;
	n += (size_t)snprintf(out + n, len - n, "[");
	for (int i = 0; i < ZONE_BAR_COLS && n < len; i++) {
		int64_t from = top * i / ZONE_BAR_COLS;
		int64_t to = top * (i + 1) / ZONE_BAR_COLS;
		const char *cell = z->free_pages > from ? bar_full(ctx)
		                                         : bar_empty(ctx);

		/* a mark wins over the fill: the higher one when they share */
		if (z->high_pages >= from && z->high_pages < to)
			cell = "h";
		else if (z->low_pages >= from && z->low_pages < to)
			cell = "l";
		else if (z->min_pages >= from && z->min_pages < to)
			cell = "m";
		n += (size_t)snprintf(out + n, len - n, "%s", cell);
	}
	if (n < len)
		snprintf(out + n, len - n, "]");
}

static void zone_marks(struct buddy_view *bv, const struct view_ctx *ctx,
                       int zi)
{
	const struct zone *z = &ctx->cur->zones[zi];
	char bar[ZONE_BAR_COLS * 4 + 8];
	enum ui_style style;
	const char *state = zone_state(z, &style);
	uint64_t need = KNOWN(ZONE_FREE) | KNOWN(ZONE_MIN) | KNOWN(ZONE_LOW) |
	                KNOWN(ZONE_HIGH);

	if ((z->known & need) != need)
		return;
	zone_bar(ctx, z, bar, sizeof(bar));
	buddy_view_add(bv, style, zi, -1, _("  free %s %lld pages, %s"), bar,
	               (long long)z->free_pages, state);
	buddy_view_add(bv, UI_NORMAL, zi, -1,
	               _("  marks: min %lld, low %lld, high %lld (boost %lld); "
	                 "managed %lld pages"),
	               (long long)z->min_pages, (long long)z->low_pages,
	               (long long)z->high_pages,
	               (long long)((z->known & KNOWN(ZONE_BOOST)) ? z->boost_pages
	                                                          : 0),
	               (long long)z->managed_pages);
}

static void zone_thp(struct buddy_view *bv, const struct buddy_result *r,
                     const struct buddy_zone *bz, int zi)
{
	enum ui_style style = UI_NORMAL;
	const char *verdict;

	if (!bz || !(bz->known & KNOWN(BZ_THP_LOW)))
		return;
	if (bz->thp_low) {
		verdict = _("ok at the low mark");
	} else if ((bz->known & KNOWN(BZ_THP_MIN)) && bz->thp_min) {
		verdict = _("fails at low, ok at min");
		style = UI_WARN;
	} else {
		verdict = _("fails at low and min");
		style = UI_ERROR;
	}
	buddy_view_add(bv, style, zi, (int)r->thp_order,
	               _("  max order %lld; order-%lld (THP) now: %s%s%s"),
	               (long long)bz->highest_free_order,
	               (long long)r->thp_order, verdict,
	               bz->thp_compaction && !bz->thp_low ? _("; compaction ")
	                                                  : "",
	               bz->thp_compaction && !bz->thp_low ? bz->thp_compaction
	                                                  : "");
}

/* ---- one zone: the orders ---------------------------------------------------- */

static int64_t zone_type_blocks(const struct zone *z, const char *type,
                                size_t order, bool *known)
{
	for (size_t i = 0; i < z->nmigratetypes; i++) {
		const struct zone_migratetype *mt = &z->migratetypes[i];

		if (mt->type && !strcmp(mt->type, type) && (mt->known & 1) &&
		    order < mt->norders) {
			*known = true;
			return mt->free_blocks[order];
		}
	}
	*known = false;
	return 0;
}

/* Bar length for pages held in free blocks of one order: log2 scale,
 * full at max_pages, so that 1 block and a million both show. */
static int order_bar_len(int64_t pages, int64_t max_pages)
{
	int len;

	if (pages <= 0 || max_pages <= 0)
		return 0;
	len = (int)ceil(ORDER_BAR_COLS * log2((double)pages + 1) /
	                log2((double)max_pages + 1));
	return len < ORDER_BAR_COLS ? len : ORDER_BAR_COLS;
}

/* The colour of an index: red when the extfrag index is above the
 * threshold (the kernel would compact), yellow when half or more of the
 * free memory is unusable for the order or its extfrag index is at least
 * 0.5. */
static enum ui_style index_severity(int64_t index, int64_t threshold)
{
	if (threshold >= 0 && index > threshold)
		return UI_ERROR;
	return index >= 500 ? UI_WARN : UI_NORMAL;
}

/* The mark at an order row's end: '!' the kernel would compact, '*' half
 * or more unusable, as the colours say. */
static char order_mark(enum ui_style unusable, enum ui_style extfrag)
{
	if (extfrag == UI_ERROR)
		return '!';
	return unusable == UI_WARN || extfrag == UI_WARN ? '*' : ' ';
}

static void index_cell(char *buf, size_t len, const int64_t *v, size_t n,
                       size_t order)
{
	if (order < n)
		buddy_index_text((int)v[order], false, buf, len);
	else
		snprintf(buf, len, "%s", _("n/a"));
}

static void order_types(const struct zone *z, size_t order, char *out,
                        size_t len)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t t = 0; t < ARRAY_SIZE(shown_types) && n < len; t++) {
		bool known;
		int64_t v = zone_type_blocks(z, shown_types[t], order, &known);

		if (!known)
			return;
		n += (size_t)snprintf(out + n, len - n, " %6lld", (long long)v);
	}
}

static void order_row(struct buddy_view *bv, const struct view_ctx *ctx,
                      int zi, size_t order, int64_t max_pages)
{
	const struct zone *z = &ctx->cur->zones[zi];
	const struct buddy_result *r = buddy_view_result(ctx);
	const struct buddy_zone *bz = buddy_view_zone(r, z);
	bool idx = bz && (bz->known & KNOWN(BZ_INDEXES)) &&
	           order < bz->nunusable && order < bz->nextfrag;
	int64_t threshold = r && (r->known & KNOWN(BR_THRESHOLD))
	                            ? r->extfrag_threshold
	                            : 500;
	char size[UI_NUM_LEN], un[16], ef[16], types[64], mark;
	int64_t blocks = z->free_blocks[order];
	int len = order_bar_len(blocks << order, max_pages);
	enum ui_style un_style = UI_NORMAL, ef_style = UI_NORMAL;
	struct ui_line row;

	ui_format_human(size, (ctx->cur->page_size ? ctx->cur->page_size
	                                           : 4096) /
	                              1024 << order);
	index_cell(un, sizeof(un), idx ? bz->unusable_index : NULL,
	           idx ? bz->nunusable : 0, order);
	index_cell(ef, sizeof(ef), idx ? bz->extfrag_index : NULL,
	           idx ? bz->nextfrag : 0, order);
	if (idx) {
		un_style = index_severity(bz->unusable_index[order], -1);
		ef_style = index_severity(bz->extfrag_index[order], threshold);
	}
	order_types(z, order, types, sizeof(types));
	ui_line_init(&row);
	ui_line_add(&row, UI_NORMAL, " %2zu %5s %7lld ", order, size,
	            (long long)blocks);
	for (int i = 0; i < len; i++)
		ui_line_add(&row, UI_NORMAL, "%s", bar_full(ctx));
	ui_line_add(&row, UI_NORMAL, "%*s ", ORDER_BAR_COLS - len, "");
	ui_line_add(&row, un_style, "%7s", un);
	ui_line_add(&row, UI_NORMAL, " ");
	ui_line_add(&row, ef_style, "%7s", ef);
	mark = order_mark(un_style, ef_style);
	ui_line_add(&row, mark == '!' ? UI_ERROR : mark == '*' ? UI_WARN
	                                                        : UI_NORMAL,
	            "%c", mark);
	ui_line_add(&row, UI_NORMAL, "%s", types);
	buddy_view_add_line(bv, zi, (int)order, &row);
}

static void zone_orders(struct buddy_view *bv, const struct view_ctx *ctx,
                        int zi, int64_t max_pages)
{
	const struct zone *z = &ctx->cur->zones[zi];
	bool typed = false;

	if (!(z->known & KNOWN(ZONE_FREE_BLOCKS)) || !z->norders)
		return;
	zone_type_blocks(z, shown_types[0], 0, &typed);
	buddy_view_add(bv, UI_BOLD, zi, -1, "%s%s",
	               _("ORD  SIZE  BLOCKS PAGES (log2)   UNUSABL EXTFRAG"),
	               typed ? _("  UNMOV    MOV  RECLM  HATOM") : "");
	for (size_t o = 0; o < z->norders; o++)
		order_row(bv, ctx, zi, o, max_pages);
	if (!typed) {
		const char *why = views_unavailable(ctx, "pagetypeinfo");

		buddy_view_add(bv, UI_DIM, zi, -1,
		               _("  per migratetype: n/a (%s)"),
		               why ? why : _("not read"));
	}
}

/* The most pages any order of any zone holds: the bars' common scale. */
static int64_t max_order_pages(const struct snapshot *s)
{
	int64_t max = 1;

	for (size_t i = 0; i < s->nzones; i++)
		for (size_t o = 0; o < s->zones[i].norders; o++)
			if ((s->zones[i].free_blocks[o] << o) > max)
				max = s->zones[i].free_blocks[o] << o;
	return max;
}

static void zone_section(struct buddy_view *bv, const struct view_ctx *ctx,
                         int zi, int64_t max_pages)
{
	const struct zone *z = &ctx->cur->zones[zi];
	const struct buddy_result *r = buddy_view_result(ctx);
	char fr[UI_NUM_LEN], ma[UI_NUM_LEN];
	int64_t kb = ctx->cur->page_size ? ctx->cur->page_size / 1024 : 4;

	buddy_view_add(bv, UI_BOLD, -1, -1, "%s", "");
	buddy_view_add(bv, UI_BOLD, zi, -1, _("node %lld %s: %s free of %s managed"),
	               (long long)z->node, z->zone ? z->zone : "?",
	               ui_format_human(fr, z->free_pages * kb),
	               ui_format_human(ma, z->managed_pages * kb));
	zone_marks(bv, ctx, zi);
	zone_thp(bv, r, buddy_view_zone(r, z), zi);
	zone_orders(bv, ctx, zi, max_pages);
}

void buddy_zones_render(struct buddy_view *bv, const struct view_ctx *ctx)
{
	int64_t max_pages;

	buddy_zones_table(bv, ctx);
	if (!(ctx->cur->known & KNOWN(SEC_ZONES)))
		return;
	max_pages = max_order_pages(ctx->cur);
	for (size_t i = 0; i < ctx->cur->nzones; i++)
		if (zone_populated(&ctx->cur->zones[i]))
			zone_section(bv, ctx, (int)i, max_pages);
}

/* ---- what-ifs ------------------------------------------------------------------ */

static void step_lists(struct buddy_view *bv, const struct buddy_step *s)
{
	char line[512];
	size_t n;

	if (!(s->known & KNOWN(BS_COUNTS)))
		return;
	n = (size_t)snprintf(line, sizeof(line), "%s", _("free blocks by order:"));
	for (size_t o = 0; o < s->norders && n < sizeof(line); o++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " %zu:%lld", o,
		                      (long long)s->free_blocks[o]);
	buddy_view_add_words(bv, UI_NORMAL, -1, "    ", line);
}

static void step_row(struct buddy_view *bv, const struct buddy_result *r,
                     const struct buddy_step *s)
{
	char key[32];
	const char *words;
	enum ui_style style = UI_NORMAL;
	int64_t failed = s->failed_watermark + s->failed_no_block;

	if (failed)
		style = UI_ERROR;
	else if (s->fallbacks || s->below_low)
		style = UI_WARN;
	buddy_view_add(bv, style, -1, -1,
	               "%3lld %-16.16s %6lld %6lld %5lld %5lld %5lld %7lld "
	               "%3lld %5lld %s",
	               (long long)s->step, s->what_if ? s->what_if : "?",
	               (long long)s->requested, (long long)s->allocated,
	               (long long)s->fallbacks, (long long)s->failed_no_block,
	               (long long)s->failed_watermark, (long long)s->free_pages,
	               (long long)s->highest_free_order,
	               (long long)s->thp_blocks,
	               s->thp_low ? _("yes") : _("no"));
	step_lists(bv, s);
	snprintf(key, sizeof(key), "step%lld", (long long)s->step);
	words = skvlist_get(&r->explanation, key);
	if (words)
		buddy_view_add_words(bv, UI_DIM, -1, "    ", words);
}

void buddy_steps_render(struct buddy_view *bv, const struct view_ctx *ctx)
{
	const struct buddy_result *r = buddy_view_result(ctx);

	buddy_view_add(bv, UI_BOLD, -1, -1, "%s", "");
	if (!r || !r->nsteps) {
		buddy_view_add(bv, UI_DIM, -1, -1, "%s",
		               _("What-ifs: none (w adds one, e.g. alloc:9x100, "
		                 "free:50, fill:1G:movable)"));
		return;
	}
	buddy_view_add(bv, UI_BOLD, -1, -1,
	               _("What-ifs on the page-frame model of %s (node %lld), "
	                 "seeded from %s"),
	               r->model_zone ? r->model_zone : "?",
	               (long long)r->model_node,
	               r->model_seed ? r->model_seed : "?");
	/* Titles: # of the step, blocks asked and served, fallbacks to
	 * another migratetype, no free block, refused below min, free pages,
	 * highest free order, huge pages to be had, THP at the low mark. */
	buddy_view_add(bv, UI_BOLD, -1, -1,
	               "%3s %-16s %6s %6s %5s %5s %5s %7s %3s %5s %s", "#",
	               _("WHAT-IF"), _("ASKED"), _("DONE"), _("FALLB"),
	               _("NOBLK"), _("<MIN"), _("FREE"), _("MAX"), _("THPS"),
	               _("THP@LOW"));
	for (size_t i = 0; i < r->nsteps; i++)
		step_row(bv, r, &r->steps[i]);
}
