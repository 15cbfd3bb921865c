/*
 * buddy_index.c - the fragmentation numbers the kernel computes from a
 * zone's free lists: unusable_index and extfrag_index as debugfs extfrag/
 * prints them, extfrag_for_order and the proactive-compaction score.
 *
 * Mirrors fill_contig_page_info(), unusable_free_index(),
 * __fragmentation_index() and extfrag_for_order() in mm/vmstat.c, and
 * fragmentation_score_zone_weighted() / fragmentation_score_wmark() in
 * mm/compaction.c (5.9-6.18; kernel-spec.md 2.4 and 2.6).  The inputs are
 * buddyinfo's counts, which are free_area[order].nr_free: the same numbers
 * the kernel reads, so the results are equal, not approximations.
 *
 * Must not: do I/O or keep state.
 */
#include "config.h"

#include <stdio.h>

#include "buddy.h"

void buddy_fill_contig(const int64_t *nr_free, size_t norders,
                       unsigned order, struct buddy_contig *info)
{
	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;
	for (unsigned o = 0; o < norders; o++) {
		uint64_t blocks = (uint64_t)nr_free[o];

		/* Count number of free blocks */
		info->free_blocks_total += blocks;
		/* Count free base pages */
		info->free_pages += blocks << o;
		/* Count the suitable free blocks */
		if (o >= order)
			info->free_blocks_suitable += blocks << (o - order);
	}
}

int buddy_unusable_index(const struct buddy_contig *info, unsigned order)
{
	/* No free memory is interpreted as all free memory is unusable */
	if (info->free_pages == 0)
		return 1000;
	return (int)((info->free_pages -
	              (info->free_blocks_suitable << order)) * 1000 /
	             info->free_pages);
}

/*
 * A fragmentation index only makes sense if an allocation of a requested
 * size would fail.  If that is true, the index says whether external
 * fragmentation (towards 1000) or a lack of memory (towards 0) was the
 * problem.
 */
int buddy_fragmentation_index(const struct buddy_contig *info, unsigned order,
                              size_t norders)
{
	uint64_t requested = UINT64_C(1) << order;

	/* WARN_ON_ONCE(order > MAX_PAGE_ORDER) */
	if (order >= norders)
		return 0;
	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;
	return (int)(1000 - (1000 + info->free_pages * 1000 / requested) /
	                            info->free_blocks_total);
}

unsigned buddy_extfrag_for_order(const struct buddy_contig *info,
                                 unsigned order)
{
	if (info->free_pages == 0)
		return 0;
	return (unsigned)((info->free_pages -
	                   (info->free_blocks_suitable << order)) * 100 /
	                  info->free_pages);
}

/*
 * unusable_show_print() prints "%d.%03d "; extfrag_show_print() the same
 * in 5.15 and "%2d.%03d " from 6.1.  C division truncates towards zero, so
 * -1000 prints as -1.000.
 */
void buddy_index_text(int index, bool pad, char *buf, size_t len)
{
	snprintf(buf, len, pad ? "%2d.%03d" : "%d.%03d", index / 1000,
	         index % 1000);
}

/*
 * fragmentation_score_wmark(): proactiveness 20 gives 80 and 90.  Up to
 * 6.12 the low mark is floored at 5 and high is low + 10; later kernels
 * drop the floor and narrow the gap to min(10, low / 2).
 */
void buddy_proactive_wmarks(const struct buddy_rules *rules,
                            int64_t proactiveness, int64_t *low,
                            int64_t *high)
{
	int64_t wmark_low = 100 - proactiveness;

	if (rules->proactive_leeway) {
		int64_t leeway = wmark_low / 2 < 10 ? wmark_low / 2 : 10;

		*low = wmark_low;
		*high = wmark_low + leeway < 100 ? wmark_low + leeway : 100;
		return;
	}
	*low = wmark_low > 5 ? wmark_low : 5;
	*high = *low + 10 < 100 ? *low + 10 : 100;
}

/* A zone's score weighted by its share of the node's present pages. */
uint64_t buddy_score_weighted(uint64_t score, uint64_t zone_present,
                              uint64_t node_present)
{
	return zone_present * score / (node_present + 1);
}
