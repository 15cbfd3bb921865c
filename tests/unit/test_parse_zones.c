/*
 * test_parse_zones.c - the buddyinfo, zoneinfo and pagetypeinfo parsers on
 * captured files, their merge into one zone list in any order, this
 * machine's live files, and garbage.
 *
 * Expected numbers were read from the fixture files by hand (grep/awk); each
 * says which file and line it comes from.
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

#include "fixture.h"
#include "parse.h"
#include "snapshot.h"
#include "util.h"

struct zones {
	struct zone *z;
	size_t n;
};

static void zones_free(struct zones *zs)
{
	for (size_t i = 0; i < zs->n; i++)
		zone_clear(&zs->z[i]);
	free(zs->z);
	zs->z = NULL;
	zs->n = 0;
}

typedef int (*zone_parser)(const char *, struct zone **, size_t *);

static void parse_fixture(zone_parser parse, const char *relpath,
                          struct zones *zs)
{
	char *text = fixture_text(relpath);

	assert_int_equal(parse(text, &zs->z, &zs->n), 0);
	free(text);
}

static const struct zone *find_zone(const struct zones *zs, int64_t node,
                                    const char *name)
{
	for (size_t i = 0; i < zs->n; i++)
		if (zs->z[i].node == node && strcmp(zs->z[i].zone, name) == 0)
			return &zs->z[i];
	fail_msg("zone %lld %s not parsed", (long long)node, name);
	return NULL;
}

static const struct zone_migratetype *find_type(const struct zone *z,
                                                const char *type)
{
	for (size_t i = 0; i < z->nmigratetypes; i++)
		if (strcmp(z->migratetypes[i].type, type) == 0)
			return &z->migratetypes[i];
	fail_msg("migratetype %s not parsed", type);
	return NULL;
}

static void assert_blocks(const int64_t *got, size_t ngot,
                          const int64_t *want, size_t nwant)
{
	assert_int_equal(ngot, nwant);
	for (size_t i = 0; i < nwant; i++)
		assert_int_equal(got[i], want[i]);
}

#define ASSERT_BLOCKS(got, ngot, ...)                                          \
	do {                                                                   \
		static const int64_t want_[] = { __VA_ARGS__ };                \
		assert_blocks(got, ngot, want_, ARRAY_SIZE(want_));            \
	} while (0)

static bool known(const struct zone *z, int bit)
{
	return (z->known & KNOWN(bit)) != 0;
}

/* Σ count × 2^order over every zone, the README's "buddyinfo" free pages. */
static int64_t buddy_free_pages(const struct zones *zs)
{
	int64_t sum = 0;

	for (size_t i = 0; i < zs->n; i++)
		for (size_t o = 0; o < zs->z[i].norders; o++)
			sum += zs->z[i].free_blocks[o] << o;
	return sum;
}

static int64_t zoneinfo_free_pages(const struct zones *zs)
{
	int64_t sum = 0;

	for (size_t i = 0; i < zs->n; i++) {
		assert_true(known(&zs->z[i], ZONE_FREE));
		sum += zs->z[i].free_pages;
	}
	return sum;
}

/* ---- buddyinfo -------------------------------------------------------- */

static void test_buddyinfo_jc(void **state)
{
	struct zones zs = { 0 };

	(void)state;
	parse_fixture(parse_buddyinfo, "jc-ubuntu-5.8-vm/proc/buddyinfo", &zs);
	assert_int_equal(zs.n, 3);
	assert_string_equal(zs.z[0].zone, "DMA");
	assert_string_equal(zs.z[1].zone, "DMA32");
	assert_string_equal(zs.z[2].zone, "Normal");
	for (size_t i = 0; i < zs.n; i++) {
		assert_int_equal(zs.z[i].node, 0);
		assert_true(known(&zs.z[i], ZONE_FREE_BLOCKS));
		/* buddyinfo says nothing of watermarks */
		assert_false(known(&zs.z[i], ZONE_MIN));
		assert_false(known(&zs.z[i], ZONE_FREE));
	}
	/* jc-ubuntu-5.8-vm/proc/buddyinfo line 2 */
	ASSERT_BLOCKS(zs.z[1].free_blocks, zs.z[1].norders,
	              78, 114, 82, 52, 38, 25, 13, 9, 3, 4, 629);
	/* fixtures README consistency table: buddyinfo 660254 pages */
	assert_int_equal(buddy_free_pages(&zs), 660254);
	zones_free(&zs);
}

static void test_buddyinfo_two_nodes(void **state)
{
	struct zones zs = { 0 };
	const struct zone *z;

	(void)state;
	parse_fixture(parse_buddyinfo, "insights-core-tests/proc/buddyinfo",
	              &zs);
	assert_int_equal(zs.n, 4);
	assert_int_equal(zs.z[2].node, 0);
	assert_int_equal(zs.z[3].node, 1);
	z = find_zone(&zs, 1, "Normal");
	assert_ptr_equal(z, &zs.z[3]);
	/* insights-core-tests/proc/buddyinfo line 4 */
	ASSERT_BLOCKS(z->free_blocks, z->norders,
	              1, 7, 1783, 2063, 1773, 3227, 2299, 1399, 729, 430, 6723);
	z = find_zone(&zs, 0, "Normal");
	/* line 3 */
	ASSERT_BLOCKS(z->free_blocks, z->norders, 460, 485, 375, 1611, 3201,
	              2187, 1437, 844, 487, 247, 6120);
	/* awk '{for(i=5;i<=NF;i++) s+=$i*2^(i-5)} END{print s}' */
	assert_int_equal(buddy_free_pages(&zs), 15224657);
	zones_free(&zs);
}

static void test_buddyinfo_trailing_space(void **state)
{
	struct zones zs = { 0 };
	const struct zone *z;

	(void)state;
	/* every line of this file ends with "0 \n" */
	parse_fixture(parse_buddyinfo,
	              "prometheus-node_exporter/proc/buddyinfo", &zs);
	assert_int_equal(zs.n, 3);
	z = find_zone(&zs, 0, "Normal");
	/* prometheus-node_exporter/proc/buddyinfo line 3 */
	ASSERT_BLOCKS(z->free_blocks, z->norders,
	              4381, 1093, 185, 1530, 567, 102, 4, 0, 0, 0, 0);
	z = find_zone(&zs, 0, "DMA");
	ASSERT_BLOCKS(z->free_blocks, z->norders, 1, 0, 1, 0, 2, 1, 1, 0, 1, 1,
	              3);
	zones_free(&zs);
}

static void test_buddyinfo_other_order_counts(void **state)
{
	/* Order counts differ between configurations: count the columns. */
	const char *text = "Node 0, zone   Normal    5    4    3    2 \n"
	                   "Node 1, zone   Normal    1    2    3    4    5    6"
	                   "    7    8    9   10   11   12   13   14\n";
	struct zones zs = { 0 };

	(void)state;
	assert_int_equal(parse_buddyinfo(text, &zs.z, &zs.n), 0);
	assert_int_equal(zs.n, 2);
	assert_int_equal(zs.z[0].norders, 4);
	assert_int_equal(zs.z[1].norders, 14);
	assert_int_equal(zs.z[1].free_blocks[13], 14);
	zones_free(&zs);
}

static void test_buddyinfo_overflow_is_unknown(void **state)
{
	const char *text =
		"Node 0, zone      DMA      1 99999999999999999999      3\n"
		"Node 0, zone   Normal      1      2      3\n";
	struct zones zs = { 0 };

	(void)state;
	assert_int_equal(parse_buddyinfo(text, &zs.z, &zs.n), 0);
	assert_int_equal(zs.n, 2);
	/* the zone exists, its free blocks are unknown, never a made-up 0 */
	assert_string_equal(zs.z[0].zone, "DMA");
	assert_false(known(&zs.z[0], ZONE_FREE_BLOCKS));
	assert_null(zs.z[0].free_blocks);
	assert_true(known(&zs.z[1], ZONE_FREE_BLOCKS));
	zones_free(&zs);
}

/* ---- zoneinfo --------------------------------------------------------- */

static void test_zoneinfo_jc(void **state)
{
	struct zones zs = { 0 };
	const struct zone *z;
	int64_t value;

	(void)state;
	parse_fixture(parse_zoneinfo, "jc-ubuntu-5.8-vm/proc/zoneinfo", &zs);
	/* DMA, DMA32, Normal, and the empty Movable and Device */
	assert_int_equal(zs.n, 5);
	assert_string_equal(zs.z[3].zone, "Movable");
	assert_string_equal(zs.z[4].zone, "Device");

	z = find_zone(&zs, 0, "DMA");
	/* jc-ubuntu-5.8-vm/proc/zoneinfo lines 36-43 */
	assert_int_equal(z->free_pages, 3832);
	assert_int_equal(z->min_pages, 68);
	assert_int_equal(z->low_pages, 85);
	assert_int_equal(z->high_pages, 102);
	assert_int_equal(z->spanned_pages, 4095);
	assert_int_equal(z->present_pages, 3997);
	assert_int_equal(z->managed_pages, 3976);
	ASSERT_BLOCKS(z->protection_pages, z->nprotection, 0, 2871, 3795, 3795,
	              3795);
	/* 5.8 prints neither boost nor cma: unknown, not 0 */
	assert_false(known(z, ZONE_BOOST));
	assert_false(known(z, ZONE_CMA));
	/* line 44, a zone counter; line 4 (per-node stats) is not one */
	assert_true(kvlist_get(&z->stats, "nr_free_pages", &value));
	assert_int_equal(value, 3832);
	assert_false(kvlist_get(&z->stats, "nr_active_anon", &value));
	assert_false(kvlist_get(&z->stats, "count", &value));

	z = find_zone(&zs, 0, "DMA32");
	/* lines 78-83 */
	assert_int_equal(z->min_pages, 12729);
	assert_int_equal(z->low_pages, 15911);
	assert_int_equal(z->high_pages, 19093);
	assert_int_equal(z->present_pages, 782288);
	assert_int_equal(z->managed_pages, 758708);
	/* lines 85-103: 19 counters (nr_* and the zone's numa_*) */
	assert_int_equal(z->stats.count, 19);
	assert_true(kvlist_get(&z->stats, "nr_zone_active_anon", &value));
	assert_int_equal(value, 17380);

	z = find_zone(&zs, 0, "Normal");
	assert_int_equal(z->managed_pages, 236634); /* line 124 */
	assert_int_equal(z->present_pages, 262144); /* line 123 */

	/* fixtures README consistency table: zoneinfo 614955 */
	assert_int_equal(zoneinfo_free_pages(&zs), 614955);
	zones_free(&zs);
}

static void test_zoneinfo_empty_zone(void **state)
{
	struct zones zs = { 0 };
	const struct zone *z;

	(void)state;
	parse_fixture(parse_zoneinfo, "pcp-meminfo-root-007/proc/zoneinfo",
	              &zs);
	/* pcp-meminfo-root-007/proc/zoneinfo lines 251-260: Movable prints
	 * only its sizes and protection, so it has no counters */
	z = find_zone(&zs, 0, "Movable");
	assert_true(known(z, ZONE_FREE));
	assert_true(known(z, ZONE_MANAGED));
	assert_true(known(z, ZONE_CMA));
	assert_true(known(z, ZONE_PROTECTION));
	assert_int_equal(z->managed_pages, 0);
	assert_false(known(z, ZONE_STATS));
	assert_int_equal(z->stats.count, 0);
	zones_free(&zs);
}

static void test_zoneinfo_two_nodes_five_zones(void **state)
{
	static const char *names[] = { "DMA", "DMA32", "Normal", "Movable",
		                       "Device" };
	struct zones zs = { 0 };
	const struct zone *z;
	int64_t value;

	(void)state;
	parse_fixture(parse_zoneinfo, "pcp-meminfo-root-007/proc/zoneinfo",
	              &zs);
	assert_int_equal(zs.n, 10);
	for (size_t i = 0; i < zs.n; i++) {
		assert_int_equal(zs.z[i].node, (int64_t)(i / 5));
		assert_string_equal(zs.z[i].zone, names[i % 5]);
	}
	z = find_zone(&zs, 1, "Normal");
	/* pcp-meminfo-root-007/proc/zoneinfo lines 332-340 */
	assert_int_equal(z->free_pages, 762548);
	assert_int_equal(z->min_pages, 11328);
	assert_int_equal(z->low_pages, 14160);
	assert_int_equal(z->high_pages, 16992);
	assert_int_equal(z->managed_pages, 1020184);
	assert_true(known(z, ZONE_CMA));
	assert_int_equal(z->cma_pages, 0);
	/* lines 341-357: 11 nr_* and 6 numa_* counters */
	assert_int_equal(z->stats.count, 17);
	assert_true(kvlist_get(&z->stats, "numa_miss", &value));
	assert_int_equal(value, 489923);
	/* node 1's per-node stats (lines 293-331) stay out of the zone */
	assert_false(kvlist_get(&z->stats, "nr_inactive_anon", &value));
	assert_false(kvlist_get(&z->stats, "nr_page_table_pages", &value));
	/* README consistency table: 1052928 */
	assert_int_equal(zoneinfo_free_pages(&zs), 1052928);
	zones_free(&zs);
}

static void test_zoneinfo_128g_two_nodes(void **state)
{
	struct zones zs = { 0 };
	const struct zone *z;
	int64_t value;

	(void)state;
	parse_fixture(parse_zoneinfo, "pcp-meminfo-root-002/proc/zoneinfo",
	              &zs);
	assert_int_equal(zs.n, 4);
	/* the README's consistency table: zoneinfo "pages free" = 21821632,
	 * equal to vmstat nr_free_pages of the same snapshot */
	assert_int_equal(zoneinfo_free_pages(&zs), 21821632);

	z = find_zone(&zs, 1, "Normal");
	/* pcp-meminfo-root-002/proc/zoneinfo lines 638-645 */
	assert_int_equal(z->free_pages, 11093906);
	assert_int_equal(z->min_pages, 11288);
	assert_int_equal(z->low_pages, 14110);
	assert_int_equal(z->high_pages, 16932);
	assert_int_equal(z->present_pages, 16777216);
	assert_int_equal(z->managed_pages, 16514387);

	z = find_zone(&zs, 0, "DMA");
	/* old layout: counters sit between "managed" and "protection" (lines
	 * 10-47), protection comes last (line 48) */
	assert_int_equal(z->stats.count, 38);
	assert_true(kvlist_get(&z->stats, "nr_free_pages", &value));
	assert_int_equal(value, 3830);
	assert_true(kvlist_get(&z->stats, "nr_alloc_batch", &value));
	ASSERT_BLOCKS(z->protection_pages, z->nprotection, 0, 1754, 64216,
	              64216);
	/* "scanned  0" (line 6) is not a counter */
	assert_false(kvlist_get(&z->stats, "scanned", &value));
	zones_free(&zs);
}

static void test_zoneinfo_old_kernel(void **state)
{
	struct zones zs = { 0 };
	const struct zone *z;
	int64_t value;

	(void)state;
	/* pcp-meminfo-root-001: no per-node stats, "scanned", and after the
	 * pagesets "all_unreclaimable:", "inactive_ratio:" */
	parse_fixture(parse_zoneinfo, "pcp-meminfo-root-001/proc/zoneinfo",
	              &zs);
	assert_int_equal(zs.n, 3);
	z = find_zone(&zs, 0, "Normal");
	/* pcp-meminfo-root-001/proc/zoneinfo lines 188-195, 235 */
	assert_int_equal(z->free_pages, 1087382);
	assert_int_equal(z->min_pages, 3580);
	assert_int_equal(z->low_pages, 4475);
	assert_int_equal(z->high_pages, 5370);
	assert_int_equal(z->spanned_pages, 3663360);
	assert_int_equal(z->managed_pages, 3594586);
	ASSERT_BLOCKS(z->protection_pages, z->nprotection, 0, 0, 0, 0);
	assert_false(known(z, ZONE_BOOST));
	/* lines 196-234 */
	assert_int_equal(z->stats.count, 39);
	assert_false(kvlist_get(&z->stats, "inactive_ratio", &value));
	assert_false(kvlist_get(&z->stats, "all_unreclaimable", &value));
	zones_free(&zs);
}

/* The README's table: Σ "pages free" of each zoneinfo. */
static void test_zoneinfo_consistency_table(void **state)
{
	static const struct {
		const char *path;
		int64_t free_pages;
	} table[] = {
		{ "pcp-meminfo-root-001/proc/zoneinfo", 1162560 },
		{ "pcp-meminfo-root-002/proc/zoneinfo", 21821632 },
		{ "pcp-meminfo-root-004/proc/zoneinfo", 816109 },
		{ "pcp-meminfo-root-005/proc/zoneinfo", 624193 },
		{ "pcp-meminfo-root-006/proc/zoneinfo", 631224 },
		{ "pcp-meminfo-root-007/proc/zoneinfo", 1052928 },
		{ "jc-ubuntu-5.8-vm/proc/zoneinfo", 614955 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
		struct zones zs = { 0 };

		parse_fixture(parse_zoneinfo, table[i].path, &zs);
		assert_int_equal(zoneinfo_free_pages(&zs), table[i].free_pages);
		for (size_t j = 0; j < zs.n; j++) {
			const struct zone *z = &zs.z[j];

			assert_true(known(z, ZONE_MIN) && known(z, ZONE_LOW));
			assert_true(known(z, ZONE_HIGH));
			assert_true(known(z, ZONE_MANAGED));
			assert_true(known(z, ZONE_PROTECTION));
			assert_true(z->min_pages <= z->low_pages &&
			            z->low_pages <= z->high_pages);
			assert_true(z->managed_pages <= z->present_pages &&
			            z->present_pages <= z->spanned_pages);
		}
		zones_free(&zs);
	}
}

static void test_zoneinfo_no_final_newline(void **state)
{
	struct zones zs = { 0 };
	const struct zone *z;

	(void)state;
	/* the file ends in "protection: (0, 0, 0, 0, 0)" without "\n" */
	parse_fixture(parse_zoneinfo, "prometheus-node_exporter/proc/zoneinfo",
	              &zs);
	assert_int_equal(zs.n, 5);
	z = &zs.z[4];
	assert_string_equal(z->zone, "Device");
	assert_true(known(z, ZONE_PROTECTION));
	assert_int_equal(z->nprotection, 5);
	/* awk '$1=="pages" && $2=="free" {s+=$3} END {print s}' */
	assert_int_equal(zoneinfo_free_pages(&zs), 5071115);
	zones_free(&zs);
}

static void test_zoneinfo_boost_and_overflow(void **state)
{
	/* The 6.18 layout (boost, promo, cma), a value too big for int64
	 * and a garbled protection list. */
	const char *text = "Node 0, zone   Normal\n"
	                   "  pages free     25502\n"
	                   "        boost    128\n"
	                   "        min      99999999999999999999\n"
	                   "        low      7000\n"
	                   "        high     8000\n"
	                   "        promo    9000\n"
	                   "        cma      0\n"
	                   "        protection: (0, 0, x, 0)\n"
	                   "      nr_free_pages 25502\n"
	                   "      nr_huge 123456789012345678901234567890\n";
	struct zones zs = { 0 };
	const struct zone *z;
	int64_t value;

	(void)state;
	assert_int_equal(parse_zoneinfo(text, &zs.z, &zs.n), 0);
	assert_int_equal(zs.n, 1);
	z = &zs.z[0];
	assert_true(known(z, ZONE_BOOST));
	assert_int_equal(z->boost_pages, 128);
	assert_false(known(z, ZONE_MIN));
	assert_true(known(z, ZONE_LOW));
	assert_false(known(z, ZONE_PROTECTION));
	assert_false(kvlist_get(&z->stats, "promo", &value));
	assert_false(kvlist_get(&z->stats, "nr_huge", &value));
	assert_int_equal(z->stats.count, 1);
	zones_free(&zs);
}

static void test_zoneinfo_reparse_replaces(void **state)
{
	const char *twice = "Node 0, zone   Normal\n"
	                    "  pages free     100\n"
	                    "        min      1\n"
	                    "      nr_free_pages 100\n"
	                    "Node 0, zone   Normal\n"
	                    "  pages free     200\n"
	                    "      nr_free_pages 200\n";
	struct zones zs = { 0 };
	int64_t value;

	(void)state;
	/* the same file twice into one list: no duplicate zones or counters */
	parse_fixture(parse_zoneinfo, "jc-ubuntu-5.8-vm/proc/zoneinfo", &zs);
	parse_fixture(parse_zoneinfo, "jc-ubuntu-5.8-vm/proc/zoneinfo", &zs);
	assert_int_equal(zs.n, 5);
	assert_int_equal(zs.z[1].stats.count, 19);
	zones_free(&zs);

	/* a zone printed twice: the last block wins, nothing of the first
	 * is kept */
	assert_int_equal(parse_zoneinfo(twice, &zs.z, &zs.n), 0);
	assert_int_equal(zs.n, 1);
	assert_int_equal(zs.z[0].free_pages, 200);
	assert_false(known(&zs.z[0], ZONE_MIN));
	assert_int_equal(zs.z[0].stats.count, 1);
	assert_true(kvlist_get(&zs.z[0].stats, "nr_free_pages", &value));
	assert_int_equal(value, 200);
	zones_free(&zs);
}

/* ---- pagetypeinfo ----------------------------------------------------- */

static void test_pagetypeinfo_jc(void **state)
{
	static const char *types[] = { "Unmovable", "Movable", "Reclaimable",
		                       "HighAtomic", "Isolate" };
	struct zones zs = { 0 };
	const struct zone *z;
	const struct zone_migratetype *mt;

	(void)state;
	parse_fixture(parse_pagetypeinfo, "jc-ubuntu-5.8-vm/proc/pagetypeinfo",
	              &zs);
	assert_int_equal(zs.n, 3);
	for (size_t i = 0; i < zs.n; i++) {
		assert_true(known(&zs.z[i], ZONE_MIGRATETYPES));
		assert_int_equal(zs.z[i].nmigratetypes, 5);
		for (size_t t = 0; t < 5; t++) {
			mt = &zs.z[i].migratetypes[t];
			assert_string_equal(mt->type, types[t]);
			assert_int_equal(mt->known, KNOWN(0) | KNOWN(1));
			assert_int_equal(mt->norders, 11);
		}
		/* pagetypeinfo alone says nothing of buddyinfo's part */
		assert_false(known(&zs.z[i], ZONE_FREE_BLOCKS));
	}
	z = find_zone(&zs, 0, "DMA32");
	/* jc-ubuntu-5.8-vm/proc/pagetypeinfo line 11 */
	mt = find_type(z, "Movable");
	ASSERT_BLOCKS(mt->free_blocks, mt->norders,
	              20, 52, 78, 47, 32, 23, 11, 9, 2, 2, 629);
	/* line 23: DMA32 8 1472 48 0 0 */
	assert_int_equal(mt->pageblocks, 1472);
	assert_int_equal(find_type(z, "Reclaimable")->pageblocks, 48);
	z = find_zone(&zs, 0, "Normal");
	/* line 15 and line 24 */
	mt = find_type(z, "Unmovable");
	ASSERT_BLOCKS(mt->free_blocks, mt->norders, 0, 22, 7, 9, 0, 0, 0, 0, 0,
	              0, 0);
	assert_int_equal(mt->pageblocks, 120);
	zones_free(&zs);
}

static void test_pagetypeinfo_capped_and_mixed(void **state)
{
	/* ">" marks a count the kernel stopped at 100,000; the PAGE_OWNER
	 * table "Number of mixed blocks" must not overwrite the block counts */
	const char *text =
		"Page block order: 9\n"
		"Pages per block:  512\n"
		"\n"
		"Free pages count per migrate type at order       0      1 \n"
		"Node    0, zone   Normal, type    Unmovable      5      6 \n"
		"Node    0, zone   Normal, type      Movable >100000      7 \n"
		"\n"
		"Number of blocks type     Unmovable      Movable \n"
		"Node 0, zone   Normal           10           20 \n"
		"\n"
		"Number of mixed blocks    Unmovable      Movable \n"
		"Node 0, zone   Normal            1            2 \n";
	struct zones zs = { 0 };
	const struct zone_migratetype *mt;

	(void)state;
	assert_int_equal(parse_pagetypeinfo(text, &zs.z, &zs.n), 0);
	assert_int_equal(zs.n, 1);
	mt = find_type(&zs.z[0], "Unmovable");
	ASSERT_BLOCKS(mt->free_blocks, mt->norders, 5, 6);
	assert_int_equal(mt->pageblocks, 10);
	mt = find_type(&zs.z[0], "Movable");
	assert_int_equal(mt->known, KNOWN(1));
	assert_null(mt->free_blocks);
	assert_int_equal(mt->pageblocks, 20);
	zones_free(&zs);
}

/* ---- merging ---------------------------------------------------------- */

static void assert_zone_equal(const struct zone *a, const struct zone *b)
{
	assert_int_equal(a->known, b->known);
	assert_int_equal(a->node, b->node);
	assert_string_equal(a->zone, b->zone);
	assert_blocks(a->free_blocks, a->norders, b->free_blocks, b->norders);
	assert_int_equal(a->free_pages, b->free_pages);
	assert_int_equal(a->boost_pages, b->boost_pages);
	assert_int_equal(a->min_pages, b->min_pages);
	assert_int_equal(a->low_pages, b->low_pages);
	assert_int_equal(a->high_pages, b->high_pages);
	assert_int_equal(a->spanned_pages, b->spanned_pages);
	assert_int_equal(a->present_pages, b->present_pages);
	assert_int_equal(a->managed_pages, b->managed_pages);
	assert_int_equal(a->cma_pages, b->cma_pages);
	assert_blocks(a->protection_pages, a->nprotection, b->protection_pages,
	              b->nprotection);
	assert_int_equal(a->stats.count, b->stats.count);
	for (size_t i = 0; i < a->stats.count; i++) {
		const struct kv *x = &a->stats.items[i];
		const struct kv *y = &b->stats.items[i];

		assert_string_equal(x->name, y->name);
		assert_int_equal(x->value, y->value);
	}
	assert_int_equal(a->nmigratetypes, b->nmigratetypes);
	for (size_t i = 0; i < a->nmigratetypes; i++) {
		const struct zone_migratetype *x = &a->migratetypes[i];
		const struct zone_migratetype *y = &b->migratetypes[i];

		assert_int_equal(x->known, y->known);
		assert_string_equal(x->type, y->type);
		assert_blocks(x->free_blocks, x->norders, y->free_blocks,
		              y->norders);
		assert_int_equal(x->pageblocks, y->pageblocks);
	}
}

static void parse_in_order(const char *const paths[3],
                           const zone_parser parsers[3], const int order[3],
                           struct zones *zs)
{
	for (int i = 0; i < 3; i++)
		parse_fixture(parsers[order[i]], paths[order[i]], zs);
}

static void test_merge_any_order(void **state)
{
	static const int orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	static const char *const paths[3] = {
		"jc-ubuntu-5.8-vm/proc/zoneinfo",
		"jc-ubuntu-5.8-vm/proc/buddyinfo",
		"jc-ubuntu-5.8-vm/proc/pagetypeinfo",
	};
	static const zone_parser parsers[3] = { parse_zoneinfo, parse_buddyinfo,
		                                parse_pagetypeinfo };
	struct zones first = { 0 };

	(void)state;
	parse_in_order(paths, parsers, orders[0], &first);
	/* zoneinfo's five zones in its order, with all three parts */
	assert_int_equal(first.n, 5);
	assert_true(known(&first.z[2], ZONE_FREE_BLOCKS) &&
	            known(&first.z[2], ZONE_MIN) &&
	            known(&first.z[2], ZONE_MIGRATETYPES));
	assert_false(known(&first.z[3], ZONE_FREE_BLOCKS));
	for (size_t k = 1; k < 6; k++) {
		struct zones other = { 0 };

		parse_in_order(paths, parsers, orders[k], &other);
		assert_int_equal(other.n, first.n);
		for (size_t i = 0; i < first.n; i++)
			assert_zone_equal(&first.z[i], &other.z[i]);
		zones_free(&other);
	}
	zones_free(&first);
}

static void test_merge_inserts_in_kernel_order(void **state)
{
	/* Two files of different machines (a composite, fine for the order):
	 * buddyinfo lists node 0 DMA/DMA32/Normal and node 1 Normal; zoneinfo
	 * adds the empty zones, some of which belong between those. */
	static const char *want[][2] = {
		{ "0", "DMA" }, { "0", "DMA32" }, { "0", "Normal" },
		{ "0", "Movable" }, { "0", "Device" }, { "1", "DMA" },
		{ "1", "DMA32" }, { "1", "Normal" }, { "1", "Movable" },
		{ "1", "Device" },
	};
	struct zones a = { 0 }, b = { 0 };

	(void)state;
	static const char buddy[] = "insights-core-tests/proc/buddyinfo";
	static const char zoneinfo[] = "pcp-meminfo-root-007/proc/zoneinfo";

	parse_fixture(parse_buddyinfo, buddy, &a);
	parse_fixture(parse_zoneinfo, zoneinfo, &a);
	parse_fixture(parse_zoneinfo, zoneinfo, &b);
	parse_fixture(parse_buddyinfo, buddy, &b);
	assert_int_equal(a.n, ARRAY_SIZE(want));
	assert_int_equal(b.n, ARRAY_SIZE(want));
	for (size_t i = 0; i < a.n; i++) {
		assert_int_equal(a.z[i].node, atoi(want[i][0]));
		assert_string_equal(a.z[i].zone, want[i][1]);
		assert_zone_equal(&a.z[i], &b.z[i]);
	}
	/* insights-core-tests/proc/buddyinfo line 4 went to node 1 Normal */
	assert_int_equal(a.z[7].free_blocks[10], 6723);
	zones_free(&a);
	zones_free(&b);
}

/* ---- this machine ----------------------------------------------------- */

static char *live_text(const char *path)
{
	char *text = NULL;
	size_t len;

	if (read_text_file("/", path, 0, &text, &len) < 0)
		return NULL;
	return text;
}

static void test_live(void **state)
{
	char *buddy = live_text("/proc/buddyinfo");
	char *zoneinfo = live_text("/proc/zoneinfo");
	struct zones from_buddy = { 0 }, from_zoneinfo = { 0 };

	(void)state;
	if (!buddy || !zoneinfo) {
		free(buddy);
		free(zoneinfo);
		skip();
	}
	assert_int_equal(parse_buddyinfo(buddy, &from_buddy.z, &from_buddy.n),
	                 0);
	assert_int_equal(parse_zoneinfo(zoneinfo, &from_zoneinfo.z,
	                                &from_zoneinfo.n), 0);
	assert_true(from_buddy.n > 0);
	for (size_t i = 0; i < from_buddy.n; i++) {
		const struct zone *b = &from_buddy.z[i];
		const struct zone *z =
			find_zone(&from_zoneinfo, b->node, b->zone);

		assert_true(known(b, ZONE_FREE_BLOCKS));
		assert_true(b->norders > 0);
		/* buddyinfo lists populated zones only */
		assert_true(z->managed_pages > 0);
	}
	for (size_t i = 0; i < from_zoneinfo.n; i++) {
		const struct zone *z = &from_zoneinfo.z[i];

		assert_true(known(z, ZONE_MIN) && known(z, ZONE_LOW) &&
		            known(z, ZONE_HIGH) && known(z, ZONE_FREE));
		assert_true(0 <= z->min_pages);
		assert_true(z->min_pages <= z->low_pages);
		assert_true(z->low_pages <= z->high_pages);
	}
	free(buddy);
	free(zoneinfo);
	zones_free(&from_buddy);
	zones_free(&from_zoneinfo);
}

static void test_live_pagetypeinfo(void **state)
{
	char *text = live_text("/proc/pagetypeinfo");
	char *buddy = live_text("/proc/buddyinfo");
	struct zones zs = { 0 };
	size_t nbuddy;

	(void)state;
	if (!text || !buddy) { /* 0400: root only */
		free(text);
		free(buddy);
		skip();
	}
	assert_int_equal(parse_buddyinfo(buddy, &zs.z, &zs.n), 0);
	nbuddy = zs.n;
	assert_int_equal(parse_pagetypeinfo(text, &zs.z, &zs.n), 0);
	/* both list the populated zones: nothing new */
	assert_int_equal(zs.n, nbuddy);
	for (size_t i = 0; i < zs.n; i++) {
		const struct zone *z = &zs.z[i];

		assert_true(known(z, ZONE_MIGRATETYPES));
		find_type(z, "Movable");
		find_type(z, "Unmovable");
		for (size_t t = 0; t < z->nmigratetypes; t++)
			if (z->migratetypes[t].known & KNOWN(0))
				assert_int_equal(z->migratetypes[t].norders,
				                 z->norders);
	}
	free(text);
	free(buddy);
	zones_free(&zs);
}

/* ---- garbage ---------------------------------------------------------- */

static const zone_parser all_parsers[] = { parse_buddyinfo, parse_zoneinfo,
	                                   parse_pagetypeinfo };

static void check_invariants(const struct zones *zs)
{
	for (size_t i = 0; i < zs->n; i++) {
		const struct zone *z = &zs->z[i];

		assert_non_null(z->zone);
		assert_true(z->node >= 0);
		assert_true((z->free_blocks != NULL) == (z->norders > 0));
		if (known(z, ZONE_FREE_BLOCKS))
			assert_true(z->norders > 0);
		for (size_t t = 0; t < z->nmigratetypes; t++)
			assert_non_null(z->migratetypes[t].type);
	}
}

static void test_garbage_rejected(void **state)
{
	static const char *inputs[] = {
		"", "\n", "\n\n\n", "Node", "Node ", "Node 0", "Node 0,",
		"Node 0, zone", "Node 0, zone ", "Node -1, zone DMA 1 2 3",
		"Node 0 zone DMA 1 2", "Node 99999999999999999999, zone DMA 1",
		"Node 0, zone DMA\x01\x02 1 2", "random words\nmore words\n",
		"Node 0, zone DMA 1 2 x3\n",
		"Node 0, zone AVeryLongZoneNameThatNoKernelWouldEverPrint 1\n",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(inputs); i++) {
		for (size_t p = 0; p < ARRAY_SIZE(all_parsers); p++) {
			struct zones zs = { 0 };

			int rc = all_parsers[p](inputs[i], &zs.z, &zs.n);

			assert_int_equal(rc, -EINVAL);
			assert_int_equal(zs.n, 0);
			assert_null(zs.z);
		}
	}
}

/* Every prefix of the real files: truncated reads must not crash. */
static void test_truncated_files(void **state)
{
	/* in the order of all_parsers */
	static const char *paths[] = {
		"jc-ubuntu-5.8-vm/proc/buddyinfo",
		"jc-ubuntu-5.8-vm/proc/zoneinfo",
		"jc-ubuntu-5.8-vm/proc/pagetypeinfo",
	};

	(void)state;
	for (size_t f = 0; f < ARRAY_SIZE(paths); f++) {
		char *text = fixture_text(paths[f]);
		size_t len = strlen(text);
		struct zones full = { 0 };

		assert_int_equal(all_parsers[f](text, &full.z, &full.n), 0);
		for (size_t cut = 0; cut <= len; cut++) {
			char *prefix = xstrndup(text, cut);
			struct zones zs = { 0 };
			int rc = all_parsers[f](prefix, &zs.z, &zs.n);

			assert_true(rc == 0 || rc == -EINVAL);
			assert_true(zs.n <= full.n);
			check_invariants(&zs);
			zones_free(&zs);
			free(prefix);
		}
		zones_free(&full);
		free(text);
	}
}

/* A small deterministic generator (xorshift) for the fuzz-like inputs. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void test_random_pieces(void **state)
{
	static const char *pieces[] = {
		"Node ", "0", "1", "7", ", zone ", "DMA", "Normal", ", type ",
		"Movable", " ", "  ", "\n", "123", "99999999999999999999", ">",
		"pages free ", "min ", "boost ", "protection: (", ", ", ")",
		"per-node stats\n", "pagesets\n", "nr_free_pages ", "\t",
		"Free pages count per migrate type at order 0 1\n",
		"Number of blocks type Unmovable Movable\n",
		"Number of mixed blocks Movable\n", ",", "(", "\xff", "-",
	};
	uint64_t seed = UINT64_C(0x9e3779b97f4a7c15);
	struct zones all = { 0 };

	(void)state;
	for (int round = 0; round < 600; round++) {
		char text[2048];
		size_t len = 0;

		for (;;) {
			size_t pick = next_random(&seed) % ARRAY_SIZE(pieces);
			const char *p = pieces[pick];
			size_t n = strlen(p);

			if (len + n >= sizeof(text))
				break;
			memcpy(text + len, p, n);
			len += n;
		}
		text[len] = '\0';
		for (size_t p = 0; p < ARRAY_SIZE(all_parsers); p++) {
			struct zones zs = { 0 };
			int rc = all_parsers[p](text, &zs.z, &zs.n);

			assert_true(rc == 0 || rc == -EINVAL);
			check_invariants(&zs);
			zones_free(&zs);
			/* and merged into one growing list */
			rc = all_parsers[p](text, &all.z, &all.n);
			assert_true(rc == 0 || rc == -EINVAL);
		}
	}
	check_invariants(&all);
	zones_free(&all);
}

/*
 * Size and time bounds.  200,000 lines of distinct zones: the zone count
 * stays bounded.  Then 4,000 nodes' Normal zones read 50 times over, and a
 * file that puts a DMA zone before each of them, so that 4,000 zones are
 * inserted in the middle of the list.  Takes milliseconds; a linear lookup
 * or an insertion by memmove would take seconds (about 10^9 steps).
 */
struct text_buf {
	char *text;
	size_t len;
	size_t cap;
};

static void appendf(struct text_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void appendf(struct text_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	xgrow((void **)&b->text, &b->cap, b->len + 64, 1);
	va_start(ap, fmt);
	n = vsnprintf(b->text + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < b->cap - b->len);
	b->len += (size_t)n;
}

static void test_many_zones_linear(void **state)
{
	size_t nodes = 4000;
	struct text_buf distinct = { 0 }, repeated = { 0 }, with_dma = { 0 };
	struct zones zs = { 0 };

	(void)state;
	for (size_t i = 0; i < 200000; i++)
		appendf(&distinct, "Node %zu, zone Normal 1 2\n", i);
	for (size_t i = 0; i < 50 * nodes; i++)
		appendf(&repeated, "Node %zu, zone Normal 1\n", i % nodes);
	for (size_t i = 0; i < nodes; i++)
		appendf(&with_dma,
		        "Node %zu, zone DMA 1\nNode %zu, zone Normal 1 2 3\n",
		        i, i);

	assert_int_equal(parse_buddyinfo(distinct.text, &zs.z, &zs.n), 0);
	assert_true(zs.n >= 1024 && zs.n < 200000);
	assert_int_equal(zs.z[1000].node, 1000);
	check_invariants(&zs);
	zones_free(&zs);

	assert_int_equal(parse_buddyinfo(repeated.text, &zs.z, &zs.n), 0);
	assert_int_equal(zs.n, nodes);
	assert_int_equal(parse_buddyinfo(with_dma.text, &zs.z, &zs.n), 0);
	assert_int_equal(zs.n, 2 * nodes);
	for (size_t i = 0; i < zs.n; i++) {
		assert_int_equal(zs.z[i].node, (int64_t)(i / 2));
		assert_string_equal(zs.z[i].zone, i % 2 ? "Normal" : "DMA");
	}
	assert_int_equal(zs.z[1].norders, 3);
	free(distinct.text);
	free(repeated.text);
	free(with_dma.text);
	zones_free(&zs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buddyinfo_jc),
		cmocka_unit_test(test_buddyinfo_two_nodes),
		cmocka_unit_test(test_buddyinfo_trailing_space),
		cmocka_unit_test(test_buddyinfo_other_order_counts),
		cmocka_unit_test(test_buddyinfo_overflow_is_unknown),
		cmocka_unit_test(test_zoneinfo_jc),
		cmocka_unit_test(test_zoneinfo_empty_zone),
		cmocka_unit_test(test_zoneinfo_two_nodes_five_zones),
		cmocka_unit_test(test_zoneinfo_128g_two_nodes),
		cmocka_unit_test(test_zoneinfo_old_kernel),
		cmocka_unit_test(test_zoneinfo_consistency_table),
		cmocka_unit_test(test_zoneinfo_no_final_newline),
		cmocka_unit_test(test_zoneinfo_boost_and_overflow),
		cmocka_unit_test(test_zoneinfo_reparse_replaces),
		cmocka_unit_test(test_pagetypeinfo_jc),
		cmocka_unit_test(test_pagetypeinfo_capped_and_mixed),
		cmocka_unit_test(test_merge_any_order),
		cmocka_unit_test(test_merge_inserts_in_kernel_order),
		cmocka_unit_test(test_live),
		cmocka_unit_test(test_live_pagetypeinfo),
		cmocka_unit_test(test_garbage_rejected),
		cmocka_unit_test(test_truncated_files),
		cmocka_unit_test(test_random_pieces),
		cmocka_unit_test(test_many_zones_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
