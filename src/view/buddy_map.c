/*
 * buddy_map.c - the physical map of the buddy view (key m): for each zone
 * one character per pageblock (2 MiB on x86-64) saying what most of its
 * pages hold, from the snapshot's pageblocks (/proc/kpageflags, root).
 * When the zones do not fit the screen, a cell stands for N pageblocks
 * and shows the state most of them have; the page says how many.
 *
 * Characters carry the state (. free, M movable, R reclaimable, U
 * unmovable, S slab, H THP, # reserved, blank hole; lower case when half
 * or more of the cell's pages are free), so the map reads without colour,
 * on 8-colour terminals and in captured screens alike; colours, one per
 * state, make the fragmentation seen at a glance (and the legend's
 * characters wear them too).
 *
 * Must not: read files; the collector reads the map sparingly, and the
 * page says how old the map is.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "buddy_view.h"
#include "util.h"

#define MAP_PREFIX_COLS 8 /* "  24.0G " before each row */
#define MAP_MIN_COLS 16

/* Indexed by enum pageblock_state. */
static const char state_chars[PB_STATE_COUNT] = {
	[PB_HOLE] = ' ', [PB_FREE] = '.', [PB_MOVABLE] = 'M',
	[PB_RECLAIMABLE] = 'R', [PB_UNMOVABLE] = 'U', [PB_SLAB] = 'S',
	[PB_THP] = 'H', [PB_RESERVED] = '#',
};

static const char *const state_names[PB_STATE_COUNT] = {
	[PB_HOLE] = N_("hole"), [PB_FREE] = N_("free"),
	[PB_MOVABLE] = N_("movable"), [PB_RECLAIMABLE] = N_("reclaimable"),
	[PB_UNMOVABLE] = N_("unmovable"), [PB_SLAB] = N_("slab"),
	[PB_THP] = N_("THP"), [PB_RESERVED] = N_("reserved"),
};

/* Indexed by enum pageblock_state. */
static const enum ui_style state_styles[PB_STATE_COUNT] = {
	[PB_HOLE] = UI_NORMAL, [PB_FREE] = UI_MAP_FREE,
	[PB_MOVABLE] = UI_MAP_MOVABLE, [PB_RECLAIMABLE] = UI_MAP_RECLAIMABLE,
	[PB_UNMOVABLE] = UI_MAP_UNMOVABLE, [PB_SLAB] = UI_MAP_SLAB,
	[PB_THP] = UI_MAP_THP, [PB_RESERVED] = UI_MAP_RESERVED,
};

struct map_layout {
	size_t per_cell; /* pageblocks per cell */
	size_t cols;     /* cells per row */
};

/* The snapshot zone a map zone describes (for the explain panel), or -1. */
static int map_zone_index(const struct snapshot *s,
                          const struct pageblock_zone *pz)
{
	for (size_t i = 0; i < s->nzones; i++)
		if (s->zones[i].node == pz->node && s->zones[i].zone &&
		    pz->zone && !strcmp(s->zones[i].zone, pz->zone))
			return (int)i;
	return -1;
}

static size_t rows_needed(const struct pageblocks *pb, size_t per_cell,
                          size_t cols)
{
	size_t rows = 0;

	for (size_t i = 0; i < pb->count; i++) {
		size_t n = pb->zones[i].cells ? strlen(pb->zones[i].cells) : 0;
		size_t cells = (n + per_cell - 1) / per_cell;

		rows += (cells + cols - 1) / cols;
	}
	return rows;
}

/* The fewest pageblocks per cell with which every zone fits the rows the
 * screen leaves (at least one row per zone). */
static struct map_layout map_fit(const struct buddy_view *bv,
                                 const struct pageblocks *pb)
{
	struct map_layout l = { .per_cell = 1 };
	size_t budget;
	int cols = bv->cols - MAP_PREFIX_COLS - 1;
	int rows = bv->rows - 18 - 3 * (int)pb->count;

	l.cols = cols > MAP_MIN_COLS ? (size_t)cols : MAP_MIN_COLS;
	budget = rows > (int)pb->count ? (size_t)rows : pb->count;
	if (budget < 4)
		budget = 4;
	while (rows_needed(pb, l.per_cell, l.cols) > budget)
		l.per_cell += l.per_cell < 8 ? 1 : l.per_cell / 8;
	return l;
}

/* One cell of n pageblocks: the state most of them have (holes only when
 * all are), lower case when half or more of their pages are free. */
static char map_cell(const char *cells, size_t n)
{
	size_t count[PB_STATE_COUNT] = { 0 };
	size_t free7 = 0;
	int best = -1;

	for (size_t i = 0; i < n; i++) {
		int v = pageblock_cell_value(cells[i]);

		if (v < 0)
			continue;
		count[v >> 3]++;
		free7 += (size_t)(v & 7);
	}
	for (int s = PB_FREE; s < PB_STATE_COUNT; s++)
		if (count[s] && (best < 0 || count[s] > count[best]))
			best = s;
	if (best < 0)
		return state_chars[PB_HOLE];
	if (best != PB_FREE && best != PB_RESERVED && free7 * 2 >= 7 * n)
		return (char)tolower((unsigned char)state_chars[best]);
	return state_chars[best];
}

/* The style of a cell's character (either case). */
static enum ui_style map_cell_style(char cell)
{
	char upper = (char)toupper((unsigned char)cell);

	for (int s = 0; s < PB_STATE_COUNT; s++)
		if (state_chars[s] == upper)
			return state_styles[s];
	return UI_NORMAL;
}

static void map_zone_counts(const char *cells, char *out, size_t len)
{
	size_t count[PB_STATE_COUNT] = { 0 }, n = 0;

	for (const char *c = cells; *c; c++) {
		int v = pageblock_cell_value(*c);

		if (v >= 0)
			count[v >> 3]++;
	}
	out[0] = '\0';
	for (int s = PB_FREE; s < PB_STATE_COUNT && n < len; s++)
		if (count[s])
			n += (size_t)snprintf(out + n, len - n, "%s%s %zu",
			                      n ? ", " : "",
			                      _(state_names[s]), count[s]);
}

static void map_zone(struct buddy_view *bv, const struct view_ctx *ctx,
                     const struct pageblocks *pb,
                     const struct pageblock_zone *pz, struct map_layout l)
{
	int zi = map_zone_index(ctx->cur, pz);
	size_t n = strlen(pz->cells), block_pages = (size_t)1
	                                             << pb->pageblock_order;
	int64_t kb = ctx->cur->page_size ? ctx->cur->page_size / 1024 : 4;
	uint64_t first = (uint64_t)pz->start_pfn & ~(uint64_t)(block_pages - 1);
	char from[UI_NUM_LEN], to[UI_NUM_LEN], counts[256];

	map_zone_counts(pz->cells, counts, sizeof(counts));
	buddy_view_add(bv, UI_BOLD, zi, -1,
	               _("node %lld %s: %zu pageblocks, %s-%s"),
	               (long long)pz->node, pz->zone ? pz->zone : "?", n,
	               ui_format_human(from, (int64_t)first * kb),
	               ui_format_human(to, (pz->start_pfn + pz->spanned_pages) *
	                                           kb));
	buddy_view_add_words(bv, UI_DIM, zi, "  ", counts);
	for (size_t at = 0; at < n; at += l.per_cell * l.cols) {
		struct ui_line row;

		ui_line_init(&row);
		ui_line_add(&row, UI_NORMAL, "%7s ",
		            ui_format_human(from, (int64_t)(first + at *
		                                                   block_pages) *
		                                          kb));
		for (size_t c = 0; c < l.cols && at + c * l.per_cell < n; c++) {
			size_t start = at + c * l.per_cell;
			size_t take = n - start < l.per_cell ? n - start
			                                     : l.per_cell;
			char cell = map_cell(pz->cells + start, take);

			ui_line_add(&row, map_cell_style(cell), "%c", cell);
		}
		buddy_view_add_line(bv, zi, -1, &row);
	}
}

/* One line of the legend: a state's character standing alone (a blank
 * or the line's end on both sides) in the state's colour. */
static void map_legend_line(struct buddy_view *bv, const char *text,
                            size_t len)
{
	struct ui_line line;
	char piece[2] = "";

	ui_line_init(&line);
	for (size_t i = 0; i < len; i++) {
		bool alone = (i == 0 || text[i - 1] == ' ') &&
		             (i + 1 == len || text[i + 1] == ' ');

		piece[0] = text[i];
		ui_line_add(&line, alone ? map_cell_style(text[i]) : UI_NORMAL,
		            "%s", piece);
	}
	buddy_view_add_line(bv, -1, -1, &line);
}

/* The legend, translated, wrapped to the page (as buddy_view_add_words). */
static void map_legend(struct buddy_view *bv, const char *legend)
{
	int width = bv->cols - 2 > MAP_MIN_COLS ? bv->cols - 2 : MAP_MIN_COLS;

	while (*legend) {
		size_t cut = ui_wrap(legend, width);

		map_legend_line(bv, legend, cut);
		legend += cut;
		while (*legend == ' ')
			legend++;
	}
}

static void map_header(struct buddy_view *bv, const struct view_ctx *ctx,
                       const struct pageblocks *pb, struct map_layout l)
{
	int64_t kb = ctx->cur->page_size ? ctx->cur->page_size / 1024 : 4;
	char size[UI_NUM_LEN];
	double age = ctx->cur->time - pb->time;

	ui_format_human(size, (int64_t)l.per_cell * (kb << pb->pageblock_order));
	if (l.per_cell == 1)
		snprintf(bv->map_scale, sizeof(bv->map_scale),
		         _("1 cell = 1 pageblock (%s)"), size);
	else
		snprintf(bv->map_scale, sizeof(bv->map_scale),
		         _("1 cell = %zu pageblocks (%s)"), l.per_cell, size);
	buddy_view_add(bv, UI_BOLD, -1, -1, "%s", "");
	if (pb->time > 0) /* recordings before pageblocks.time lack it */
		buddy_view_add(bv, UI_BOLD, -1, -1,
		               _("Physical map: %s; read %.0f s before this "
		                 "snapshot"),
		               bv->map_scale, age > 0 ? age : 0.0);
	else
		buddy_view_add(bv, UI_BOLD, -1, -1, _("Physical map: %s"),
		               bv->map_scale);
	map_legend(bv, _("legend: . free  M movable  R reclaimable  "
	                 "U unmovable  S slab  H THP  # reserved  (blank) "
	                 "hole; lower case: half or more free"));
}

void buddy_map_render(struct buddy_view *bv, const struct view_ctx *ctx)
{
	const struct pageblocks *pb = &ctx->cur->pageblocks;
	const char *why = views_unavailable(ctx, "pageblocks");
	struct map_layout l;

	buddy_zones_table(bv, ctx);
	bv->map_scale[0] = '\0';
	if (!(ctx->cur->known & KNOWN(SEC_PAGEBLOCKS)) || !pb->count) {
		buddy_view_add(bv, UI_BOLD, -1, -1, "%s", "");
		buddy_view_add(bv, UI_WARN, -1, -1, _("Physical map: n/a (%s)"),
		               why ? why : _("not read yet"));
		return;
	}
	l = map_fit(bv, pb);
	map_header(bv, ctx, pb, l);
	for (size_t i = 0; i < pb->count; i++)
		if (pb->zones[i].cells && pb->zones[i].cells[0])
			map_zone(bv, ctx, pb, &pb->zones[i], l);
}
