/*
 * text_sim_buddy.c - batch text of the buddy engine's result: the settings
 * the numbers come from, one table of each zone's verdicts and watermarks
 * (zoneinfo's and recomputed), the debugfs index rows per order, the
 * allocation checks per order, kcompactd per node, the what-if steps with
 * their free lists, a count of the pageblock map's cells, and the
 * explanation sentences.  Columns are named by the result's field table.
 *
 * Must not: compute anything (the engine did), or print a zone name
 * without escaping it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "text_internal.h"
#include "util.h"

#define NAMES(...) ((const char *const[]){ __VA_ARGS__ }), \
	(sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

static void settings(struct text *t, const struct buddy_result *r)
{
	char a[TEXT_VALUE_LEN], b[TEXT_VALUE_LEN], c[TEXT_VALUE_LEN];
	bool mf = r->known & KNOWN(BR_MIN_FREE);

	text_put(t, _("  %s %s; pageblock order %s, THP order %s\n"),
	         _("rules of Linux"), r->kernel_rules,
	         text_value_int(a, r->known & KNOWN(BR_PAGEBLOCK),
	                        r->pageblock_order),
	         text_value_int(b, r->known & KNOWN(BR_THP_ORDER), r->thp_order));
	text_put(t, _("  min_free_kbytes=%s (%s; boot default %s, "
	              "khugepaged %s)"),
	         text_value_int(a, mf, r->min_free_kbytes),
	         mf ? r->min_free_kbytes_source : "n/a",
	         text_value_int(b, r->known & KNOWN(BR_MIN_FREE_DEFAULT),
	                        r->min_free_kbytes_default),
	         text_value_int(c, r->known & KNOWN(BR_MIN_FREE_THP),
	                        r->min_free_kbytes_thp));
	text_put(t, " watermark_scale_factor=%s",
	         text_value_int(a, r->known & KNOWN(BR_SCALE),
	                        r->watermark_scale_factor));
	text_put(t, " extfrag_threshold=%s",
	         text_value_int(a, r->known & KNOWN(BR_THRESHOLD),
	                        r->extfrag_threshold));
	text_put(t, " compaction_proactiveness=%s",
	         text_value_int(a, r->known & KNOWN(BR_PROACTIVENESS),
	                        r->compaction_proactiveness));
	text_put(t, " lowmem_pages=%s totalreserve_pages=%s\n",
	         text_value_int(a, r->known & KNOWN(BR_LOWMEM), r->lowmem_pages),
	         text_value_int(b, r->known & KNOWN(BR_TOTALRESERVE),
	                        r->totalreserve_pages));
}

static size_t zone_row(struct text *t, struct text_table *tb,
                       const struct buddy_zone *z)
{
	size_t row = text_table_row(tb);

	text_table_setf(tb, row, 0, "%" PRId64, z->node);
	text_table_set(tb, row, 1, text_value_safe(t, z->zone));
	return row;
}

/* NODE ZONE and the named fields of every zone. */
static void zone_table(struct text *t, const struct buddy_result *r,
                       const char *title, const char *const *names, size_t n)
{
	struct text_table tb = { 0 };

	text_put(t, "  %s\n", title);
	text_table_col(&tb, _("NODE"), false);
	text_table_col(&tb, _("ZONE"), true);
	text_table_field_cols(&tb, &buddy_zone_schema, names, n);
	for (size_t i = 0; i < r->nzones; i++) {
		size_t row = zone_row(t, &tb, &r->zones[i]), col = 2;

		text_table_field_cells(t, &tb, row, &col, &buddy_zone_schema,
		                       names, n, &r->zones[i]);
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static size_t max_orders(const struct buddy_result *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nzones; i++)
		if (r->zones[i].norders > n)
			n = r->zones[i].norders;
	return n < TEXT_TABLE_MAX_COLS - 3 ? n : TEXT_TABLE_MAX_COLS - 3;
}

/* NODE ZONE WHAT and a column per order. */
static void order_cols(struct text_table *tb, size_t norders)
{
	text_table_col(tb, _("NODE"), false);
	text_table_col(tb, _("ZONE"), true);
	text_table_col(tb, _("WHAT"), true);
	for (size_t o = 0; o < norders; o++)
		text_table_col_take(tb, xasprintf("%zu", o), false);
}

/* The debugfs rows, split into their numbers. */
static void index_rows(struct text *t, struct text_table *tb,
                       const struct buddy_zone *z, const char *what,
                       const char *text)
{
	size_t row = zone_row(t, tb, z), col = 3;
	char *copy = xstrdup(text), *save = NULL;

	text_table_set(tb, row, 2, xstrdup(what));
	for (char *w = strtok_r(copy, " ", &save);
	     w && col < TEXT_TABLE_MAX_COLS; w = strtok_r(NULL, " ", &save))
		text_table_set(tb, row, col++, xstrdup(w));
	free(copy);
}

static void indexes(struct text *t, const struct buddy_result *r)
{
	struct text_table tb = { 0 };

	text_put(t, "  %s\n", _("fragmentation indexes per order, as "
	                        "debugfs extfrag/ prints them"));
	order_cols(&tb, max_orders(r));
	for (size_t i = 0; i < r->nzones; i++) {
		const struct buddy_zone *z = &r->zones[i];

		if (!(z->known & KNOWN(BZ_INDEXES)))
			continue;
		index_rows(t, &tb, z, "unusable", z->unusable_index_text);
		index_rows(t, &tb, z, "extfrag", z->extfrag_index_text);
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* One row per check: 1, 0, or n/a where unknown. */
static void check_row(struct text *t, struct text_table *tb,
                      const struct buddy_zone *z, const char *field)
{
	const struct field *f = schema_field(&buddy_order_schema, field);
	size_t row = zone_row(t, tb, z);

	text_table_set(tb, row, 2, xstrdup(field_title(f)));
	for (size_t o = 0; o < z->norders && o + 3 < TEXT_TABLE_MAX_COLS; o++)
		text_table_set(tb, row, o + 3,
		               text_table_entity(t, &buddy_order_schema, f,
		                                 &z->orders[o], 12));
}

static void checks(struct text *t, const struct buddy_result *r)
{
	static const char *const fields[] = {
		"movable_low", "movable_min", "kernel_low", "kernel_min",
		"compaction",
	};
	struct text_table tb = { 0 };

	text_put(t, "  %s\n", _("would an allocation of each order pass "
	                        "__zone_watermark_ok() now (1 yes, 0 no), and "
	                        "what direct compaction would make of it"));
	order_cols(&tb, max_orders(r));
	for (size_t i = 0; i < r->nzones; i++)
		if (r->zones[i].known & KNOWN(BZ_ORDERS))
			for (size_t f = 0; f < ARRAY_SIZE(fields); f++)
				check_row(t, &tb, &r->zones[i], fields[f]);
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static void nodes(struct text *t, const struct buddy_result *r)
{
	static const char *const names[] = {
		"node", "present_pages", "fragmentation_score", "score_low",
		"score_high", "proactive_compaction",
	};
	struct text_table tb = { 0 };

	text_put(t, "  %s\n", _("proactive compaction (kcompactd) per node"));
	text_table_field_cols(&tb, &buddy_node_schema, names, ARRAY_SIZE(names));
	for (size_t i = 0; i < r->nnodes; i++) {
		size_t row = text_table_row(&tb), col = 0;

		text_table_field_cells(t, &tb, row, &col, &buddy_node_schema,
		                       names, ARRAY_SIZE(names), &r->nodes[i]);
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* How many cells of each state the zone's map has. */
static void map_summary(struct text *t, const struct buddy_result *r)
{
	static const char *const states[PB_STATE_COUNT] = {
		"hole", "free", "movable", "reclaimable", "unmovable", "slab",
		"thp", "reserved",
	};

	for (size_t i = 0; i < r->nzones; i++) {
		const struct buddy_zone *z = &r->zones[i];
		size_t count[PB_STATE_COUNT] = { 0 };
		char *name;

		if (!(z->known & KNOWN(BZ_MAP)))
			continue;
		for (const char *c = z->pageblock_map; *c; c++)
			if (pageblock_cell_value(*c) >= 0)
				count[pageblock_cell_value(*c) >> 3]++;
		name = text_value_safe(t, z->zone);
		text_put(t, "  %s %" PRId64 " %s:", _("pageblock map, node"),
		         z->node, name);
		for (int s = 0; s < PB_STATE_COUNT; s++)
			text_put(t, " %s %zu", states[s], count[s]);
		text_put(t, "\n");
		free(name);
	}
}

static void steps(struct text *t, const struct buddy_result *r)
{
	static const char *const names[] = {
		"step", "what_if", "requested", "allocated", "failed_watermark",
		"failed_no_block", "below_low", "fallbacks", "claimed_pageblocks",
		"freed", "free_pages", "highest_free_order", "thp_blocks",
		"thp_low", "boost_pages",
	};
	struct text_table tb = { 0 }, lists = { 0 };
	char *zone;

	if (!(r->known & KNOWN(BR_MODEL)))
		return;
	zone = text_value_safe(t, r->model_zone);
	text_put(t, "  %s %s %s %" PRId64 " (%s %s, seed %" PRId64 ")\n",
	         _("what-ifs on the page-frame model of"), zone, _("of node"),
	         r->model_node, _("seeded from"), r->model_seed,
	         r->model_random_seed);
	free(zone);
	text_table_field_cols(&tb, &buddy_step_schema, names, ARRAY_SIZE(names));
	text_table_col(&lists, _("STEP"), false);
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct buddy_step *s = &r->steps[i];
		size_t row = text_table_row(&tb), col = 0, lrow;

		text_table_field_cells(t, &tb, row, &col, &buddy_step_schema,
		                       names, ARRAY_SIZE(names), s);
		while (lists.ncols < s->norders + 1 &&
		       lists.ncols < TEXT_TABLE_MAX_COLS)
			text_table_col_take(&lists, xasprintf("%zu",
			                                      lists.ncols - 1),
			                    false);
		lrow = text_table_row(&lists);
		text_table_setf(&lists, lrow, 0, "%" PRId64, s->step);
		for (size_t o = 0; o < s->norders && o + 1 < lists.ncols; o++)
			text_table_setf(&lists, lrow, o + 1, "%" PRId64,
			                s->free_blocks[o]);
	}
	text_table_print(t, &tb);
	text_put(t, "  %s\n", _("free blocks per order after each step"));
	text_table_print(t, &lists);
	text_table_free(&tb);
	text_table_free(&lists);
}

static void explanation(struct text *t, const struct buddy_result *r)
{
	for (size_t i = 0; i < r->explanation.count; i++) {
		char *name = text_value_safe(t, r->explanation.items[i].name);
		char *value = text_value_safe(t, r->explanation.items[i].value);

		text_put(t, "  %s: %s\n", name, value);
		free(name);
		free(value);
	}
}

void text_sim_buddy(struct text *t, const void *result)
{
	const struct buddy_result *r = result;

	settings(t, r);
	zone_table(t, r, _("zones: free pages, the highest free order, the "
	                   "THP score and whether a THP fault passes now"),
	           NAMES("free_pages", "highest_free_order",
	                 "fragmentation_score", "fragmentation_score_weighted",
	                 "thp_low", "thp_min", "thp_compaction"));
	zone_table(t, r, _("watermarks in pages: zoneinfo's, and recomputed "
	                   "from the sysctls"),
	           NAMES("boost_pages", "min_pages", "low_pages", "high_pages",
	                 "calc_min_pages", "calc_low_pages", "calc_high_pages",
	                 "calc_delta_source", "watermarks_match",
	                 "protection_match",
	                 "boost_max_pages"));
	indexes(t, r);
	checks(t, r);
	nodes(t, r);
	map_summary(t, r);
	steps(t, r);
	explanation(t, r);
}
