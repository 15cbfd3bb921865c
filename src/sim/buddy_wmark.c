/*
 * buddy_wmark.c - zone watermarks, recomputed from the sysctls, and the
 * checks the allocator makes against them.
 *
 * Mirrors, in mm/page_alloc.c (5.15-6.18, kernel-spec.md 2.5, 2.6, 3.2-3.5):
 * calculate_min_free_kbytes(), __setup_per_zone_wmarks(),
 * setup_per_zone_lowmem_reserve(), boost_watermark()'s cap,
 * __zone_watermark_ok() with __zone_watermark_unusable_free(); in
 * mm/khugepaged.c set_recommended_min_free_kbytes(); in mm/compaction.c
 * __compaction_suitable(), compaction_suitable() and the 6.6+ caller
 * compaction_suit_allocation_order().
 *
 * Must not: do I/O or keep state.
 */
#include "config.h"

#include <string.h>

#include "buddy.h"

/* ---- __setup_per_zone_wmarks ------------------------------------------- */

static bool wmark_capped(const struct buddy_rules *rules,
                         enum buddy_zone_kind kind)
{
	return kind == BUDDY_ZONE_HIGHMEM ||
	       (kind == BUDDY_ZONE_MOVABLE && rules->movable_capped);
}

/* Calculate total number of !ZONE_HIGHMEM (and, 6.5+, !ZONE_MOVABLE) pages */
int64_t buddy_lowmem_pages(const struct buddy_rules *rules,
                           const struct buddy_wmark_in *zones, size_t n)
{
	uint64_t lowmem = 0;

	for (size_t i = 0; i < n; i++)
		if (!wmark_capped(rules, zones[i].kind))
			lowmem += (uint64_t)zones[i].managed_pages;
	return (int64_t)lowmem;
}

static void setup_zone_wmarks(const struct buddy_rules *rules,
                              uint64_t pages_min, uint64_t lowmem_pages,
                              int64_t scale_factor,
                              const struct buddy_wmark_in *zone,
                              struct buddy_wmark_out *out)
{
	uint64_t managed = (uint64_t)zone->managed_pages;
	uint64_t tmp = lowmem_pages ? pages_min * managed / lowmem_pages : 0;
	uint64_t min, delta;

	if (wmark_capped(rules, zone->kind)) {
		/*
		 * __GFP_HIGH and PF_MEMALLOC allocations usually don't need
		 * highmem and movable zones pages, so cap pages_min to a
		 * small value here.
		 */
		min = managed / 1024;
		min = min < 32 ? 32 : min > 128 ? 128 : min;
	} else {
		/* a lowmem zone reserves pages in proportion to its size */
		min = tmp;
	}
	memset(out, 0, sizeof(*out));
	out->tmp_pages = (int64_t)tmp;
	out->min_pages = (int64_t)min;
	if (!rules->scale_factor) {
		/* before 4.6: low = min + tmp/4, high = min + tmp/2 */
		out->delta_pages = (int64_t)(tmp >> 2);
		out->low_pages = (int64_t)(min + (tmp >> 2));
		out->high_pages = (int64_t)(min + (tmp >> 1));
		return;
	}
	/*
	 * The kswapd distances follow watermark_scale_factor (1/10000 of
	 * managed), but never below a quarter of the proportional min: tmp,
	 * not the capped min, so highmem and movable zones keep their gap.
	 */
	delta = buddy_mult_frac(managed, (uint64_t)scale_factor, 10000);
	out->delta_from_scale = delta > (tmp >> 2);
	if (!out->delta_from_scale)
		delta = tmp >> 2;
	out->delta_pages = (int64_t)delta;
	out->low_pages = (int64_t)(min + delta);
	out->high_pages = (int64_t)(min + 2 * delta);
	if (rules->promo)
		out->promo_pages = (int64_t)(min + 3 * delta);
}

void buddy_setup_wmarks(const struct buddy_rules *rules, int64_t pages_min,
                        int64_t scale_factor,
                        const struct buddy_wmark_in *zones, size_t n,
                        struct buddy_wmark_out *out)
{
	uint64_t lowmem = (uint64_t)buddy_lowmem_pages(rules, zones, n);

	for (size_t i = 0; i < n; i++)
		setup_zone_wmarks(rules, (uint64_t)pages_min, lowmem, scale_factor,
		                  &zones[i], &out[i]);
}

/* ---- lowmem_reserve ---------------------------------------------------- */

/*
 * For each zone i but the last: with ratio[i] == 0 or no managed pages
 * every entry is 0; otherwise lowmem_reserve[j] is the managed pages of
 * zones i+1..j divided by ratio[i].  A GFP_KERNEL allocation falling back
 * to DMA32 must leave DMA32's lowmem_reserve[Normal] pages free.
 */
void buddy_lowmem_reserve(const int64_t *managed, size_t n,
                          const int64_t *ratio, size_t nratio,
                          int64_t *reserve)
{
	memset(reserve, 0, n * n * sizeof(*reserve));
	for (size_t i = 0; i + 1 < n; i++) {
		int64_t r = i < nratio ? ratio[i] : 0;
		bool clear = r <= 0 || managed[i] == 0;
		uint64_t upper = 0;

		for (size_t j = i + 1; j < n; j++) {
			upper += (uint64_t)managed[j];
			reserve[i * n + j] = clear ? 0 : (int64_t)(upper /
			                                           (uint64_t)r);
		}
	}
}

/* ---- min_free_kbytes --------------------------------------------------- */

int64_t buddy_min_free_kbytes_default(const struct buddy_rules *rules,
                                      int64_t lowmem_kbytes)
{
	int64_t value = (int64_t)buddy_int_sqrt((uint64_t)lowmem_kbytes * 16);

	if (value < 128)
		return 128;
	return value > rules->min_free_kbytes_max ? rules->min_free_kbytes_max
	                                          : value;
}

/*
 * Two free pageblocks per zone to assist fragmentation avoidance, plus on
 * average MIGRATE_PCPTYPES^2 (9) pageblocks so that a fallback can find a
 * block almost free of another type; never more than 5% of lowmem.
 */
int64_t buddy_min_free_kbytes_thp(int64_t nr_zones, int64_t pageblock_pages,
                                  int64_t free_buffer_pages, int64_t page_kb)
{
	int64_t pages = pageblock_pages * nr_zones * 2 +
	                pageblock_pages * nr_zones * BUDDY_MT_PCPTYPES *
	                        BUDDY_MT_PCPTYPES;

	if (pages > free_buffer_pages / 20)
		pages = free_buffer_pages / 20;
	return pages * page_kb;
}

int64_t buddy_boost_max(int64_t high_base_pages, int64_t boost_factor,
                        int64_t pageblock_pages)
{
	int64_t max_boost = (int64_t)buddy_mult_frac((uint64_t)high_base_pages,
	                                             (uint64_t)boost_factor,
	                                             10000);

	/* an uninitialised high watermark (early boot) is never boosted */
	if (!boost_factor || !max_boost)
		return 0;
	return max_boost > pageblock_pages ? max_boost : pageblock_pages;
}

/* ---- __zone_watermark_ok ----------------------------------------------- */

static bool uses_reserves(const struct buddy_rules *rules, unsigned flags)
{
	/* ALLOC_RESERVES from 6.3; ALLOC_HARDER|ALLOC_OOM before */
	if (rules->alloc_harder)
		return flags & (BUDDY_ALLOC_NON_BLOCK | BUDDY_ALLOC_OOM);
	return flags & (BUDDY_ALLOC_NON_BLOCK | BUDDY_ALLOC_MIN_RESERVE |
	                BUDDY_ALLOC_HIGHATOMIC | BUDDY_ALLOC_OOM);
}

/* The mark after the reserve access the flags grant. */
static int64_t reserve_min(const struct buddy_rules *rules, int64_t min,
                           unsigned flags)
{
	if (rules->alloc_harder) { /* ALLOC_HIGH, ALLOC_HARDER: 5.15, 6.1 */
		if (flags & BUDDY_ALLOC_MIN_RESERVE)
			min -= min / 2;
		if (flags & BUDDY_ALLOC_OOM)
			min -= min / 2;
		else if (flags & BUDDY_ALLOC_NON_BLOCK)
			min -= min / 4;
		return min;
	}
	if (!uses_reserves(rules, flags))
		return min;
	if (flags & BUDDY_ALLOC_MIN_RESERVE) {
		min -= min / 2;
		if (flags & BUDDY_ALLOC_NON_BLOCK)
			min -= min / 4;
	}
	if (flags & BUDDY_ALLOC_OOM)
		min -= min / 2;
	return min;
}

/* The order-0 part, with the highatomic term at one end of its range. */
static bool order0_ok(const struct buddy_rules *rules,
                      const struct buddy_wm_zone *z, unsigned order,
                      int64_t min, int64_t reserve, unsigned flags,
                      int64_t highatomic)
{
	/* free_pages may go negative - that's OK */
	int64_t free = z->free_pages - ((INT64_C(1) << order) - 1);

	if (!uses_reserves(rules, flags))
		free -= highatomic;
	if (!(flags & BUDDY_ALLOC_CMA))
		free -= z->free_cma_pages;
	if (rules->unaccepted)
		free -= z->unaccepted_pages;
	return free > reserve_min(rules, min, flags) + reserve;
}

static bool list_allowed(int mt, unsigned flags)
{
	if (mt < BUDDY_MT_PCPTYPES)
		return true;
	if (mt == BUDDY_MT_CMA)
		return flags & BUDDY_ALLOC_CMA;
	if (mt == BUDDY_MT_HIGHATOMIC)
		return flags & (BUDDY_ALLOC_HIGHATOMIC | BUDDY_ALLOC_OOM);
	return false;
}

/* For a high-order request, check at least one suitable page is free. */
static int block_available(const struct buddy_wm_zone *z, unsigned order,
                           unsigned flags)
{
	uint64_t pages = 0, disallowed_max = 0;

	if (z->nr_free_mt) {
		for (size_t o = order; o < z->norders; o++)
			for (int mt = 0; mt < BUDDY_MT_COUNT; mt++)
				if (z->nr_free_mt[o][mt] > 0 &&
				    list_allowed(mt, flags))
					return BUDDY_YES;
		return BUDDY_NO;
	}
	for (size_t o = order; o < z->norders; o++)
		pages += (uint64_t)z->nr_free[o] << o;
	if (pages == 0)
		return BUDDY_NO;
	/*
	 * buddyinfo sums the lists.  The blocks are on an allowed list unless
	 * they could all be highatomic (at most the reserve) or CMA (at most
	 * the free CMA pages); isolated pageblocks are transient and left
	 * out.
	 */
	if (!(flags & (BUDDY_ALLOC_HIGHATOMIC | BUDDY_ALLOC_OOM)))
		disallowed_max += (uint64_t)z->highatomic_hi;
	if (!(flags & BUDDY_ALLOC_CMA))
		disallowed_max += (uint64_t)z->free_cma_pages;
	return pages > disallowed_max ? BUDDY_YES : BUDDY_UNKNOWN;
}

int buddy_watermark_ok(const struct buddy_rules *rules,
                       const struct buddy_wm_zone *z, unsigned order,
                       int64_t mark, int64_t reserve, unsigned flags,
                       const char **why)
{
	bool ok_hi = order0_ok(rules, z, order, mark, reserve, flags,
	                       z->highatomic_hi);
	bool ok_lo = order0_ok(rules, z, order, mark, reserve, flags,
	                       z->highatomic_lo);
	const char *dummy;
	int blocks;

	if (!why)
		why = &dummy;
	/*
	 * Check watermarks for an order-0 allocation request.  If these are
	 * not met, then a high-order request also cannot go ahead even if a
	 * suitable page happened to be free.
	 */
	if (!ok_lo) {
		*why = "order0";
		return BUDDY_NO;
	}
	if (!ok_hi) {
		*why = "unknown_highatomic";
		return BUDDY_UNKNOWN;
	}
	if (order == 0) {
		*why = "ok";
		return BUDDY_YES;
	}
	blocks = block_available(z, order, flags);
	*why = blocks == BUDDY_YES ? "ok"
	       : blocks == BUDDY_NO ? "no_block" : "unknown_highatomic";
	return blocks;
}

/* ---- compaction -------------------------------------------------------- */

const char *buddy_compact_name(enum buddy_compact c)
{
	switch (c) {
	case BUDDY_COMPACT_SUCCESS: return "success";
	case BUDDY_COMPACT_SKIPPED: return "skipped";
	case BUDDY_COMPACT_NOT_SUITABLE: return "not_suitable";
	case BUDDY_COMPACT_CONTINUE: return "continue";
	case BUDDY_COMPACT_UNKNOWN: break;
	}
	return "unknown";
}

/*
 * Watermarks for order-0 must be met for compaction to be able to isolate
 * free pages for migration targets; costly orders want the low mark
 * instead of min, plus compact_gap() = 2 << order for the migration.
 */
static int compaction_room(const struct buddy_rules *rules,
                           const struct buddy_wm_zone *z, unsigned order,
                           int64_t min_pages, int64_t low_pages,
                           int64_t reserve)
{
	int64_t mark = order > BUDDY_COSTLY_ORDER ? low_pages : min_pages;

	mark += INT64_C(2) << order;
	return buddy_watermark_ok(rules, z, 0, mark, reserve, BUDDY_ALLOC_CMA,
	                          NULL);
}

enum buddy_compact buddy_compaction_suitable(const struct buddy_rules *rules,
                                             const struct buddy_wm_zone *z,
                                             unsigned order,
                                             int64_t min_pages,
                                             int64_t low_pages,
                                             int64_t reserve,
                                             unsigned alloc_flags,
                                             int64_t threshold,
                                             int *fragindex)
{
	struct buddy_contig info;
	int ok = buddy_watermark_ok(rules, z, order, min_pages, reserve,
	                            alloc_flags, NULL);

	buddy_fill_contig(z->nr_free, z->norders, order, &info);
	*fragindex = buddy_fragmentation_index(&info, order, z->norders);
	/* If watermarks for the allocation are already met, there should be
	 * no need for compaction at all. */
	if (ok == BUDDY_YES)
		return BUDDY_COMPACT_SUCCESS;
	if (ok == BUDDY_UNKNOWN)
		return BUDDY_COMPACT_UNKNOWN;
	ok = compaction_room(rules, z, order, min_pages, low_pages, reserve);
	if (ok != BUDDY_YES)
		return ok == BUDDY_NO ? BUDDY_COMPACT_SKIPPED
		                      : BUDDY_COMPACT_UNKNOWN;
	/*
	 * The fragmentation index says whether a failure is from low memory
	 * (towards 0: reclaim) or fragmentation (towards 1000: compact).
	 * Non-costly orders ignore it: their alternative to compaction is
	 * the OOM killer.
	 */
	if (order > BUDDY_COSTLY_ORDER) {
		if (threshold < 0)
			return BUDDY_COMPACT_UNKNOWN;
		if (*fragindex >= 0 && *fragindex <= threshold)
			return BUDDY_COMPACT_NOT_SUITABLE;
	}
	return BUDDY_COMPACT_CONTINUE;
}
