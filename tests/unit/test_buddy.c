/*
 * test_buddy.c - the buddy engine: kernel-spec.md's worked examples (2.7
 * and 3.7), the engine on the multi-node and old-kernel captures, the
 * page-frame model's split and merge against the invariants after random
 * workloads with a fixed seed, seeding, the what-if grammar, and the
 * kpageflags classification.
 *
 * Expected numbers come from the spec's worked examples, from the fixture
 * files (zoneinfo's own watermarks and protection), or, for the indexes of
 * the captures, from an independent script applying mm/vmstat.c's formulas
 * to buddyinfo (noted where used); never from the code under test.  The
 * exact comparison with the kernel's own debugfs output is the live test
 * (tests/live/test_buddy_live.c).
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buddy.h"
#include "fixture.h"
#include "parse.h"
#include "schema.h"
#include "sim.h"
#include "snapshot.h"
#include "util.h"

/* ---- kernel arithmetic -------------------------------------------------- */

static void test_int_sqrt_mult_frac(void **state)
{
	(void)state;
	assert_int_equal(buddy_int_sqrt(0), 0);
	assert_int_equal(buddy_int_sqrt(1), 1);
	assert_int_equal(buddy_int_sqrt(15), 3);
	assert_int_equal(buddy_int_sqrt(16), 4);
	/* kernel-spec 3.7: int_sqrt(16,415,360 * 16) = 16,206 */
	assert_int_equal(buddy_int_sqrt(UINT64_C(16415360) * 16), 16206);
	assert_int_equal(buddy_int_sqrt(UINT64_MAX), UINT64_C(4294967295));
	/* 3.7: mult_frac(3,400,000, 10, 10000) = 3,400 */
	assert_int_equal(buddy_mult_frac(3400000, 10, 10000), 3400);
	assert_int_equal(buddy_mult_frac(20996, 15000, 10000), 31494);
	/* no overflow where x * n would wrap */
	assert_int_equal(buddy_mult_frac(UINT64_MAX / 2, 4, 4),
	                 UINT64_MAX / 2);
}

static void test_rules(void **state)
{
	struct buddy_rules r;

	(void)state;
	buddy_rules_for("5.15.0-91-generic", &r);
	assert_true(r.release_known);
	assert_false(r.extfrag_pad);
	assert_true(r.suitable_success);
	assert_false(r.free_highatomic);
	buddy_rules_for("6.1.20", &r);
	assert_true(r.extfrag_pad);
	assert_true(r.pcp_mergeable);
	buddy_rules_for("6.18.44-fc-v657", &r);
	assert_true(r.free_highatomic);
	assert_true(r.movable_capped);
	assert_string_equal(r.label, "6.18");
	buddy_rules_for("4.4.0", &r);
	assert_false(r.scale_factor);
	assert_int_equal(r.min_free_kbytes_max, 65536);
	buddy_rules_for(NULL, &r);
	assert_false(r.release_known);
	assert_string_equal(r.label, "6.18");
	buddy_rules_for("garbage", &r);
	assert_false(r.release_known);
}

/* ---- kernel-spec.md 2.7 ------------------------------------------------- */

static const int64_t spec27_row[11] = { 1000, 500, 200, 50 };

static void test_spec_indexes(void **state)
{
	struct buddy_contig info;
	static const struct { unsigned order; int unusable, extfrag; } want[] = {
		{ 0, 0, -1000 }, { 1, 312, -1000 }, { 2, 625, -1000 },
		{ 3, 875, -1000 }, { 4, 1000, 886 }, { 9, 1000, 996 },
	};

	(void)state;
	buddy_fill_contig(spec27_row, 11, 0, &info);
	assert_int_equal(info.free_pages, 3200);
	assert_int_equal(info.free_blocks_total, 1750);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		buddy_fill_contig(spec27_row, 11, want[i].order, &info);
		assert_int_equal(buddy_unusable_index(&info, want[i].order),
		                 want[i].unusable);
		assert_int_equal(buddy_fragmentation_index(&info, want[i].order,
		                                           11),
		                 want[i].extfrag);
	}
	buddy_fill_contig(spec27_row, 11, 9, &info);
	assert_int_equal(buddy_extfrag_for_order(&info, 9), 100);
	/* weighted by 3,400,000 present pages of a 4,103,840-page node */
	assert_int_equal(buddy_score_weighted(100, 3400000, 4103840), 82);
}

static void test_spec_index_text(void **state)
{
	char buf[16];
	const int64_t empty[11] = { 0 };
	struct buddy_contig info;

	(void)state;
	buddy_index_text(-1000, true, buf, sizeof(buf));
	assert_string_equal(buf, "-1.000");
	buddy_index_text(886, true, buf, sizeof(buf));
	assert_string_equal(buf, " 0.886");
	buddy_index_text(886, false, buf, sizeof(buf));
	assert_string_equal(buf, "0.886");
	buddy_index_text(1000, false, buf, sizeof(buf));
	assert_string_equal(buf, "1.000");
	/* nothing free: unusable 1000, fragmentation 0, score 0 */
	buddy_fill_contig(empty, 11, 9, &info);
	assert_int_equal(buddy_unusable_index(&info, 9), 1000);
	assert_int_equal(buddy_fragmentation_index(&info, 9, 11), 0);
	assert_int_equal(buddy_extfrag_for_order(&info, 9), 0);
}

/* kernel-spec 2.6: proactiveness 20 gives 80 and 90 in every version. */
static void test_spec_proactive(void **state)
{
	struct buddy_rules old, new;
	int64_t low, high;

	(void)state;
	buddy_rules_for("6.12", &old);
	buddy_rules_for("6.18", &new);
	buddy_proactive_wmarks(&old, 20, &low, &high);
	assert_int_equal(low, 80);
	assert_int_equal(high, 90);
	buddy_proactive_wmarks(&new, 20, &low, &high);
	assert_int_equal(low, 80);
	assert_int_equal(high, 90);
	/* 98: 5.15-6.12 floor the low mark at 5; 6.18 narrows the gap */
	buddy_proactive_wmarks(&old, 98, &low, &high);
	assert_int_equal(low, 5);
	assert_int_equal(high, 15);
	buddy_proactive_wmarks(&new, 98, &low, &high);
	assert_int_equal(low, 2);
	assert_int_equal(high, 3);
}

/* ---- kernel-spec.md 3.7 ------------------------------------------------- */

static const struct buddy_wmark_in spec37_zones[] = {
	{ 3840, BUDDY_ZONE_LOW }, { 700000, BUDDY_ZONE_LOW },
	{ 3400000, BUDDY_ZONE_LOW }, { 0, BUDDY_ZONE_MOVABLE },
};

static void test_spec_watermarks(void **state)
{
	struct buddy_wmark_out out[4];
	struct buddy_rules rules;

	(void)state;
	buddy_rules_for("6.18", &rules);
	assert_int_equal(buddy_lowmem_pages(&rules, spec37_zones, 4), 4103840);
	assert_int_equal(buddy_min_free_kbytes_default(&rules, 16415360), 16206);
	/* three zones up to Normal: 512 * 3 * 11 pages */
	assert_int_equal(buddy_min_free_kbytes_thp(3, 512, 4000000, 4), 67584);
	/* capped at 5% of lowmem */
	assert_int_equal(buddy_min_free_kbytes_thp(3, 512, 200000, 4), 40000);
	buddy_setup_wmarks(&rules, 67584 / 4, 10, spec37_zones, 4, out);
	assert_int_equal(out[2].tmp_pages, 13998);
	assert_int_equal(out[2].delta_pages, 3499);
	assert_false(out[2].delta_from_scale);
	assert_int_equal(out[2].min_pages, 13998);
	assert_int_equal(out[2].low_pages, 17497);
	assert_int_equal(out[2].high_pages, 20996);
	assert_int_equal(out[2].promo_pages, 24495);
	assert_int_equal(out[1].min_pages, 2881);
	assert_int_equal(out[1].low_pages, 3601);
	assert_int_equal(out[1].high_pages, 4321);
	assert_int_equal(out[0].min_pages, 15);
	assert_int_equal(out[0].low_pages, 18);
	assert_int_equal(out[0].high_pages, 21);
	/* 6.5+: an empty Movable zone's min is capped to 32 */
	assert_int_equal(out[3].min_pages, 32);
	assert_int_equal(buddy_boost_max(20996, 15000, 512), 31494);
	assert_int_equal(buddy_boost_max(100, 15000, 512), 512);
	assert_int_equal(buddy_boost_max(20996, 0, 512), 0);
}

static void test_spec_protection(void **state)
{
	const int64_t managed[5] = { 3840, 700000, 3400000, 0, 0 };
	const int64_t ratio[5] = { 256, 256, 32, 0, 0 };
	const int64_t dma[5] = { 0, 2734, 16015, 16015, 16015 };
	const int64_t dma32[5] = { 0, 0, 13281, 13281, 13281 };
	int64_t reserve[25];

	(void)state;
	buddy_lowmem_reserve(managed, 5, ratio, 5, reserve);
	assert_memory_equal(reserve, dma, sizeof(dma));
	assert_memory_equal(reserve + 5, dma32, sizeof(dma32));
	for (int j = 0; j < 5; j++)
		assert_int_equal(reserve[2 * 5 + j], 0);
}

/* 3.7: an order-9 fault in Normal with 30,000 free pages passes the order-0
 * test and then needs an order-9 or order-10 block. */
static void test_spec_watermark_check(void **state)
{
	int64_t nr_free[11] = { 1000, 500, 200, 50 };
	struct buddy_wm_zone z = {
		.free_pages = 30000, .norders = 11, .nr_free = nr_free,
	};
	struct buddy_rules rules;
	const char *why;

	(void)state;
	buddy_rules_for("6.18", &rules);
	assert_int_equal(buddy_watermark_ok(&rules, &z, 9, 17497, 0,
	                                    BUDDY_ALLOC_CMA, &why),
	                 BUDDY_NO);
	assert_string_equal(why, "no_block");
	nr_free[10] = 1;
	assert_int_equal(buddy_watermark_ok(&rules, &z, 9, 17497, 0,
	                                    BUDDY_ALLOC_CMA, &why),
	                 BUDDY_YES);
	/* 30,000 - 511 = 29,489 is not above 29,489 */
	assert_int_equal(buddy_watermark_ok(&rules, &z, 9, 29489, 0,
	                                    BUDDY_ALLOC_CMA, &why),
	                 BUDDY_NO);
	assert_string_equal(why, "order0");
	assert_int_equal(buddy_watermark_ok(&rules, &z, 9, 29000, 488,
	                                    BUDDY_ALLOC_CMA, &why),
	                 BUDDY_YES);
	/* __GFP_HIGH halves the mark */
	assert_int_equal(buddy_watermark_ok(&rules, &z, 0, 40000, 0,
	                                    BUDDY_ALLOC_MIN_RESERVE, NULL),
	                 BUDDY_YES);
	/* an unknown highatomic reserve that decides the answer */
	z.highatomic_hi = 20000;
	assert_int_equal(buddy_watermark_ok(&rules, &z, 0, 17497, 0, 0, &why),
	                 BUDDY_UNKNOWN);
}

/* 2.7's zone compacts for a THP: fi 996 > 500; with threshold 1000 the
 * failure counts as a lack of memory; with little free it is skipped. */
static void test_spec_compaction(void **state)
{
	const int64_t *row = spec27_row;
	struct buddy_wm_zone z = {
		.free_pages = 30000, .norders = 11, .nr_free = row,
	};
	struct buddy_rules rules;
	int fi;

	(void)state;
	buddy_rules_for("6.18", &rules);
	assert_int_equal(buddy_compaction_suitable(&rules, &z, 9, 13998, 17497,
	                                           0, BUDDY_ALLOC_CMA, 500, &fi),
	                 BUDDY_COMPACT_CONTINUE);
	assert_int_equal(fi, 996);
	assert_int_equal(buddy_compaction_suitable(&rules, &z, 9, 13998, 17497,
	                                           0, BUDDY_ALLOC_CMA, 1000, &fi),
	                 BUDDY_COMPACT_NOT_SUITABLE);
	/* low 17,497 + compact_gap(9) = 18,521 must stay free */
	z.free_pages = 18521;
	assert_int_equal(buddy_compaction_suitable(&rules, &z, 9, 13998, 17497,
	                                           0, BUDDY_ALLOC_CMA, 500, &fi),
	                 BUDDY_COMPACT_SKIPPED);
	/* orders up to 3 ignore the index: order 3 is served anyway */
	z.free_pages = 30000;
	assert_int_equal(buddy_compaction_suitable(&rules, &z, 3, 13998, 17497,
	                                           0, BUDDY_ALLOC_CMA, 1000, &fi),
	                 BUDDY_COMPACT_SUCCESS);
}

/* ---- the engine on captured trees -------------------------------------- */

typedef int (*zone_parser)(const char *, struct zone **, size_t *);

static void add_zone_file(struct snapshot *s, const char *rel,
                          zone_parser parse)
{
	char *text = fixture_text(rel);

	assert_int_equal(parse(text, &s->zones, &s->nzones), 0);
	free(text);
	s->known |= KNOWN(SEC_ZONES);
}

static struct snapshot *fixture_snapshot(const char *dir, const char *kernel,
                                         bool buddyinfo, bool zoneinfo,
                                         bool pagetypeinfo)
{
	struct snapshot *s = snapshot_new();
	char rel[128];

	s->page_size = 4096;
	s->kernel = kernel ? xstrdup(kernel) : NULL;
	snprintf(rel, sizeof(rel), "%s/proc/buddyinfo", dir);
	if (buddyinfo)
		add_zone_file(s, rel, parse_buddyinfo);
	snprintf(rel, sizeof(rel), "%s/proc/zoneinfo", dir);
	if (zoneinfo)
		add_zone_file(s, rel, parse_zoneinfo);
	snprintf(rel, sizeof(rel), "%s/proc/pagetypeinfo", dir);
	if (pagetypeinfo)
		add_zone_file(s, rel, parse_pagetypeinfo);
	return s;
}

static struct buddy_result *run_engine(const struct snapshot *s,
                                       void **what_ifs, size_t n)
{
	struct sim_input in = { .cur = s, .what_ifs = what_ifs, .nwhat_ifs = n };
	void *result = NULL;
	char *error = NULL;

	assert_int_equal(buddy_engine.run(&in, &result, &error), 0);
	assert_null(error);
	return result;
}

static const struct buddy_zone *result_zone(const struct buddy_result *r,
                                            int64_t node, const char *name)
{
	for (size_t i = 0; i < r->nzones; i++)
		if (r->zones[i].node == node && !strcmp(r->zones[i].zone, name))
			return &r->zones[i];
	fail_msg("zone %lld %s missing", (long long)node, name);
	return NULL;
}

static const char *explanation(const struct buddy_result *r, const char *key)
{
	const char *s = skvlist_get(&r->explanation, key);

	if (!s)
		fail_msg("no explanation %s", key);
	return s;
}

/*
 * insights-core-tests: a 2-node buddyinfo.  Expected rows computed by an
 * independent script applying unusable_free_index() and
 * __fragmentation_index() to the file's counts.
 */
static void test_fixture_two_nodes_indexes(void **state)
{
	struct snapshot *s = fixture_snapshot("insights-core-tests", "6.1.0",
	                                      true, false, false);
	struct buddy_result *r = run_engine(s, NULL, 0);
	const struct buddy_zone *n1 = result_zone(r, 1, "Normal");

	(void)state;
	assert_int_equal(r->nzones, 4);
	assert_string_equal(result_zone(r, 0, "DMA")->unusable_index_text,
	                    "0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 "
	                    "0.000 0.090 0.272 ");
	assert_string_equal(result_zone(r, 0, "Normal")->unusable_index_text,
	                    "0.000 0.000 0.000 0.000 0.002 0.009 0.019 0.033 "
	                    "0.049 0.067 0.085 ");
	assert_string_equal(n1->unusable_index_text,
	                    "0.000 0.000 0.000 0.000 0.003 0.006 0.019 0.038 "
	                    "0.061 0.085 0.114 ");
	assert_string_equal(n1->extfrag_index_text,
	                    "-1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 "
	                    "-1.000 -1.000 -1.000 -1.000 ");
	assert_int_equal(n1->zone_index, 0);
	assert_int_equal(n1->fragmentation_score, 8);
	assert_int_equal(n1->highest_free_order, 10);
	/* buddyinfo only: no marks, so no allocation verdicts */
	assert_false(n1->known & KNOWN(BZ_THP_LOW));
	assert_false(r->known & KNOWN(BR_MIN_FREE));
	buddy_engine.free_result(r);
	snapshot_free(s);
}

/*
 * jc-ubuntu-5.8-vm: Linux 5.8 prints extfrag_index "%d.%03d" (no pad); the
 * Normal zone has nothing above order 8, so order 9 and 10 get an index
 * (script: 0.840 0.913).  min_free_kbytes is not in the capture: the zones'
 * min marks (68 + 12729 + 4097) add up to khugepaged's 67584 kB.
 */
static void test_fixture_old_kernel(void **state)
{
	struct snapshot *s = fixture_snapshot("jc-ubuntu-5.8-vm",
	                                      "5.8.0-63-generic", true, true,
	                                      true);
	struct buddy_result *r = run_engine(s, NULL, 0);
	const struct buddy_zone *normal = result_zone(r, 0, "Normal");
	const struct buddy_zone *dma32 = result_zone(r, 0, "DMA32");

	(void)state;
	assert_string_equal(r->kernel_rules, "5.8");
	assert_string_equal(normal->unusable_index_text,
	                    "0.000 0.000 0.008 0.014 0.030 0.033 0.040 0.065 "
	                    "0.343 1.000 1.000 ");
	assert_string_equal(normal->extfrag_index_text,
	                    "-1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 "
	                    "-1.000 -1.000 0.840 0.913 ");
	assert_int_equal(normal->highest_free_order, 8);
	assert_int_equal(normal->fragmentation_score, 100);
	assert_true(r->known & KNOWN(BR_MIN_FREE));
	assert_int_equal(r->min_free_kbytes, 67584);
	assert_string_equal(r->min_free_kbytes_source, "inferred:thp");
	/* Normal: 5,113 - 511 is below low 5,121, above min 4,097, and no
	 * block of order 9: the THP fault fails, compaction is skipped
	 * (low + 1024 not free) */
	assert_true(normal->known & KNOWN(BZ_THP_LOW));
	assert_int_equal(normal->thp_low, 0);
	assert_int_equal(normal->thp_min, 0);
	assert_string_equal(normal->thp_compaction, "skipped");
	assert_non_null(strstr(explanation(r, "node0.Normal.thp"),
	                       "largest free block is order 8"));
	assert_int_equal(dma32->thp_low, 1);
	/* pagetypeinfo: Normal's unmovable lists stop at order 3 */
	assert_true(normal->known & KNOWN(BZ_BY_TYPE));
	assert_int_equal(kvlist_find(&normal->highest_free_order_by_type,
	                             "Unmovable")->value, 3);
	assert_int_equal(kvlist_find(&normal->highest_free_order_by_type,
	                             "Movable")->value, 8);
	/* zoneinfo's own protection: DMA32 (0, 0, 924, 924, 924) is
	 * 236,634 / 256 = 924 */
	assert_int_equal(dma32->calc_protection_pages[2], 924);
	assert_int_equal(dma32->protection_match, 1);
	buddy_engine.free_result(r);
	snapshot_free(s);
}

/*
 * pcp-meminfo-root-002: two nodes, zoneinfo only, a 2016 kernel whose
 * release the capture does not hold.  Its marks follow the rule before
 * watermark_scale_factor (low = min + min/4, high = min + min/2: 10930,
 * 13662, 16395), and the four zones' min marks add up to 22,526 pages,
 * khugepaged's 4 x 11 pageblocks (22,528) less the truncation.
 */
static void test_fixture_two_nodes_old_marks(void **state)
{
	struct snapshot *s = fixture_snapshot("pcp-meminfo-root-002", NULL,
	                                      false, true, false);
	struct buddy_result *r = run_engine(s, NULL, 0);
	const struct buddy_zone *n0 = result_zone(r, 0, "Normal");
	const struct buddy_zone *n1 = result_zone(r, 1, "Normal");

	(void)state;
	assert_string_equal(r->kernel_rules, "4.5");
	assert_int_equal(r->min_free_kbytes, 90112);
	assert_string_equal(r->min_free_kbytes_source, "inferred:thp");
	assert_int_equal(n1->zone_index, 0);
	/* the old rule, applied to zoneinfo's min: exact */
	assert_int_equal(n0->min_pages + (n0->min_pages >> 2), n0->low_pages);
	assert_int_equal(n0->calc_high_pages - n0->calc_min_pages,
	                 n0->calc_tmp_pages >> 1);
	/* the recomputed marks are within a page or two of zoneinfo's */
	for (size_t i = 0; i < r->nzones; i++) {
		const struct buddy_zone *z = &r->zones[i];

		assert_true(llabs(z->calc_min_pages - z->min_pages) <= 2);
		assert_true(llabs(z->calc_high_pages - z->high_pages) <= 2);
	}
	/* protection: DMA (0, 1754, 64216, 64216) from the default ratios */
	assert_int_equal(result_zone(r, 0, "DMA")->protection_match, 1);
	assert_int_equal(result_zone(r, 0, "DMA")->ncalc_protection, 4);
	assert_non_null(strstr(explanation(r, "rules"), "4.5"));
	buddy_engine.free_result(r);
	snapshot_free(s);
}

/*
 * pcp-meminfo-root-007: 2 nodes x 5 zones; ZONE_MOVABLE's min is 0, so
 * the capture predates 6.5's cap; node 1's empty DMA zones have no reserve.
 */
static void test_fixture_two_nodes_five_zones(void **state)
{
	struct snapshot *s = fixture_snapshot("pcp-meminfo-root-007", NULL,
	                                      false, true, false);
	struct buddy_result *r = run_engine(s, NULL, 0);
	const struct buddy_zone *mov = result_zone(r, 1, "Movable");

	(void)state;
	assert_int_equal(r->nzones, 10);
	assert_string_equal(r->kernel_rules, "6.4");
	assert_int_equal(r->min_free_kbytes, 90112);
	assert_int_equal(mov->zone_index, 3);
	assert_int_equal(mov->calc_min_pages, 0);
	assert_int_equal(mov->watermarks_match, 1);
	assert_int_equal(result_zone(r, 1, "DMA")->calc_protection_pages[2], 0);
	assert_int_equal(result_zone(r, 0, "Normal")->calc_delta_pages,
	                 result_zone(r, 0, "Normal")->calc_tmp_pages >> 2);
	buddy_engine.free_result(r);
	snapshot_free(s);
}

/* ---- the page-frame model ----------------------------------------------- */

static struct buddy_model *small_model(uint64_t pages, uint64_t start_pfn)
{
	struct buddy_model_params p = {
		.start_pfn = start_pfn, .spanned_pages = pages, .norders = 11,
		.pageblock_order = 9, .pcp_mergeable = true,
		.managed_pages = (int64_t)pages, .high_base_pages = 100,
		.boost_factor = 15000,
	};
	struct buddy_model *m;

	assert_int_equal(buddy_model_new(&m, &p), 0);
	return m;
}

static void assert_model_ok(const struct buddy_model *m)
{
	const char *what = NULL;

	if (buddy_model_check(m, &what) < 0)
		fail_msg("model invariant broken: %s", what);
}

/* expand(): an order-3 block split for an order-0 request leaves one free
 * block at each of orders 0, 1 and 2; freeing the page merges it back
 * (buddy = pfn ^ (1 << order)). */
static void test_model_split_merge(void **state)
{
	struct buddy_model *m = small_model(1024, 0);
	struct buddy_alloc_info info;
	int64_t pfn;

	(void)state;
	assert_int_equal(buddy_model_place_free(m, 8, 3), 0);
	assert_int_equal(buddy_model_place_free(m, 9, 0), -EINVAL);
	assert_int_equal(buddy_model_free_pages(m), 8);
	pfn = buddy_model_alloc(m, 0, BUDDY_MT_MOVABLE, &info);
	assert_int_equal(pfn, 8);
	assert_int_equal(info.order_used, 3);
	assert_false(info.fallback);
	assert_int_equal(buddy_model_nr_free(m, 0, BUDDY_MT_MOVABLE), 1);
	assert_int_equal(buddy_model_nr_free(m, 1, BUDDY_MT_MOVABLE), 1);
	assert_int_equal(buddy_model_nr_free(m, 2, BUDDY_MT_MOVABLE), 1);
	/* the upper halves: 12 (order 2), 10 (order 1), 9 (order 0) */
	assert_true(buddy_model_page_free(m, 9));
	assert_true(buddy_model_page_free(m, 10));
	assert_true(buddy_model_page_free(m, 15));
	assert_false(buddy_model_page_free(m, 8));
	assert_model_ok(m);
	buddy_model_release(m, 8, 0);
	assert_int_equal(buddy_model_nr_free(m, 3, BUDDY_MT_MOVABLE), 1);
	assert_int_equal(buddy_model_nr_free(m, 0, BUDDY_MT_MOVABLE), 0);
	assert_model_ok(m);
	buddy_model_free(m);
}

/* Alignment is of pfns, not of the zone: a zone starting at pfn 1 (DMA)
 * has no order-1 block at its first page. */
static void test_model_absolute_alignment(void **state)
{
	struct buddy_model *m = small_model(1023, 1);

	(void)state;
	assert_int_equal(buddy_model_place_free(m, 0, 1), -EINVAL);
	assert_int_equal(buddy_model_place_free(m, 0, 0), 0);
	assert_int_equal(buddy_model_place_free(m, 1, 1), 0);
	assert_model_ok(m);
	/* pfn 1 (rel 0) and pfn 0 (outside) do not merge */
	buddy_model_release(m, 3, 0); /* pfn 4: buddy pfn 5 is allocated */
	assert_model_ok(m);
	buddy_model_free(m);
}

/* A reclaimable request in a zone of movable pageblocks falls back to the
 * largest movable block and claims its pageblocks; a movable order-0
 * request then claims an order-9 reclaimable block whole.  Small fallback
 * blocks are only stolen (should_try_claim_block()). */
static void test_model_fallback(void **state)
{
	struct buddy_model *m = small_model(2048, 0);
	struct buddy_alloc_info info;
	int64_t pfn;

	(void)state;
	assert_int_equal(buddy_model_place_free(m, 0, 10), 0);
	buddy_model_set_block_mt(m, 2, BUDDY_MT_UNMOVABLE);
	buddy_model_set_block_mt(m, 3, BUDDY_MT_UNMOVABLE);
	assert_int_equal(buddy_model_place_free(m, 1024 + 512 + 64, 2), 0);
	pfn = buddy_model_alloc(m, 0, BUDDY_MT_RECLAIMABLE, &info);
	assert_int_equal(pfn, 0);
	assert_true(info.fallback);
	assert_int_equal(info.mt_used, BUDDY_MT_MOVABLE);
	assert_true(info.claimed);
	assert_int_equal(buddy_model_block_mt(m, 0), BUDDY_MT_RECLAIMABLE);
	assert_int_equal(buddy_model_block_mt(m, 1), BUDDY_MT_RECLAIMABLE);
	assert_model_ok(m);
	/* movable order 0: the order-9 reclaimable half is claimed whole */
	pfn = buddy_model_alloc(m, 0, BUDDY_MT_MOVABLE, &info);
	assert_int_equal(pfn, 512);
	assert_true(info.claimed);
	assert_int_equal(info.mt_used, BUDDY_MT_RECLAIMABLE);
	assert_int_equal(buddy_model_block_mt(m, 1), BUDDY_MT_MOVABLE);
	assert_model_ok(m);
	buddy_model_free(m);
	/* only a small unmovable block: a steal, the block keeps its type */
	m = small_model(1024, 0);
	buddy_model_set_block_mt(m, 0, BUDDY_MT_UNMOVABLE);
	assert_int_equal(buddy_model_place_free(m, 64, 2), 0);
	pfn = buddy_model_alloc(m, 0, BUDDY_MT_MOVABLE, &info);
	assert_int_equal(pfn, 64);
	assert_true(info.fallback);
	assert_false(info.claimed);
	assert_int_equal(info.mt_used, BUDDY_MT_UNMOVABLE);
	assert_int_equal(buddy_model_block_mt(m, 0), BUDDY_MT_UNMOVABLE);
	assert_int_equal(buddy_model_nr_free(m, 1, BUDDY_MT_UNMOVABLE), 1);
	assert_int_equal(buddy_model_nr_free(m, 0, BUDDY_MT_UNMOVABLE), 1);
	assert_model_ok(m);
	buddy_model_free(m);
}

/* 6.1+: HighAtomic blocks never merge with movable ones at pageblock order. */
static void test_model_mergeable(void **state)
{
	struct buddy_model *m = small_model(1024, 0);

	(void)state;
	buddy_model_set_block_mt(m, 1, BUDDY_MT_HIGHATOMIC);
	assert_int_equal(buddy_model_place_free(m, 512, 9), 0);
	buddy_model_mark_used(m, 0, 512, true);
	buddy_model_release(m, 0, 9);
	assert_int_equal(buddy_model_nr_free(m, 9, BUDDY_MT_MOVABLE), 1);
	assert_int_equal(buddy_model_nr_free(m, 9, BUDDY_MT_HIGHATOMIC), 1);
	assert_int_equal(buddy_model_nr_free(m, 10, BUDDY_MT_MOVABLE), 0);
	assert_model_ok(m);
	/* two movable halves do merge, and Unmovable with Movable too */
	buddy_model_set_block_mt(m, 1, BUDDY_MT_UNMOVABLE);
	buddy_model_free(m);
	m = small_model(1024, 0);
	buddy_model_set_block_mt(m, 1, BUDDY_MT_UNMOVABLE);
	assert_int_equal(buddy_model_place_free(m, 512, 9), 0);
	buddy_model_release(m, 0, 9);
	assert_int_equal(buddy_model_nr_free(m, 10, BUDDY_MT_MOVABLE), 1);
	assert_int_equal(buddy_model_block_mt(m, 1), BUDDY_MT_MOVABLE);
	assert_model_ok(m);
	buddy_model_free(m);
}

/* xorshift64*, the tests' own */
static uint64_t test_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

struct live_alloc {
	uint64_t rel;
	unsigned order;
};

/* No allocated page lies in a free block or in another allocation. */
static void assert_allocs_disjoint(const struct buddy_model *m,
                                   const struct live_alloc *a, size_t n,
                                   uint64_t pages)
{
	uint8_t *owned = xcalloc(pages, 1);

	for (size_t i = 0; i < n; i++)
		for (uint64_t p = a[i].rel; p < a[i].rel + (UINT64_C(1) << a[i].order);
		     p++) {
			assert_int_equal(owned[p], 0);
			owned[p] = 1;
			assert_false(buddy_model_page_free(m, p));
		}
	free(owned);
}

/*
 * Random workloads with a fixed seed, on a seeded zone of 64 Ki pages:
 * after every batch the invariants hold (free pages conserved, no overlap,
 * every free block aligned and on its pageblock's list, no unmerged
 * buddies), and at the end freeing everything restores the free pages.
 */
static void test_model_random_invariants(void **state)
{
	const uint64_t pages = UINT64_C(1) << 16;
	struct buddy_model *m = small_model(pages, 3 << 10);
	struct buddy_seed_in seed = { .norders = 11, .managed_pages = 1 << 16 };
	struct live_alloc *allocs = xcalloc(200000, sizeof(*allocs));
	size_t nallocs = 0;
	uint64_t rng = 42, placed, free_at_start, allocated = 0;

	(void)state;
	for (int mt = 0; mt < BUDDY_MT_COUNT; mt++)
		seed.pageblocks[mt] = -1;
	seed.nr_free[0][BUDDY_MT_MOVABLE] = 300;
	seed.nr_free[1][BUDDY_MT_MOVABLE] = 200;
	seed.nr_free[3][BUDDY_MT_UNMOVABLE] = 40;
	seed.nr_free[5][BUDDY_MT_RECLAIMABLE] = 10;
	seed.nr_free[9][BUDDY_MT_MOVABLE] = 5;
	seed.nr_free[10][BUDDY_MT_MOVABLE] = 30;
	assert_int_equal(buddy_seed(m, &seed, &placed), 0);
	free_at_start = buddy_model_free_pages(m);
	assert_int_equal(free_at_start, placed);
	assert_int_equal(free_at_start, 300 + 400 + 320 + 320 + 2560 + 30720);
	assert_model_ok(m);
	for (int batch = 0; batch < 40; batch++) {
		for (int op = 0; op < 2000; op++) {
			uint64_t r = test_random(&rng);
			struct buddy_alloc_info info;

			if ((r & 3) != 0 || nallocs == 0) {
				unsigned order = (unsigned)((r >> 8) % 11);
				int mt = (int)((r >> 16) % 3);
				int64_t pfn;

				order = order > 4 && (r & 64) ? order : order % 4;
				pfn = buddy_model_alloc(m, order, mt, &info);
				if (pfn < 0)
					continue;
				allocs[nallocs].rel = (uint64_t)pfn;
				allocs[nallocs++].order = order;
				allocated += UINT64_C(1) << order;
			} else {
				size_t pick = (size_t)((r >> 20) % nallocs);

				buddy_model_release(m, allocs[pick].rel,
				                    allocs[pick].order);
				allocated -= UINT64_C(1) << allocs[pick].order;
				allocs[pick] = allocs[--nallocs];
			}
		}
		assert_model_ok(m);
		assert_int_equal(buddy_model_free_pages(m) + allocated,
		                 free_at_start);
		if (batch % 10 == 0)
			assert_allocs_disjoint(m, allocs, nallocs, pages);
	}
	while (nallocs > 0) {
		nallocs--;
		buddy_model_release(m, allocs[nallocs].rel, allocs[nallocs].order);
	}
	assert_model_ok(m);
	assert_int_equal(buddy_model_free_pages(m), free_at_start);
	free(allocs);
	buddy_model_free(m);
}

/* Seeding keeps the counts of each order and migratetype exactly. */
static void test_seed_counts(void **state)
{
	struct snapshot *s = fixture_snapshot("jc-ubuntu-5.8-vm", "5.8.0", true,
	                                      true, true);
	const struct zone *z = &s->zones[1]; /* DMA32 */
	struct buddy_model *m = small_model((uint64_t)z->spanned_pages, 4096);
	struct buddy_seed_in seed = { .norders = 11,
		                      .managed_pages = z->managed_pages };
	uint64_t placed;

	(void)state;
	assert_string_equal(z->zone, "DMA32");
	for (size_t i = 0; i < z->nmigratetypes; i++) {
		int mt = buddy_mt_from_name(z->migratetypes[i].type);

		for (size_t o = 0; o < 11; o++)
			seed.nr_free[o][mt] = z->migratetypes[i].free_blocks[o];
		seed.pageblocks[mt] = z->migratetypes[i].pageblocks;
	}
	assert_int_equal(buddy_seed(m, &seed, &placed), 0);
	for (unsigned o = 0; o < 11; o++)
		for (int mt = 0; mt < BUDDY_MT_COUNT; mt++)
			assert_int_equal(buddy_model_nr_free(m, o, mt),
			                 seed.nr_free[o][mt]);
	assert_model_ok(m);
	assert_true(buddy_model_blocks_of_mt(m, BUDDY_MT_UNMOVABLE) >= 8);
	buddy_model_free(m);
	snapshot_free(s);
}

/* With a map: wholly free cells take the big blocks, partly free cells
 * of a type take that type's small blocks. */
static void test_seed_map(void **state)
{
	/* 8 cells: free, free, movable 3/7 free, unmovable 1/7, then 4
	 * movable cells without free pages */
	char cells[9];
	struct buddy_model *m = small_model(4096, 0);
	struct buddy_seed_in seed = { .norders = 11, .managed_pages = 4096,
		                      .cells = cells };
	uint64_t placed;

	(void)state;
	cells[0] = pageblock_cell(PB_FREE, 7);
	cells[1] = pageblock_cell(PB_FREE, 7);
	cells[2] = pageblock_cell(PB_MOVABLE, 3);
	cells[3] = pageblock_cell(PB_UNMOVABLE, 1);
	for (int i = 4; i < 8; i++)
		cells[i] = pageblock_cell(PB_MOVABLE, 0);
	cells[8] = '\0';
	for (int mt = 0; mt < BUDDY_MT_COUNT; mt++)
		seed.pageblocks[mt] = -1;
	seed.nr_free[10][BUDDY_MT_MOVABLE] = 1;
	seed.nr_free[7][BUDDY_MT_MOVABLE] = 1;
	seed.nr_free[6][BUDDY_MT_MOVABLE] = 1;
	seed.nr_free[4][BUDDY_MT_UNMOVABLE] = 2;
	assert_int_equal(buddy_seed(m, &seed, &placed), 0);
	assert_int_equal(placed, 1024 + 128 + 64 + 32);
	assert_true(buddy_model_page_free(m, 0));
	assert_true(buddy_model_page_free(m, 1023));
	assert_true(buddy_model_page_free(m, 1024));      /* cell 2 */
	assert_int_equal(buddy_model_block_mt(m, 3), BUDDY_MT_UNMOVABLE);
	assert_true(buddy_model_page_free(m, 3 * 512));   /* cell 3 */
	assert_false(buddy_model_page_free(m, 4 * 512));
	assert_model_ok(m);
	buddy_model_free(m);
}

/* ---- what-ifs ------------------------------------------------------------ */

static void test_whatif_grammar(void **state)
{
	static const char *const good[] = {
		"alloc:9x100", "alloc:0x1:unmovable", "alloc:3X5:Reclaimable",
		"fill:2G", "fill:512MiB:movable", "fill:4096", "free:50",
		"free:100%", "seed:7", "zone:Normal", "zone:1/DMA32",
	};
	static const char *const bad[] = {
		"alloc:9", "alloc:9x0", "alloc:99x1", "alloc:9x1:highatomic",
		"fill:", "fill:2Q", "free:101", "free:x", "seed:", "zone:",
		"zone:x/Normal",
	};
	void *parsed = NULL;
	char *error = NULL;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		assert_int_equal(buddy_whatif_parse(good[i], &parsed, &error), 1);
		buddy_whatif_free(parsed);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(buddy_whatif_parse(bad[i], &parsed, &error),
		                 -EINVAL);
		assert_non_null(strstr(error, bad[i]));
		free(error);
		error = NULL;
	}
	/* another engine's what-if */
	assert_int_equal(buddy_whatif_parse("adj:1=100", &parsed, &error), 0);
	assert_int_equal(buddy_whatif_parse("fill:2G", &parsed, &error), 1);
	assert_int_equal(((struct buddy_whatif *)parsed)->bytes, 2ull << 30);
	buddy_whatif_free(parsed);
}

/* The workloads on jc's Normal zone (5,113 free pages): order-9 requests
 * find no block, the fill stops at the min mark, and freeing half of it
 * gives pages back; the invariants are the model's own. */
static void test_whatif_steps(void **state)
{
	static const char *const exprs[] = {
		"zone:0/Normal", "alloc:9x3", "fill:64M", "free:50", "seed:3",
	};
	struct snapshot *s = fixture_snapshot("jc-ubuntu-5.8-vm",
	                                      "5.8.0-63-generic", true, true,
	                                      true);
	void *what_ifs[ARRAY_SIZE(exprs)];
	struct buddy_result *r;
	char *error = NULL;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(exprs); i++)
		assert_int_equal(buddy_whatif_parse(exprs[i], &what_ifs[i],
		                                    &error), 1);
	r = run_engine(s, what_ifs, ARRAY_SIZE(exprs));
	assert_string_equal(r->model_zone, "Normal");
	assert_string_equal(r->model_seed, "pagetypeinfo");
	assert_int_equal(r->model_random_seed, 3);
	assert_int_equal(r->nsteps, 3);
	assert_int_equal(r->steps[0].allocated, 0);
	assert_int_equal(r->steps[0].failed_no_block, 3);
	assert_int_equal(r->steps[1].requested, 16384);
	assert_true(r->steps[1].failed_watermark > 0);
	assert_true(r->steps[1].allocated > 0);
	/* the fill stopped at the min mark: 4,097 pages stay free */
	assert_true(r->steps[1].free_pages <= 4097 + 1);
	assert_int_equal(r->steps[2].freed, r->steps[1].allocated / 2);
	assert_int_equal(r->steps[2].free_pages,
	                 r->steps[1].free_pages + r->steps[2].freed);
	assert_non_null(strstr(explanation(r, "step1"), "alloc:9x3"));
	buddy_engine.free_result(r);
	for (size_t i = 0; i < ARRAY_SIZE(exprs); i++)
		buddy_whatif_free(what_ifs[i]);
	snapshot_free(s);
}

/* ---- kpageflags ---------------------------------------------------------- */

#define KPF(bit) (UINT64_C(1) << (bit))

/* A free order-3 block at pfn 8 (BUDDY head, then flagless pages with no
 * references), file pages, a THP-sized anon run, and a hole. */
static void test_kpageflags_cells(void **state)
{
	struct pageblock_scan scan;
	char *cells, want[5] = { 0 };

	(void)state;
	assert_int_equal(pageblock_scan_init(&scan, 0, 4 * 512, 9), 0);
	for (uint64_t pfn = 0; pfn < 512; pfn++) {
		uint64_t flags = KPF(5); /* LRU: file */

		if (pfn == 8)
			flags = KPF(10);
		else if (pfn > 8 && pfn < 16)
			flags = 0;
		/* pfn 16: flagless, referenced: an allocated page */
		pageblock_scan_page(&scan, pfn, pfn == 16 ? 0 : flags,
		                    pfn == 16 ? 1 : 0);
	}
	for (uint64_t pfn = 512; pfn < 1024; pfn++)
		pageblock_scan_page(&scan, pfn, KPF(12) | KPF(22) | KPF(5), 1);
	for (uint64_t pfn = 1024; pfn < 1536; pfn++)
		pageblock_scan_page(&scan, pfn, pfn == 1024 ? KPF(10) : 0, 0);
	for (uint64_t pfn = 1536; pfn < 2048; pfn++)
		pageblock_scan_page(&scan, pfn, KPF(20), 0);
	cells = pageblock_scan_finish(&scan);
	want[0] = pageblock_cell(PB_RECLAIMABLE, 1);
	want[1] = pageblock_cell(PB_THP, 0);
	want[2] = pageblock_cell(PB_FREE, 7);
	want[3] = pageblock_cell(PB_HOLE, 0);
	assert_string_equal(cells, want);
	assert_int_equal(pageblock_cell_value(cells[0]), PB_RECLAIMABLE * 8 + 1);
	assert_int_equal(pageblock_cell_value('!'), -1);
	free(cells);
}

static void test_zone_spans(void **state)
{
	struct pageblock_zone *zones;
	size_t n;
	int64_t order;
	char *text = fixture_text("jc-ubuntu-5.8-vm/proc/zoneinfo");

	(void)state;
	assert_int_equal(parse_zone_spans(text, &zones, &n), 0);
	free(text);
	/* DMA, DMA32, Normal span pages; Movable and Device do not */
	assert_int_equal(n, 3);
	assert_string_equal(zones[0].zone, "DMA");
	assert_int_equal(zones[0].start_pfn, 1);
	assert_int_equal(zones[0].spanned_pages, 4095);
	assert_int_equal(zones[2].start_pfn, 1048576);
	for (size_t i = 0; i < n; i++)
		schema_free_entity(&pageblock_zone_schema, &zones[i]);
	free(zones);
	text = fixture_text("jc-ubuntu-5.8-vm/proc/pagetypeinfo");
	assert_int_equal(parse_pageblock_order(text, &order), 0);
	assert_int_equal(order, 9);
	free(text);
	assert_int_equal(parse_pageblock_order("nothing", &order), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int_sqrt_mult_frac),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_spec_indexes),
		cmocka_unit_test(test_spec_index_text),
		cmocka_unit_test(test_spec_proactive),
		cmocka_unit_test(test_spec_watermarks),
		cmocka_unit_test(test_spec_protection),
		cmocka_unit_test(test_spec_watermark_check),
		cmocka_unit_test(test_spec_compaction),
		cmocka_unit_test(test_fixture_two_nodes_indexes),
		cmocka_unit_test(test_fixture_old_kernel),
		cmocka_unit_test(test_fixture_two_nodes_old_marks),
		cmocka_unit_test(test_fixture_two_nodes_five_zones),
		cmocka_unit_test(test_model_split_merge),
		cmocka_unit_test(test_model_absolute_alignment),
		cmocka_unit_test(test_model_fallback),
		cmocka_unit_test(test_model_mergeable),
		cmocka_unit_test(test_model_random_invariants),
		cmocka_unit_test(test_seed_counts),
		cmocka_unit_test(test_seed_map),
		cmocka_unit_test(test_whatif_grammar),
		cmocka_unit_test(test_whatif_steps),
		cmocka_unit_test(test_kpageflags_cells),
		cmocka_unit_test(test_zone_spans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
