/*
 * buddy_schema.c - the field tables of the buddy engine's result (JSON
 * "sim.buddy", batch text, and the TUI's buddy view read it through these).
 * The names are what users and scripts see: add fields, do not rename them.
 *
 * Must not: do I/O or compute anything.
 */
#include "config.h"

#include <stddef.h>

#include "buddy.h"
#include "util.h"



/* Each help is spelled out whole: xgettext cannot see through a macro that
 * glues literals together, and translators need the whole sentence. */

static const struct field order_fields[] = {
	FIELD_INT(buddy_order, order, -1, N_("ORDER"), "", 5,
	      N_("The order: blocks of 2^order pages.")),
	FIELD_INT(buddy_order, free_blocks, BO_COUNTS, N_("FREE"), "blocks", 7,
	      N_("Free blocks of this order (/proc/buddyinfo).")),
	FIELD_INT(buddy_order, suitable_blocks, BO_COUNTS, N_("SUITABLE"), "blocks", 8,
	      N_("Blocks of this order that the free lists could hand out: "
	         "each free block of this order or above counts 2^(its order "
	         "- this order) (free_blocks_suitable of mm/vmstat.c).")),
	FIELD_INT(buddy_order, unusable_index, BO_COUNTS, N_("UNUSABLE"), "", 8,
	      N_("unusable_index in thousandths: the share of free memory in "
	         "blocks too small for this order.")),
	FIELD_INT(buddy_order, extfrag_index, BO_COUNTS, N_("EXTFRAG"), "", 7,
	      N_("extfrag_index in thousandths; -1000 when the order can be "
	         "served.")),
	FIELD_INT(buddy_order, movable_low, BO_MOVABLE_LOW, N_("MOV@LOW"), "", 7,
	      N_("1 when a GFP_HIGHUSER_MOVABLE allocation of this order would "
	         "pass __zone_watermark_ok() at the low mark now, 0 when "
	         "not; null when the zone's free lists or marks are not "
	         "known well enough to say.")),
	FIELD_INT(buddy_order, movable_min, BO_MOVABLE_MIN, N_("MOV@MIN"), "", 7,
	      N_("1 when a GFP_HIGHUSER_MOVABLE allocation of this order would "
	         "pass __zone_watermark_ok() at the min mark now, 0 when "
	         "not; null when the zone's free lists or marks are not "
	         "known well enough to say.")),
	FIELD_INT(buddy_order, kernel_low, BO_KERNEL_LOW, N_("KERN@LOW"), "", 8,
	      N_("1 when a GFP_KERNEL allocation of this order (null in zones "
	         "above Normal, which it cannot use) would pass "
	         "__zone_watermark_ok() at the low mark now, 0 when not; null "
	         "when the zone's free lists or marks are not known well "
	         "enough to say.")),
	FIELD_INT(buddy_order, kernel_min, BO_KERNEL_MIN, N_("KERN@MIN"), "", 8,
	      N_("1 when a GFP_KERNEL allocation of this order would "
	         "pass __zone_watermark_ok() at the min mark now, 0 when "
	         "not; null when the zone's free lists or marks are not "
	         "known well enough to say.")),
	FIELD_STR(buddy_order, compaction, BO_COMPACTION, N_("COMPACTION"), 12,
	      N_("What direct compaction would make of a movable allocation "
	         "of this order at the min mark: success (it passes, nothing "
	         "to do), skipped (too little free memory: reclaim first), "
	         "not_suitable (fragmentation index at or below "
	         "extfrag_threshold: a lack of memory, reclaim), continue "
	         "(compaction runs).")),
};

const struct schema buddy_order_schema = {
	.name = "orders",
	.size = sizeof(struct buddy_order),
	.known_offset = offsetof(struct buddy_order, known),
	.fields = order_fields,
	.nfields = ARRAY_SIZE(order_fields),
};

static const struct field zone_fields[] = {
	FIELD_INT(buddy_zone, node, -1, N_("NODE"), "", 4, N_("NUMA node of the zone.")),
	FIELD_STR(buddy_zone, zone, -1, N_("ZONE"), 8, N_("Zone name.")),
	FIELD_INT(buddy_zone, zone_index, -1, N_("IDX"), "", 3,
	      N_("The zone's index in its node (ZONE_DMA is 0), which indexes "
	         "protection.")),
	FIELD_INT(buddy_zone, free_pages, BZ_FREE, N_("FREE"), "pages", 9,
	      N_("Free pages on the buddy lists: the sum of buddyinfo's blocks "
	         "times their size (per-CPU lists not included).")),
	FIELD_ARRAY(buddy_zone, unusable_index, nunusable, BZ_INDEXES, N_("UNUSABLE"),
	        "", N_("unusable_index per order in thousandths, as "
	               "/sys/kernel/debug/extfrag/unusable_index prints it "
	               "divided by 1000: the share of free memory in blocks "
	               "too small for the order (unusable_free_index()).")),
	FIELD_ARRAY(buddy_zone, extfrag_index, nextfrag, BZ_INDEXES, N_("EXTFRAG"), "",
	        N_("extfrag_index per order in thousandths, as "
	           "/sys/kernel/debug/extfrag/extfrag_index prints it divided by "
	           "1000 (__fragmentation_index()): towards 1000 an allocation of "
	           "the order fails from fragmentation, towards 0 from a lack of "
	           "memory; -1000 when it would not fail.")),
	FIELD_STR(buddy_zone, unusable_index_text, BZ_INDEXES, N_("UNUSABLE"), 0,
	      N_("The zone's row of debugfs extfrag/unusable_index after the "
	         "zone name, exactly as the kernel prints it.")),
	FIELD_STR(buddy_zone, extfrag_index_text, BZ_INDEXES, N_("EXTFRAG"), 0,
	      N_("The zone's row of debugfs extfrag/extfrag_index after the "
	         "zone name, exactly as the kernel prints it (\"%2d.%03d\" from "
	         "Linux 6.1, \"%d.%03d\" before).")),
	FIELD_INT(buddy_zone, highest_free_order, BZ_HIGHEST, N_("MAXORD"), "", 6,
	      N_("The highest order with a free block; -1 when nothing is "
	         "free.")),
	FIELD_KV(buddy_zone, highest_free_order_by_type, BZ_BY_TYPE,
	     N_("The highest order with a free block, per migratetype "
	        "(pagetypeinfo; -1: none).")),
	FIELD_INT(buddy_zone, fragmentation_score, BZ_SCORE, N_("SCORE"), "", 5,
	      N_("extfrag_for_order() at the THP order: the percent of free "
	         "memory in blocks smaller than a huge page "
	         "(fragmentation_score_zone() of proactive compaction).")),
	FIELD_INT(buddy_zone, fragmentation_score_weighted, BZ_SCORE_WEIGHTED,
	      N_("WSCORE"), "", 6,
	      N_("The score weighted by the zone's share of its node's present "
	         "pages (fragmentation_score_zone_weighted()).")),
	FIELD_INT(buddy_zone, thp_low, BZ_THP_LOW, N_("THP@LOW"), "", 7,
	      N_("1 when a transparent huge page fault would "
	         "pass __zone_watermark_ok() at the low mark now, 0 when "
	         "not; null when the zone's free lists or marks are not "
	         "known well enough to say.")),
	FIELD_INT(buddy_zone, thp_min, BZ_THP_MIN, N_("THP@MIN"), "", 7,
	      N_("1 when a transparent huge page fault would "
	         "pass __zone_watermark_ok() at the min mark now, 0 when "
	         "not; null when the zone's free lists or marks are not "
	         "known well enough to say.")),
	FIELD_STR(buddy_zone, thp_compaction, BZ_THP_COMPACTION, N_("THPCOMPACT"), 12,
	      N_("What direct compaction would make of a THP fault now (see "
	         "orders[].compaction).")),
	FIELD_INT(buddy_zone, boost_pages, BZ_WMARK_ZONEINFO, N_("BOOST"), "pages", 6,
	      N_("Watermark boost (zoneinfo; 0 where the kernel does not print "
	         "it).")),
	FIELD_INT(buddy_zone, min_pages, BZ_WMARK_ZONEINFO, N_("MIN"), "pages", 7,
	      N_("Min watermark as zoneinfo prints it (boost included).")),
	FIELD_INT(buddy_zone, low_pages, BZ_WMARK_ZONEINFO, N_("LOW"), "pages", 7,
	      N_("Low watermark as zoneinfo prints it (boost included).")),
	FIELD_INT(buddy_zone, high_pages, BZ_WMARK_ZONEINFO, N_("HIGH"), "pages", 7,
	      N_("High watermark as zoneinfo prints it (boost included).")),
	FIELD_INT(buddy_zone, calc_tmp_pages, BZ_WMARK_CALC, N_("TMP"), "pages", 7,
	      N_("__setup_per_zone_wmarks(): min_free_kbytes / 4 * managed / "
	         "lowmem_pages, the zone's share of the reserve.")),
	FIELD_INT(buddy_zone, calc_min_pages, BZ_WMARK_CALC, N_("CMIN"), "pages", 7,
	      N_("Recomputed min watermark: the share (tmp), or for highmem "
	         "and (6.5+) movable zones managed / 1024 within 32..128.")),
	FIELD_INT(buddy_zone, calc_low_pages, BZ_WMARK_CALC, N_("CLOW"), "pages", 7,
	      N_("Recomputed low watermark: min + delta.")),
	FIELD_INT(buddy_zone, calc_high_pages, BZ_WMARK_CALC, N_("CHIGH"), "pages", 7,
	      N_("Recomputed high watermark: min + 2 * delta.")),
	FIELD_INT(buddy_zone, calc_promo_pages, BZ_WMARK_CALC, N_("CPROMO"), "pages", 7,
	      N_("Recomputed promo watermark (6.1+): min + 3 * delta.")),
	FIELD_INT(buddy_zone, calc_delta_pages, BZ_WMARK_CALC, N_("DELTA"), "pages", 7,
	      N_("The kswapd distance: max(tmp / 4, managed * "
	         "watermark_scale_factor / 10000).")),
	FIELD_STR(buddy_zone, calc_delta_source, BZ_WMARK_CALC, N_("FROM"), 8,
	      N_("Which term gave the distance: \"min/4\" or "
	         "\"watermark_scale_factor\".")),
	FIELD_INT(buddy_zone, watermarks_match, BZ_WMARK_MATCH, N_("MATCH"), "", 5,
	      N_("1 when the recomputed min, low and high plus the boost equal "
	         "zoneinfo's.")),
	FIELD_ARRAY(buddy_zone, calc_protection_pages, ncalc_protection,
	        BZ_PROT_CALC, N_("CPROT"), "pages",
	        N_("Recomputed lowmem_reserve (zoneinfo protection) from "
	           "lowmem_reserve_ratio and the managed pages of the zones "
	           "above.")),
	FIELD_INT(buddy_zone, protection_match, BZ_PROT_MATCH, N_("PMATCH"), "", 6,
	      N_("1 when the recomputed protection equals zoneinfo's.")),
	FIELD_INT(buddy_zone, boost_max_pages, BZ_BOOST_MAX, N_("BOOSTMAX"), "pages", 8,
	      N_("The most a fallback can boost the watermarks: "
	         "max(pageblock, high * watermark_boost_factor / 10000).")),
	FIELD_OBJECTS(buddy_zone, orders, norders, BZ_ORDERS, buddy_order_schema,
	          N_("Per order: free blocks, indexes, whether an allocation "
	             "would pass now, and the compaction verdict.")),
	FIELD_STR(buddy_zone, pageblock_map, BZ_MAP, N_("MAP"), 0,
	      N_("The zone's physical map, one cell per pageblock, as in the "
	         "snapshot's pageblocks section (root only).")),
};

const struct schema buddy_zone_schema = {
	.name = "zones",
	.size = sizeof(struct buddy_zone),
	.known_offset = offsetof(struct buddy_zone, known),
	.fields = zone_fields,
	.nfields = ARRAY_SIZE(zone_fields),
};

static const struct field node_fields[] = {
	FIELD_INT(buddy_node, node, -1, N_("NODE"), "", 4, N_("NUMA node.")),
	FIELD_INT(buddy_node, present_pages, BN_SCORE, N_("PRESENT"), "pages", 10,
	      N_("Present pages of the node's zones.")),
	FIELD_INT(buddy_node, fragmentation_score, BN_SCORE, N_("SCORE"), "", 5,
	      N_("fragmentation_score_node(): the weighted zone scores "
	         "summed.")),
	FIELD_INT(buddy_node, score_low, BN_WMARKS, N_("LOWMARK"), "", 7,
	      N_("kcompactd stops compacting a zone below this score.")),
	FIELD_INT(buddy_node, score_high, BN_WMARKS, N_("HIGHMARK"), "", 8,
	      N_("kcompactd starts proactive compaction above this score.")),
	FIELD_INT(buddy_node, proactive_compaction, BN_PROACTIVE, N_("PROACTIVE"), "",
	      9, N_("1 when kcompactd would compact the node at its next check "
	            "(every 500 ms): proactiveness is not 0 and the score is "
	            "above the high mark (if kswapd is not running).")),
};

const struct schema buddy_node_schema = {
	.name = "nodes",
	.size = sizeof(struct buddy_node),
	.known_offset = offsetof(struct buddy_node, known),
	.fields = node_fields,
	.nfields = ARRAY_SIZE(node_fields),
};

static const struct field step_fields[] = {
	FIELD_INT(buddy_step, step, -1, N_("STEP"), "", 4,
	      N_("The what-if's position, from 1.")),
	FIELD_STR(buddy_step, what_if, -1, N_("WHAT-IF"), 20, N_("The what-if as given.")),
	FIELD_INT(buddy_step, requested, BS_COUNTS, N_("ASKED"), "", 8,
	      N_("Allocations asked for, or allocations to free.")),
	FIELD_INT(buddy_step, allocated, BS_COUNTS, N_("DONE"), "", 8,
	      N_("Allocations the model served.")),
	FIELD_INT(buddy_step, failed_watermark, BS_COUNTS, N_("BELOWMIN"), "", 8,
	      N_("Allocations refused because the zone was at its min mark: "
	         "the kernel would reclaim first.")),
	FIELD_INT(buddy_step, failed_no_block, BS_COUNTS, N_("NOBLOCK"), "", 8,
	      N_("Allocations no free list could serve: the kernel would "
	         "compact (or reclaim) first.")),
	FIELD_INT(buddy_step, below_low, BS_COUNTS, N_("BELOWLOW"), "", 8,
	      N_("Allocations served below the low mark, where the fast path "
	         "fails and kswapd is woken.")),
	FIELD_INT(buddy_step, fallbacks, BS_COUNTS, N_("FALLBACK"), "", 8,
	      N_("Allocations served from another migratetype's free list.")),
	FIELD_INT(buddy_step, claimed_pageblocks, BS_COUNTS, N_("CLAIMED"), "", 7,
	      N_("Fallbacks that claimed the whole pageblock for the "
	         "allocation's type.")),
	FIELD_INT(buddy_step, freed, BS_COUNTS, N_("FREED"), "", 8,
	      N_("Allocations freed (free:PERCENT).")),
	FIELD_INT(buddy_step, free_pages, BS_COUNTS, N_("FREE"), "pages", 9,
	      N_("Free pages after the step.")),
	FIELD_ARRAY(buddy_step, free_blocks, norders, BS_COUNTS, N_("BLOCKS"), "blocks",
	        N_("Free blocks per order after the step.")),
	FIELD_ARRAY(buddy_step, unusable_index, nunusable, BS_INDEXES, N_("UNUSABLE"),
	        "", N_("unusable_index per order after the step "
	               "(thousandths).")),
	FIELD_ARRAY(buddy_step, extfrag_index, nextfrag, BS_INDEXES, N_("EXTFRAG"), "",
	        N_("extfrag_index per order after the step (thousandths).")),
	FIELD_INT(buddy_step, highest_free_order, BS_COUNTS, N_("MAXORD"), "", 6,
	      N_("The highest order with a free block after the step.")),
	FIELD_INT(buddy_step, thp_blocks, BS_COUNTS, N_("THPS"), "", 6,
	      N_("Huge pages the free lists could hand out after the step.")),
	FIELD_INT(buddy_step, thp_low, BS_THP, N_("THP@LOW"), "", 7,
	      N_("1 when a THP fault would pass the low mark after the step.")),
	FIELD_INT(buddy_step, boost_pages, BS_COUNTS, N_("BOOST"), "pages", 6,
	      N_("The watermark boost after the step (fallbacks raise it; "
	         "kswapd, which is not modelled, would clear it).")),
	FIELD_KV(buddy_step, pageblocks, BS_COUNTS,
	     N_("Pageblocks per migratetype after the step.")),
};

const struct schema buddy_step_schema = {
	.name = "steps",
	.size = sizeof(struct buddy_step),
	.known_offset = offsetof(struct buddy_step, known),
	.fields = step_fields,
	.nfields = ARRAY_SIZE(step_fields),
};

static const struct field result_fields[] = {
	FIELD_STR(buddy_result, kernel_rules, -1, N_("RULES"), 6,
	      N_("The kernel release whose formulas were applied.")),
	FIELD_INT(buddy_result, pageblock_order, BR_PAGEBLOCK, N_("PBORDER"), "", 3,
	      N_("Pageblock order: the unit of migratetypes and of the map.")),
	FIELD_INT(buddy_result, thp_order, BR_THP_ORDER, N_("THPORDER"), "", 3,
	      N_("The order of a PMD-sized transparent huge page.")),
	FIELD_INT(buddy_result, min_free_kbytes, BR_MIN_FREE, N_("MINFREE"), "KiB", 8,
	      N_("vm.min_free_kbytes: the reserve the min watermarks share.")),
	FIELD_STR(buddy_result, min_free_kbytes_source, BR_MIN_FREE, N_("SOURCE"), 10,
	      N_("Where min_free_kbytes comes from: \"thp\" (raised by "
	         "khugepaged's recommendation), \"default\" (int_sqrt of 16 "
	         "times lowmem kB), \"set\" (neither: written by an "
	         "administrator or computed for other memory), with "
	         "\"inferred:\" when the sysctl was not in the snapshot and "
	         "the value is the candidate that reproduces zoneinfo.")),
	FIELD_INT(buddy_result, min_free_kbytes_default, BR_MIN_FREE_DEFAULT,
	      N_("DEFAULT"), "KiB", 8,
	      N_("calculate_min_free_kbytes() at boot: int_sqrt(16 * lowmem "
	         "kB) within 128..262144.")),
	FIELD_INT(buddy_result, min_free_kbytes_thp, BR_MIN_FREE_THP, N_("THPREC"),
	      "KiB", 8,
	      /* xgettext:no-c-format */
	      N_("set_recommended_min_free_kbytes(): 11 pageblocks per zone up "
	         "to Normal, at most 5% of lowmem.")),
	FIELD_INT(buddy_result, watermark_scale_factor, BR_SCALE, N_("WSF"), "", 5,
	      N_("vm.watermark_scale_factor, in 1/10000 of managed pages.")),
	FIELD_INT(buddy_result, lowmem_pages, BR_LOWMEM, N_("LOWMEM"), "pages", 10,
	      N_("Managed pages of the zones that share min_free_kbytes.")),
	FIELD_INT(buddy_result, extfrag_threshold, BR_THRESHOLD, N_("EXTFRAGTH"), "", 5,
	      N_("vm.extfrag_threshold (0..1000).")),
	FIELD_INT(buddy_result, compaction_proactiveness, BR_PROACTIVENESS,
	      N_("PROACTIVE"), "", 3, N_("vm.compaction_proactiveness (0..100).")),
	FIELD_INT(buddy_result, watermark_boost_factor, BR_BOOST_FACTOR, N_("BOOSTF"),
	      "", 6, N_("vm.watermark_boost_factor, in 1/10000 of high.")),
	FIELD_INT(buddy_result, totalreserve_pages, BR_TOTALRESERVE, N_("RESERVE"),
	      "pages", 9,
	      N_("calculate_totalreserve_pages(): per zone the largest "
	         "protection plus the high mark, capped at managed.")),
	FIELD_ARRAY(buddy_result, lowmem_reserve_ratio, nratio, BR_RATIO, N_("RATIO"),
	        "", N_("vm.lowmem_reserve_ratio as applied, per zone index.")),
	FIELD_OBJECTS(buddy_result, zones, nzones, -1, buddy_zone_schema,
	          N_("Every zone the snapshot lists, in the kernel's order.")),
	FIELD_OBJECTS(buddy_result, nodes, nnodes, -1, buddy_node_schema,
	          N_("Proactive compaction per node.")),
	FIELD_INT(buddy_result, model_node, BR_MODEL, N_("MNODE"), "", 4,
	      N_("Node of the zone the what-ifs ran in.")),
	FIELD_STR(buddy_result, model_zone, BR_MODEL, N_("MZONE"), 8,
	      N_("The zone the what-ifs ran in (zone:[NODE/]NAME).")),
	FIELD_STR(buddy_result, model_seed, BR_MODEL, N_("SEEDED"), 12,
	      N_("What the model's free lists were laid out from: "
	         "\"pagetypeinfo\" (counts per migratetype), \"buddyinfo\" "
	         "(counts only: every block taken as Movable), with "
	         "\"+kpageflags\" when the physical map placed them.")),
	FIELD_INT(buddy_result, model_random_seed, BR_MODEL, N_("RSEED"), "", 5,
	      N_("The random seed of free:PERCENT (seed:N).")),
	FIELD_OBJECTS(buddy_result, steps, nsteps, -1, buddy_step_schema,
	          N_("The model after each what-if, in order.")),
	{ .name = "explanation", .title = "explanation", .unit = "",
	  .type = FT_SKVLIST, .offset = offsetof(struct buddy_result, explanation),
	  .known_bit = -1,
	  .help = N_("Plain-word sentences for the explain panel, by topic "
	             "(\"node0.Normal.thp\", \"watermarks\", \"step1\").") },
};

const struct schema buddy_schema = {
	.name = "buddy",
	.size = sizeof(struct buddy_result),
	.known_offset = offsetof(struct buddy_result, known),
	.fields = result_fields,
	.nfields = ARRAY_SIZE(result_fields),
};
