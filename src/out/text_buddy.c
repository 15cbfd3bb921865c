/*
 * text_buddy.c - the buddy view of batch text: the vm sysctls that shape
 * reclaim and compaction, every zone's watermarks and sizes from
 * zone_schema, and the free blocks per order of each zone and migratetype
 * (/proc/buddyinfo and /proc/pagetypeinfo).  All in pages.
 *
 * Must not: compute what the kernel would do with these numbers (the
 * simulation does), or print a zone or migratetype name without escaping.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "text_internal.h"
#include "util.h"

/* Columns before the orders: NODE ZONE TYPE. */
#define BUDDY_LEAD_COLS 3

static bool text_buddy_int_field(const struct field *f)
{
	return f->type == FT_INT && strcmp(f->name, "node") != 0;
}

/* A new row with the NODE and ZONE cells; returns it. */
static size_t text_buddy_row(struct text *t, struct text_table *tb,
                             const struct zone *zone)
{
	size_t r = text_table_row(tb);

	text_table_setf(tb, r, 0, "%" PRId64, zone->node);
	text_table_set(tb, r, 1, text_value_safe(t, zone->zone));
	return r;
}

/* NODE ZONE and every page count of zone_schema (watermarks, managed...). */
static void text_buddy_watermarks(struct text *t)
{
	const struct snapshot *s = t->cur;
	struct text_table tb = { 0 };

	text_table_col(&tb, _("NODE"), false);
	text_table_col(&tb, _("ZONE"), true);
	for (size_t i = 0; i < zone_schema.nfields; i++)
		if (text_buddy_int_field(&zone_schema.fields[i]))
			text_table_col(&tb, field_title(&zone_schema.fields[i]),
			               false);
	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone *zone = &s->zones[z];
		size_t r = text_buddy_row(t, &tb, zone), col = 2;

		for (size_t i = 0; i < zone_schema.nfields; i++) {
			const struct field *f = &zone_schema.fields[i];

			if (text_buddy_int_field(f))
				text_table_set(&tb, r, col++,
				               text_table_entity(t, &zone_schema, f,
				                                 zone, 0));
		}
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* The most orders any zone or migratetype lists, within the table. */
static size_t text_buddy_max_orders(const struct snapshot *s)
{
	size_t n = 0;

	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone *zone = &s->zones[z];

		if (zone->norders > n)
			n = zone->norders;
		for (size_t m = 0; m < zone->nmigratetypes; m++)
			if (zone->migratetypes[m].norders > n)
				n = zone->migratetypes[m].norders;
	}
	return n < TEXT_TABLE_MAX_COLS - BUDDY_LEAD_COLS - 1
	               ? n
	               : TEXT_TABLE_MAX_COLS - BUDDY_LEAD_COLS - 1;
}

/* The free blocks of each order, after NODE ZONE TYPE. */
static void text_buddy_free_blocks(struct text_table *tb, size_t r,
                                   bool known, const int64_t *blocks,
                                   size_t n, size_t orders)
{
	for (size_t o = 0; o < orders; o++) {
		bool has = known && blocks && o < n;

		text_table_set(tb, r, BUDDY_LEAD_COLS + o,
		               text_table_int(has, has ? blocks[o] : 0));
	}
}

/* The zone as a whole ("all"), then each of its migratetypes with the
 * pageblocks it owns. */
static void text_buddy_zone_rows(struct text *t, struct text_table *tb,
                                 const struct zone *zone, size_t orders)
{
	size_t r = text_buddy_row(t, tb, zone);

	text_table_set(tb, r, 2, xstrdup("all"));
	text_buddy_free_blocks(tb, r, zone->known & KNOWN(ZONE_FREE_BLOCKS),
	                       zone->free_blocks, zone->norders, orders);
	text_table_set(tb, r, BUDDY_LEAD_COLS + orders, xstrdup(""));
	if (!(zone->known & KNOWN(ZONE_MIGRATETYPES)))
		return;
	for (size_t m = 0; m < zone->nmigratetypes; m++) {
		const struct zone_migratetype *mt = &zone->migratetypes[m];

		r = text_buddy_row(t, tb, zone);
		text_table_set(tb, r, 2, text_value_safe(t, mt->type));
		text_buddy_free_blocks(tb, r, mt->known & 1, mt->free_blocks,
		                       mt->norders, orders);
		text_table_set(tb, r, BUDDY_LEAD_COLS + orders,
		               text_table_int(mt->known & 2, mt->pageblocks));
	}
}

static void text_buddy_free_lists(struct text *t)
{
	const struct snapshot *s = t->cur;
	size_t orders = text_buddy_max_orders(s);
	struct text_table tb = { 0 };

	text_table_col(&tb, _("NODE"), false);
	text_table_col(&tb, _("ZONE"), true);
	text_table_col(&tb, _("TYPE"), true);
	for (size_t o = 0; o < orders; o++)
		text_table_col_take(&tb, xasprintf("%zu", o), false);
	text_table_col(&tb, _("BLOCKS"), false);
	for (size_t z = 0; z < s->nzones; z++)
		text_buddy_zone_rows(t, &tb, &s->zones[z], orders);
	text_table_print(t, &tb);
	text_table_free(&tb);
}

void text_buddy_view(struct text *t)
{
	static const char *const sysctls[] = {
		"min_free_kbytes", "watermark_scale_factor",
		"watermark_boost_factor", "lowmem_reserve_ratio",
		"compaction_proactiveness", "extfrag_threshold",
	};

	if (text_has_section(t->cur, SEC_SYSCTL))
		text_put_sysctls(t, sysctls, ARRAY_SIZE(sysctls));
	if (!text_put_need_section(t, SEC_ZONES))
		return;
	text_put(t, "%s\n", _("  watermarks and sizes in pages"));
	text_buddy_watermarks(t);
	text_put(t, "%s\n", _("  free blocks per order (order 0 = one page); "
	                      "BLOCKS = pageblocks of the migratetype"));
	text_buddy_free_lists(t);
	if (t->cur->nzones &&
	    !(t->cur->zones[0].known & KNOWN(ZONE_MIGRATETYPES)))
		text_put_missing(t, "  ", "pagetypeinfo");
}
