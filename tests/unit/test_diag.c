/*
 * test_diag.c - the diagnostic rules (diag.h) on snapshots built by hand:
 * each rule triggered (with its severity and the numbers of its evidence)
 * and not triggered, with and without a previous snapshot, and the
 * registry (ids, man page sections, sorting, the worst severity).
 *
 * Expected numbers are worked out in the comments from the thresholds of
 * memlens-diagnostics(7) and the kernel's formulas (__fragmentation_index
 * of mm/vmstat.c, oom_badness of mm/oom_kill.c), never taken from the code
 * under test.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "snapshot.h"
#include "util.h"

#define INTERVAL 10.0 /* seconds between prev and cur */

/* ---- building snapshots ------------------------------------------------ */

static struct snapshot *snap(double time, int64_t mem_kb)
{
	struct snapshot *s = snapshot_new();

	s->time = 1700000000.0 + time;
	s->kernel = xstrdup("6.18.2");
	s->hostname = xstrdup("test");
	s->page_size = 4096;
	s->known |= KNOWN(SEC_MEMINFO) | KNOWN(SEC_VMSTAT) | KNOWN(SEC_SYSCTL);
	kvlist_add(&s->meminfo, "MemTotal", mem_kb);
	kvlist_add(&s->meminfo, "MemAvailable", mem_kb / 2);
	kvlist_add(&s->meminfo, "SwapTotal", 0);
	kvlist_add(&s->meminfo, "SwapFree", 0);
	skvlist_add(&s->sysctl, "swappiness", "60");
	skvlist_add(&s->sysctl, "overcommit_memory", "0");
	return s;
}

static void set_kv(struct kvlist *l, const char *name, int64_t v)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->items[i].name, name) == 0) {
			l->items[i].value = v;
			return;
		}
	kvlist_add(l, name, v);
}

static void set_sysctl(struct snapshot *s, const char *name, const char *v)
{
	for (size_t i = 0; i < s->sysctl.count; i++)
		if (strcmp(s->sysctl.items[i].name, name) == 0) {
			free(s->sysctl.items[i].value);
			s->sysctl.items[i].value = xstrdup(v);
			return;
		}
	skvlist_add(&s->sysctl, name, v);
}

static void set_psi(struct snapshot *s, double full10, double some10)
{
	s->known |= KNOWN(SEC_PSI);
	s->psi.known = 1;
	s->psi.full = (struct psi_line){ .known = 1, .avg10 = full10,
	                                 .avg60 = full10 / 2 };
	s->psi.some = (struct psi_line){ .known = 1, .avg10 = some10 };
}

static struct zone *add_zone(struct snapshot *s, const char *name,
                             const int64_t *blocks, size_t norders,
                             int64_t min, int64_t high)
{
	struct zone *z;
	int64_t free_pages = 0;

	s->known |= KNOWN(SEC_ZONES);
	s->zones = xrealloc(s->zones, (s->nzones + 1) * sizeof(*s->zones));
	z = &s->zones[s->nzones++];
	memset(z, 0, sizeof(*z));
	z->zone = xstrdup(name);
	z->free_blocks = xcalloc(norders, sizeof(int64_t));
	memcpy(z->free_blocks, blocks, norders * sizeof(int64_t));
	z->norders = norders;
	for (size_t o = 0; o < norders; o++)
		free_pages += blocks[o] << o;
	z->free_pages = free_pages;
	z->min_pages = min;
	z->low_pages = min * 5 / 4;
	z->high_pages = high;
	z->managed_pages = 6000000;
	z->known = KNOWN(ZONE_FREE_BLOCKS) | KNOWN(ZONE_FREE) | KNOWN(ZONE_MIN) |
	           KNOWN(ZONE_LOW) | KNOWN(ZONE_HIGH) | KNOWN(ZONE_MANAGED);
	return z;
}

/* ---- running and looking ----------------------------------------------- */

struct run {
	struct snapshot *prev, *cur;
	struct diag_report report;
};

static void diagnose(struct run *r)
{
	diag_run(r->prev, r->cur, &r->report);
}

static void done(struct run *r)
{
	diag_report_free(&r->report);
	snapshot_free(r->prev);
	snapshot_free(r->cur);
}

static const struct diag_finding *found(const struct run *r, const char *rule)
{
	for (size_t i = 0; i < r->report.count; i++)
		if (strcmp(r->report.findings[i].rule, rule) == 0)
			return &r->report.findings[i];
	return NULL;
}

static bool noted(const struct run *r, const char *rule)
{
	for (size_t i = 0; i < r->report.nnotes; i++)
		if (strcmp(r->report.notes[i].rule, rule) == 0)
			return true;
	return false;
}

/* Whether an evidence line of f holds text. */
static bool says(const struct diag_finding *f, const char *text)
{
	for (size_t i = 0; f && i < f->nevidence; i++)
		if (strstr(f->evidence[i], text))
			return true;
	if (f)
		for (size_t i = 0; i < f->nevidence; i++)
			print_message("# evidence: %s\n", f->evidence[i]);
	return false;
}

static void pair(struct run *r, int64_t mem_kb)
{
	memset(r, 0, sizeof(*r));
	r->prev = snap(0, mem_kb);
	r->cur = snap(INTERVAL, mem_kb);
}

/* ---- thrashing --------------------------------------------------------- */

static void vm_delta(struct run *r, const char *name, int64_t delta)
{
	set_kv(&r->prev->vmstat, name, 1000);
	set_kv(&r->cur->vmstat, name, 1000 + delta);
}

static void test_thrashing(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* full 35% >= 30: critical; refaults (15000 + 5000) / 10 s = 2000/s,
	 * major faults 500 / 10 s = 50/s */
	pair(&r, 8 * 1024 * 1024);
	set_psi(r.prev, 30, 40);
	set_psi(r.cur, 35, 50);
	vm_delta(&r, "workingset_refault_anon", 15000);
	vm_delta(&r, "workingset_refault_file", 5000);
	vm_delta(&r, "pgmajfault", 500);
	diagnose(&r);
	f = found(&r, "thrashing");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_CRITICAL);
	assert_string_equal(f->section, "THRASHING");
	assert_true(says(f, "full avg10 = 35.00%"));
	assert_true(says(f, "refaults = 2000 pages/s"));
	assert_true(says(f, "major faults = 50/s"));
	done(&r);

	/* the same stalls with reads from disk under both thresholds
	 * (100 refaults/s, 10 major faults/s): not thrashing */
	pair(&r, 8 * 1024 * 1024);
	set_psi(r.prev, 30, 40);
	set_psi(r.cur, 35, 50);
	vm_delta(&r, "workingset_refault_anon", 1000);
	vm_delta(&r, "workingset_refault_file", 0);
	vm_delta(&r, "pgmajfault", 100);
	diagnose(&r);
	assert_null(found(&r, "thrashing"));
	done(&r);

	/* one snapshot, 12% >= 10: a warning on PSI alone, with a note */
	pair(&r, 8 * 1024 * 1024);
	snapshot_free(r.prev);
	r.prev = NULL;
	set_psi(r.cur, 12, 20);
	diagnose(&r);
	f = found(&r, "thrashing");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(noted(&r, "thrashing"));
	done(&r);

	/* 5% < 10: nothing */
	pair(&r, 8 * 1024 * 1024);
	set_psi(r.cur, 5, 20);
	vm_delta(&r, "workingset_refault_file", 90000);
	diagnose(&r);
	assert_null(found(&r, "thrashing"));
	done(&r);
}

/* ---- low memory, kswapd ------------------------------------------------ */

static void test_low_memory(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* 40000 of 1000000 kB = 4.0% < 5: warning */
	pair(&r, 1000000);
	set_kv(&r.cur->meminfo, "MemAvailable", 40000);
	diagnose(&r);
	f = found(&r, "low_memory");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "MemAvailable = 40000 kB of MemTotal = 1000000 kB"));
	done(&r);
	/* 1% < 2: critical */
	pair(&r, 1000000);
	set_kv(&r.cur->meminfo, "MemAvailable", 10000);
	diagnose(&r);
	assert_int_equal(found(&r, "low_memory")->severity, DIAG_CRITICAL);
	done(&r);
	/* 50%: nothing */
	pair(&r, 1000000);
	diagnose(&r);
	assert_null(found(&r, "low_memory"));
	done(&r);
}

static void test_kswapd(void **state)
{
	static const int64_t blocks[11] = { 100 };
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* free 100 pages < min 200: critical */
	pair(&r, 1000000);
	add_zone(r.cur, "Normal", blocks, 11, 200, 300);
	diagnose(&r);
	f = found(&r, "kswapd");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_CRITICAL);
	assert_true(says(f, "free = 100 pages, min = 200"));
	done(&r);

	/* above min; kswapd scans 20000 / 10 s = 2000 pages/s and frees
	 * 1000 / 10 s = 100/s: 5.0% < 10%, a warning */
	pair(&r, 1000000);
	add_zone(r.cur, "Normal", blocks, 11, 50, 80);
	vm_delta(&r, "pgscan_kswapd", 20000);
	vm_delta(&r, "pgsteal_kswapd", 1000);
	diagnose(&r);
	f = found(&r, "kswapd");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "scanned 2000 pages/s and freed 100 (5.0%"));
	done(&r);

	/* the same scanning freeing 75%: nothing */
	pair(&r, 1000000);
	add_zone(r.cur, "Normal", blocks, 11, 50, 80);
	vm_delta(&r, "pgscan_kswapd", 20000);
	vm_delta(&r, "pgsteal_kswapd", 15000);
	diagnose(&r);
	assert_null(found(&r, "kswapd"));
	done(&r);
}

/* ---- fragmentation, THP ------------------------------------------------ */

static void test_fragmentation(void **state)
{
	/* 100000 free order-0 pages only.  __fragmentation_index at order 3:
	 * 1000 - (1000 + 100000 * 1000 / 8) / 100000 = 1000 - 125 = 875 */
	static const int64_t order0[11] = { 100000 };
	/* 10000 order-4 blocks (160000 pages): order 3 is served; order 9:
	 * 1000 - (1000 + 160000 * 1000 / 512) / 10000 = 1000 - 31 = 969 */
	static const int64_t order4[11] = { 0, 0, 0, 0, 10000 };
	/* the same plus ten order-10 blocks: order 9 is served */
	static const int64_t large[11] = { 0, 0, 0, 0, 10000, 0, 0, 0, 0, 0, 10 };
	struct run r;
	const struct diag_finding *f;

	(void)state;
	pair(&r, 8 * 1024 * 1024);
	add_zone(r.cur, "Normal", order0, 11, 5000, 10000);
	diagnose(&r);
	f = found(&r, "fragmentation");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_CRITICAL);
	assert_true(says(f, "largest free block order 0"));
	assert_true(says(f, "index at order 3 = 0.875"));
	done(&r);

	pair(&r, 8 * 1024 * 1024);
	add_zone(r.cur, "Normal", order4, 11, 5000, 10000);
	diagnose(&r);
	f = found(&r, "fragmentation");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "index at order 9 = 0.969"));
	done(&r);

	/* a higher vm.extfrag_threshold (0.970) than the index: nothing */
	pair(&r, 8 * 1024 * 1024);
	set_sysctl(r.cur, "extfrag_threshold", "970");
	add_zone(r.cur, "Normal", order4, 11, 5000, 10000);
	diagnose(&r);
	assert_null(found(&r, "fragmentation"));
	done(&r);

	pair(&r, 8 * 1024 * 1024);
	add_zone(r.cur, "Normal", large, 11, 5000, 10000);
	diagnose(&r);
	assert_null(found(&r, "fragmentation"));
	done(&r);

	/* short of memory, not fragmented: 100000 free under high 200000 */
	pair(&r, 8 * 1024 * 1024);
	add_zone(r.cur, "Normal", order0, 11, 150000, 200000);
	diagnose(&r);
	assert_null(found(&r, "fragmentation"));
	done(&r);
}

static void set_thp(struct snapshot *s, const char *enabled)
{
	s->known |= KNOWN(SEC_THP);
	skvlist_add(&s->thp, "enabled", enabled);
}

static void test_thp_fallback(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* 900 fallbacks, 100 allocations in 10 s: 90/s and 90% */
	pair(&r, 1000000);
	set_thp(r.cur, "[always] madvise never");
	vm_delta(&r, "thp_fault_alloc", 100);
	vm_delta(&r, "thp_fault_fallback", 900);
	diagnose(&r);
	f = found(&r, "thp_fallback");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "thp_fault_fallback = 90.0/s, thp_fault_alloc = 10.0/s"));
	done(&r);

	/* 5 fallbacks/s: under 10/s, nothing */
	pair(&r, 1000000);
	set_thp(r.cur, "[always] madvise never");
	vm_delta(&r, "thp_fault_alloc", 0);
	vm_delta(&r, "thp_fault_fallback", 50);
	diagnose(&r);
	assert_null(found(&r, "thp_fallback"));
	done(&r);

	/* one snapshot: 5000 of 6000 since boot (83%): info */
	pair(&r, 1000000);
	snapshot_free(r.prev);
	r.prev = NULL;
	set_thp(r.cur, "always [madvise] never");
	set_kv(&r.cur->vmstat, "thp_fault_alloc", 1000);
	set_kv(&r.cur->vmstat, "thp_fault_fallback", 5000);
	diagnose(&r);
	f = found(&r, "thp_fallback");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_INFO);
	done(&r);

	/* THP off: nothing */
	pair(&r, 1000000);
	set_thp(r.cur, "always madvise [never]");
	vm_delta(&r, "thp_fault_fallback", 900);
	vm_delta(&r, "thp_fault_alloc", 0);
	diagnose(&r);
	assert_null(found(&r, "thp_fallback"));
	done(&r);
}

/* ---- commit, zswap, swap ----------------------------------------------- */

static void test_commit_limit(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* mode 2, 950000 of 1000000 kB: 95% >= 90, warning */
	pair(&r, 2000000);
	set_sysctl(r.cur, "overcommit_memory", "2");
	set_kv(&r.cur->meminfo, "CommitLimit", 1000000);
	set_kv(&r.cur->meminfo, "Committed_AS", 950000);
	diagnose(&r);
	f = found(&r, "commit_limit");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "Committed_AS = 950000 kB, CommitLimit = 1000000 kB"));
	done(&r);
	/* 99% >= 98: critical */
	pair(&r, 2000000);
	set_sysctl(r.cur, "overcommit_memory", "2");
	set_kv(&r.cur->meminfo, "CommitLimit", 1000000);
	set_kv(&r.cur->meminfo, "Committed_AS", 990000);
	diagnose(&r);
	assert_int_equal(found(&r, "commit_limit")->severity, DIAG_CRITICAL);
	done(&r);
	/* mode 0 does not refuse by CommitLimit: nothing */
	pair(&r, 2000000);
	set_kv(&r.cur->meminfo, "CommitLimit", 1000000);
	set_kv(&r.cur->meminfo, "Committed_AS", 1990000);
	diagnose(&r);
	assert_null(found(&r, "commit_limit"));
	done(&r);
}

static void set_zswap(struct snapshot *s, const char *enabled, int64_t pool_kb)
{
	s->known |= KNOWN(SEC_ZSWAP);
	s->zswap.known |= KNOWN(ZSWAP_PARAMETERS);
	skvlist_add(&s->zswap.parameters, "enabled", enabled);
	skvlist_add(&s->zswap.parameters, "max_pool_percent", "20");
	set_kv(&s->meminfo, "Zswap", pool_kb);
}

static void zswap_hits(struct snapshot *s, int64_t hits)
{
	s->zswap.known |= KNOWN(ZSWAP_STATS);
	kvlist_add(&s->zswap.stats, "pool_limit_hit", hits);
	kvlist_add(&s->zswap.stats, "reject_compress_poor", 0);
}

static void test_zswap_full(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* limit 20% of 1000000 kB = 200000 kB; 195000 is 97.5% >= 95 */
	pair(&r, 1000000);
	set_zswap(r.prev, "Y", 190000);
	set_zswap(r.cur, "Y", 195000);
	diagnose(&r);
	f = found(&r, "zswap_full");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "Zswap = 195000 kB (/proc/meminfo), limit = 200000 kB"));
	assert_true(noted(&r, "zswap_full")); /* no debugfs counters */
	done(&r);

	/* half full, but the limit was hit 20 times in 10 s: 2.0/s */
	pair(&r, 1000000);
	set_zswap(r.prev, "Y", 100000);
	set_zswap(r.cur, "Y", 100000);
	zswap_hits(r.prev, 10);
	zswap_hits(r.cur, 30);
	diagnose(&r);
	f = found(&r, "zswap_full");
	assert_non_null(f);
	assert_true(says(f, "pool_limit_hit = 2.0/s"));
	done(&r);

	/* half full, no hits: nothing; disabled: nothing */
	pair(&r, 1000000);
	set_zswap(r.prev, "Y", 100000);
	set_zswap(r.cur, "Y", 100000);
	zswap_hits(r.prev, 10);
	zswap_hits(r.cur, 10);
	diagnose(&r);
	assert_null(found(&r, "zswap_full"));
	done(&r);
	pair(&r, 1000000);
	set_zswap(r.cur, "N", 199000);
	diagnose(&r);
	assert_null(found(&r, "zswap_full"));
	done(&r);
}

static void swap_state(struct run *r, int64_t file_kb, int64_t pswpout)
{
	set_kv(&r->cur->meminfo, "Active(file)", file_kb / 2);
	set_kv(&r->cur->meminfo, "Inactive(file)", file_kb / 2);
	set_kv(&r->cur->meminfo, "SwapTotal", 1000000);
	set_kv(&r->cur->meminfo, "SwapFree", 900000);
	vm_delta(r, "pswpout", pswpout);
}

static void test_swap_cache(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* 5000 pages in 10 s = 500 pages/s = 2000 kB/s >= 1024; the file
	 * cache 400000 of 1000000 kB = 40% >= 25 */
	pair(&r, 1000000);
	swap_state(&r, 400000, 5000);
	diagnose(&r);
	f = found(&r, "swap_cache");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "swap out = 2000 kB/s"));
	done(&r);
	/* a small cache (10%): nothing */
	pair(&r, 1000000);
	swap_state(&r, 100000, 5000);
	diagnose(&r);
	assert_null(found(&r, "swap_cache"));
	done(&r);
}

static void test_swappiness_zero(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* 100000 kB in swap, nothing swapped out now: info */
	pair(&r, 1000000);
	set_sysctl(r.cur, "swappiness", "0");
	swap_state(&r, 100000, 0);
	diagnose(&r);
	f = found(&r, "swappiness_zero");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_INFO);
	assert_true(says(f, "SwapTotal - SwapFree = 100000 kB"));
	done(&r);
	/* swapping out now: warning */
	pair(&r, 1000000);
	set_sysctl(r.cur, "swappiness", "0");
	swap_state(&r, 100000, 10);
	diagnose(&r);
	assert_int_equal(found(&r, "swappiness_zero")->severity, DIAG_WARNING);
	done(&r);
	/* swappiness 60: nothing */
	pair(&r, 1000000);
	swap_state(&r, 100000, 10);
	diagnose(&r);
	assert_null(found(&r, "swappiness_zero"));
	done(&r);
}

/* ---- slab, NUMA -------------------------------------------------------- */

static void add_slab(struct snapshot *s, const char *name, int64_t objs,
                     int64_t size)
{
	struct slab_cache *c;

	s->known |= KNOWN(SEC_SLAB);
	s->slab = xrealloc(s->slab, (s->nslab + 1) * sizeof(*s->slab));
	c = &s->slab[s->nslab++];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(name);
	c->num_objs = c->active_objs = objs;
	c->objsize = size;
	c->known = 1;
}

static void test_slab_growth(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* 150000 of 1000000 kB = 15% >= 10: warning; the largest caches
	 * by objects times size: kmalloc-1k 102400 kB, dentry 19200 kB */
	pair(&r, 1000000);
	set_kv(&r.cur->meminfo, "SUnreclaim", 150000);
	add_slab(r.cur, "dentry", 102400, 192);
	add_slab(r.cur, "kmalloc-1k", 102400, 1024);
	add_slab(r.cur, "tiny", 10, 8);
	add_slab(r.cur, "inode_cache", 1000, 600);
	add_slab(r.cur, "vm_area_struct", 2000, 200);
	diagnose(&r);
	f = found(&r, "slab_growth");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "SUnreclaim = 150000 kB"));
	assert_string_equal(f->evidence[1], "slab cache kmalloc-1k: 102400 kB "
	                                    "(/proc/slabinfo)");
	assert_true(says(f, "slab cache dentry: 19200 kB"));
	assert_true(says(f, "slab cache inode_cache: 585 kB"));
	assert_false(says(f, "tiny"));
	done(&r);
	/* 30% >= 25: critical */
	pair(&r, 1000000);
	set_kv(&r.cur->meminfo, "SUnreclaim", 300000);
	diagnose(&r);
	assert_int_equal(found(&r, "slab_growth")->severity, DIAG_CRITICAL);
	done(&r);
	/* 8%, growing (80000 - 60000) / 10 s = 2000 kB/s: warning */
	pair(&r, 1000000);
	set_kv(&r.prev->meminfo, "SUnreclaim", 60000);
	set_kv(&r.cur->meminfo, "SUnreclaim", 80000);
	diagnose(&r);
	f = found(&r, "slab_growth");
	assert_non_null(f);
	assert_true(says(f, "grows 2000 kB/s"));
	done(&r);
	/* 3%, steady: nothing */
	pair(&r, 1000000);
	set_kv(&r.prev->meminfo, "SUnreclaim", 30000);
	set_kv(&r.cur->meminfo, "SUnreclaim", 30000);
	diagnose(&r);
	assert_null(found(&r, "slab_growth"));
	done(&r);
}

static void add_node(struct snapshot *s, int64_t id, int64_t hit, int64_t miss)
{
	struct numa_node *n;

	s->known |= KNOWN(SEC_NUMA);
	s->numa.known = 1;
	s->numa.nodes = xrealloc(s->numa.nodes,
	                         (s->numa.count + 1) * sizeof(*s->numa.nodes));
	n = &s->numa.nodes[s->numa.count++];
	memset(n, 0, sizeof(*n));
	n->node = id;
	n->cpulist = xstrdup("");
	n->known = KNOWN(NUMA_NUMASTAT);
	kvlist_add(&n->numastat, "numa_hit", hit);
	kvlist_add(&n->numastat, "numa_miss", miss);
	kvlist_add(&n->numastat, "numa_foreign", 0);
}

static void test_numa_remote(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* node 1: 80000 hits and 20000 misses in 10 s: 2000 misses/s, 20% */
	pair(&r, 1000000);
	add_node(r.prev, 0, 1000, 0);
	add_node(r.prev, 1, 1000, 0);
	add_node(r.cur, 0, 101000, 0);
	add_node(r.cur, 1, 81000, 20000);
	diagnose(&r);
	f = found(&r, "numa_remote");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "node 1: numa_hit 8000, numa_miss 2000 (20.0%)"));
	assert_false(says(f, "node 0"));
	done(&r);
	/* 500 misses/s: under 1000, nothing */
	pair(&r, 1000000);
	add_node(r.prev, 0, 1000, 0);
	add_node(r.prev, 1, 1000, 0);
	add_node(r.cur, 0, 101000, 0);
	add_node(r.cur, 1, 11000, 5000);
	diagnose(&r);
	assert_null(found(&r, "numa_remote"));
	done(&r);
	/* one node: nothing, whatever its counters */
	pair(&r, 1000000);
	add_node(r.prev, 0, 1000, 0);
	add_node(r.cur, 0, 1000, 900000);
	diagnose(&r);
	assert_null(found(&r, "numa_remote"));
	done(&r);
}

/* ---- the OOM victim ---------------------------------------------------- */

static void add_proc(struct snapshot *s, int64_t pid, int64_t rss_pages,
                     int64_t adj, const char *cgroup)
{
	struct proc *p;

	s->known |= KNOWN(SEC_PROCESSES);
	s->processes = xrealloc(s->processes,
	                        (s->nprocesses + 1) * sizeof(*s->processes));
	p = &s->processes[s->nprocesses++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->ppid = 1;
	p->start_ticks = pid * 10;
	p->stat_rss_pages = rss_pages;
	p->rss_kb = rss_pages * 4;
	p->oom_score_adj = adj;
	p->total_vm_pages = rss_pages * 2;
	p->comm = xasprintf("p%lld", (long long)pid);
	p->user = xstrdup("user");
	p->state = xstrdup("S");
	p->cgroup = xstrdup(cgroup);
	p->mm_group = pid;
	p->known = KNOWN(PROC_PID) | KNOWN(PROC_PPID) | KNOWN(PROC_START_TICKS) |
	           KNOWN(PROC_STAT_RSS) | KNOWN(PROC_RSS) | KNOWN(PROC_SWAP) |
	           KNOWN(PROC_PGTABLES) | KNOWN(PROC_OOM_SCORE_ADJ) |
	           KNOWN(PROC_TASK_FLAGS) | KNOWN(PROC_TOTAL_VM) |
	           KNOWN(PROC_COMM) | KNOWN(PROC_USER) | KNOWN(PROC_STATE) |
	           KNOWN(PROC_CGROUP) | KNOWN(PROC_IN_VFORK) |
	           KNOWN(PROC_MM_GROUP);
	for (int src = 0; src < PROC_SOURCE_COUNT; src++)
		p->source_err[src] = 0;
}

static void test_oom_victim(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* 4 GiB, no swap: totalpages 1048576, adj -500 subtracts
	 * 500 * 1048 = 524000 pages.  pid 10: 900000 - 524000 = 376000, more
	 * than pid 11's 100000: the protected process dies first. */
	pair(&r, 4 * 1024 * 1024);
	add_proc(r.cur, 10, 900000, -500, "/system.slice/db.service");
	add_proc(r.cur, 11, 100000, 0, "/user.slice");
	add_proc(r.cur, 12, 50000, 0, "/user.slice");
	diagnose(&r);
	f = found(&r, "oom_victim");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "rank 1: pid 10 (p10), oom_score_adj -500, "
	                    "badness 376000 pages"));
	done(&r);

	/* the protected process is small: badness 1000 - 524000 < 0 ranks
	 * it fourth, after three unprotected ones: nothing */
	pair(&r, 4 * 1024 * 1024);
	add_proc(r.cur, 10, 1000, -500, "/user.slice");
	add_proc(r.cur, 11, 100000, 0, "/user.slice");
	add_proc(r.cur, 12, 50000, 0, "/user.slice");
	add_proc(r.cur, 13, 40000, 0, "/user.slice");
	diagnose(&r);
	assert_null(found(&r, "oom_victim"));
	done(&r);

	/* a system service is the first victim: info */
	pair(&r, 4 * 1024 * 1024);
	add_proc(r.cur, 10, 900000, 0, "/system.slice/db.service");
	add_proc(r.cur, 11, 100000, 0, "/user.slice");
	diagnose(&r);
	f = found(&r, "oom_victim");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_INFO);
	assert_true(says(f, "cgroup /system.slice/db.service"));
	done(&r);
}

/* ---- memory cgroups ---------------------------------------------------- */

static void add_group(struct snapshot *s, const char *path, int64_t usage_kb,
                      int64_t limit_kb, int64_t oom_kills)
{
	struct cgroup_mem *cg;

	s->known |= KNOWN(SEC_CGROUP);
	s->cgroup.known = 1;
	s->cgroup.version = 1;
	s->cgroup.groups = xrealloc(s->cgroup.groups, (s->cgroup.count + 1) *
	                                                      sizeof(*s->cgroup.groups));
	cg = &s->cgroup.groups[s->cgroup.count++];
	memset(cg, 0, sizeof(*cg));
	cg->path = xstrdup(path);
	cg->usage_kb = usage_kb;
	cg->limit_kb = limit_kb;
	cg->known = KNOWN(CG_USAGE) | KNOWN(CG_LIMIT) | KNOWN(CG_EVENTS);
	kvlist_add(&cg->events, "oom_kill", oom_kills);
}

static void test_cgroup_limit(void **state)
{
	struct run r;
	const struct diag_finding *f;

	(void)state;
	/* /job: 3 kills then 5: 2 in the interval, critical; / has no limit */
	pair(&r, 1000000);
	add_group(r.prev, "/", 500000, CGROUP_UNLIMITED, 0);
	add_group(r.cur, "/", 500000, CGROUP_UNLIMITED, 0);
	add_group(r.prev, "/job", 1000, 65536, 3);
	add_group(r.cur, "/job", 1000, 65536, 5);
	diagnose(&r);
	f = found(&r, "cgroup_limit");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_CRITICAL);
	assert_true(says(f, "/job: 2 OOM kills in the interval"));
	assert_false(says(f, "/:"));
	done(&r);

	/* 63000 of 65536 kB = 96.1% >= 95: warning */
	pair(&r, 1000000);
	add_group(r.prev, "/job", 63000, 65536, 0);
	add_group(r.cur, "/job", 63000, 65536, 0);
	diagnose(&r);
	f = found(&r, "cgroup_limit");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_true(says(f, "/job: usage 63000 kB of limit 65536 kB (96.1%"));
	done(&r);

	/* kills before, none now, 50% used: info */
	pair(&r, 1000000);
	add_group(r.prev, "/job", 32768, 65536, 4);
	add_group(r.cur, "/job", 32768, 65536, 4);
	diagnose(&r);
	assert_int_equal(found(&r, "cgroup_limit")->severity, DIAG_INFO);
	done(&r);

	/* 50% and never killed: nothing */
	pair(&r, 1000000);
	add_group(r.prev, "/job", 32768, 65536, 0);
	add_group(r.cur, "/job", 32768, 65536, 0);
	diagnose(&r);
	assert_null(found(&r, "cgroup_limit"));
	done(&r);
}

/* ---- the registry and the report --------------------------------------- */

static void test_registry(void **state)
{
	size_t n;
	const struct diag_rule *rules = diag_rules(&n);

	(void)state;
	assert_true(n >= 13);
	for (size_t i = 0; i < n; i++) {
		assert_ptr_equal(diag_rule(rules[i].id), &rules[i]);
		for (const char *c = rules[i].id; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || *c == '_');
		for (const char *c = rules[i].section; *c; c++)
			assert_true((*c >= 'A' && *c <= 'Z') || *c == ' ');
	}
	assert_null(diag_rule("nosuchrule"));
	assert_true(diag_sections() & KNOWN(SEC_PSI));
	assert_string_equal(diag_severity_name(DIAG_CRITICAL), "critical");
}

static void test_report(void **state)
{
	struct run r;

	(void)state;
	/* an info, a warning and a critical: worst first */
	pair(&r, 1000000);
	set_sysctl(r.cur, "swappiness", "0");
	swap_state(&r, 100000, 0);                       /* info */
	set_kv(&r.cur->meminfo, "MemAvailable", 10000);  /* critical */
	set_kv(&r.cur->meminfo, "SUnreclaim", 150000);   /* warning */
	diagnose(&r);
	assert_int_equal(diag_worst(&r.report), DIAG_CRITICAL);
	assert_true(r.report.count >= 3);
	for (size_t i = 1; i < r.report.count; i++)
		assert_true(r.report.findings[i - 1].severity >=
		            r.report.findings[i].severity);
	assert_true(r.report.interval_s > 9.99 && r.report.interval_s < 10.01);
	/* no PSI in these snapshots: thrashing is noted, not evaluated */
	assert_true(noted(&r, "thrashing"));
	done(&r);

	/* nothing wrong: no finding, worst -1 */
	pair(&r, 1000000);
	diagnose(&r);
	assert_int_equal(r.report.count, 0);
	assert_int_equal(diag_worst(&r.report), -1);
	done(&r);

	/* a previous snapshot that is not older: no rates */
	pair(&r, 1000000);
	r.prev->time = r.cur->time;
	vm_delta(&r, "pswpout", 5000);
	diagnose(&r);
	assert_true(r.report.interval_s == 0);
	assert_true(noted(&r, "swap_cache"));
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thrashing),
		cmocka_unit_test(test_low_memory),
		cmocka_unit_test(test_kswapd),
		cmocka_unit_test(test_fragmentation),
		cmocka_unit_test(test_thp_fallback),
		cmocka_unit_test(test_commit_limit),
		cmocka_unit_test(test_zswap_full),
		cmocka_unit_test(test_swap_cache),
		cmocka_unit_test(test_swappiness_zero),
		cmocka_unit_test(test_slab_growth),
		cmocka_unit_test(test_numa_remote),
		cmocka_unit_test(test_oom_victim),
		cmocka_unit_test(test_cgroup_limit),
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
