/*
 * test_buddy_live.c - the buddy engine against this kernel's own numbers:
 *
 *  - debugfs extfrag/unusable_index and extfrag_index, byte for byte, from
 *    the /proc/buddyinfo read around them (mounting debugfs when needed,
 *    and retrying while the free lists change between the reads: a read
 *    is kept when buddyinfo before equals buddyinfo after);
 *  - the watermarks and protection recomputed from the sysctls against
 *    /proc/zoneinfo.  zoneinfo's marks date from the kernel's last
 *    recomputation; when they are stale (pages freed since boot), the test
 *    writes vm.watermark_scale_factor's own value back, which makes the
 *    kernel recompute them from today's managed pages and changes no
 *    setting, and compares again;
 *  - the kpageflags map against buddyinfo, loosely (they are read at
 *    different moments).
 *
 * Needs root; skips (with the reason) what this machine cannot give.
 * Must not: compare with values computed by the code under test only.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cmocka.h>

#include "buddy.h"
#include "collect.h"
#include "parse.h"
#include "sim.h"
#include "snapshot.h"
#include "util.h"

#define DEBUGFS "/sys/kernel/debug"
#define UNUSABLE DEBUGFS "/extfrag/unusable_index"
#define EXTFRAG DEBUGFS "/extfrag/extfrag_index"
#define STABLE_TRIES 2000

static bool mounted_debugfs;

/* The whole file, read with one open; NULL when it cannot be read. */
static char *slurp(const char *path)
{
	char *text = NULL;

	if (read_text_file(NULL, path, 0, &text, NULL) < 0)
		return NULL;
	return text;
}

/* cmocka 1.1 prints skip() as a failure the TAP wrapper mends. */
static void skip_because(const char *why)
{
	printf("# %s\n", why);
	skip();
}

static bool debugfs_ready(void)
{
	struct stat st;

	if (stat(UNUSABLE, &st) == 0)
		return true;
	if (mount("none", DEBUGFS, "debugfs", 0, NULL) == 0)
		mounted_debugfs = true;
	return stat(UNUSABLE, &st) == 0;
}

/* buddyinfo, the two debugfs files, buddyinfo again: equal, or retry. */
static bool stable_read(char **buddyinfo, char **unusable, char **extfrag,
                        int *tries)
{
	for (*tries = 1; *tries <= STABLE_TRIES; (*tries)++) {
		char *before = slurp("/proc/buddyinfo");
		char *u = slurp(UNUSABLE), *e = slurp(EXTFRAG);
		char *after = slurp("/proc/buddyinfo");
		bool same = before && after && u && e && !strcmp(before, after);

		free(after);
		if (same) {
			*buddyinfo = before;
			*unusable = u;
			*extfrag = e;
			return true;
		}
		free(before);
		free(u);
		free(e);
	}
	return false;
}

static const char *release(void)
{
	static struct utsname u;

	uname(&u);
	return u.release;
}

static struct buddy_result *engine_on(struct snapshot *s)
{
	struct sim_input in = { .cur = s };
	void *result = NULL;
	char *error = NULL;

	assert_int_equal(buddy_engine.run(&in, &result, &error), 0);
	return result;
}

/*
 * Each debugfs line is "Node %d, zone %8s " then the row; the row must be
 * the engine's text for that zone, byte for byte.
 */
static void compare_rows(const char *debugfs, const struct buddy_result *r,
                         bool unusable)
{
	size_t lines = 0;

	for (const char *line = debugfs; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		bool found = false;

		for (size_t i = 0; i < r->nzones; i++) {
			const struct buddy_zone *z = &r->zones[i];
			char *head = xasprintf("Node %lld, zone %8s ",
			                       (long long)z->node, z->zone);
			const char *row = unusable ? z->unusable_index_text
			                           : z->extfrag_index_text;

			if (!strncmp(line, head, strlen(head))) {
				char *got = xstrndup(line + strlen(head),
				                     len - strlen(head));

				assert_non_null(row);
				assert_string_equal(got, row);
				found = true;
				free(got);
			}
			free(head);
		}
		assert_true(found);
		lines++;
		line += len + (end ? 1 : 0);
	}
	assert_true(lines > 0);
}

static void test_debugfs_indexes(void **state)
{
	char *buddyinfo, *unusable, *extfrag;
	struct snapshot *s;
	struct buddy_result *r;
	int tries;

	(void)state;
	if (geteuid() != 0)
		{
		skip_because("not root: debugfs is root only");
		return;
	}
	if (!debugfs_ready())
		{
		skip_because("debugfs extfrag/ cannot be read (no "
		                    "CONFIG_DEBUG_FS or CONFIG_COMPACTION, "
		                    "lockdown, or mount refused)");
		return;
	}
	if (!stable_read(&buddyinfo, &unusable, &extfrag, &tries))
		{
		skip_because("the free lists changed during every read");
		return;
	}
	printf("# stable read after %d tries\n", tries);
	s = snapshot_new();
	s->kernel = xstrdup(release());
	s->page_size = sysconf(_SC_PAGESIZE);
	assert_int_equal(parse_buddyinfo(buddyinfo, &s->zones, &s->nzones), 0);
	s->known |= KNOWN(SEC_ZONES);
	r = engine_on(s);
	compare_rows(unusable, r, true);
	compare_rows(extfrag, r, false);
	buddy_engine.free_result(r);
	snapshot_free(s);
	free(buddyinfo);
	free(unusable);
	free(extfrag);
}

static struct snapshot *collect(uint64_t sections)
{
	struct collect_options opts = { .sections = sections };
	struct collector *c;
	struct snapshot *s;

	assert_int_equal(collector_new(&c, &opts), 0);
	s = collector_collect(c);
	collector_free(c);
	return s;
}

/* The first zone whose recomputed marks or protection differ, or NULL. */
static const struct buddy_zone *mismatch(const struct buddy_result *r)
{
	for (size_t i = 0; i < r->nzones; i++) {
		const struct buddy_zone *z = &r->zones[i];

		assert_true(z->known & KNOWN(BZ_WMARK_MATCH));
		assert_true(z->known & KNOWN(BZ_PROT_MATCH));
		if (!z->watermarks_match || !z->protection_match)
			return z;
	}
	return NULL;
}

/* Writes the sysctl's own value back: the kernel recomputes the marks. */
static bool rewrite_scale_factor(void)
{
	static const char path[] = "/proc/sys/vm/watermark_scale_factor";
	char *value = slurp(path);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	bool ok = value && fd >= 0 &&
	          write(fd, value, strlen(value)) == (ssize_t)strlen(value);

	if (fd >= 0)
		close(fd);
	free(value);
	return ok;
}

static void test_watermarks(void **state)
{
	uint64_t sections = KNOWN(SEC_ZONES) | KNOWN(SEC_SYSCTL) |
	                    KNOWN(SEC_THP);
	struct snapshot *s = collect(sections);
	struct buddy_result *r = engine_on(s);
	const struct buddy_zone *bad = mismatch(r);

	(void)state;
	assert_true(r->known & KNOWN(BR_MIN_FREE));
	assert_int_equal(r->min_free_kbytes,
	                 atoll(skvlist_get(&s->sysctl, "min_free_kbytes")));
	if (bad && geteuid() == 0 && rewrite_scale_factor()) {
		printf("# zoneinfo's marks were stale in %s; recomputed by the "
		       "kernel after rewriting watermark_scale_factor\n",
		       bad->zone);
		buddy_engine.free_result(r);
		snapshot_free(s);
		s = collect(sections);
		r = engine_on(s);
		bad = mismatch(r);
	}
	if (bad)
		fail_msg("%s of node %lld: computed min %lld low %lld high %lld, "
		         "zoneinfo %lld %lld %lld (boost %lld); protection %s",
		         bad->zone, (long long)bad->node,
		         (long long)bad->calc_min_pages,
		         (long long)bad->calc_low_pages,
		         (long long)bad->calc_high_pages,
		         (long long)bad->min_pages, (long long)bad->low_pages,
		         (long long)bad->high_pages, (long long)bad->boost_pages,
		         bad->protection_match ? "equal" : "differs");
	buddy_engine.free_result(r);
	snapshot_free(s);
}

/* Wholly free pageblocks in the map against buddyinfo's blocks of a
 * pageblock or more, read moments apart: within 10% and 64 blocks. */
static void test_pageblock_map(void **state)
{
	struct snapshot *s;
	struct buddy_result *r;

	(void)state;
	if (geteuid() != 0)
		{
		skip_because("not root: /proc/kpageflags is root only");
		return;
	}
	s = collect(KNOWN(SEC_ZONES) | KNOWN(SEC_PAGEBLOCKS) | KNOWN(SEC_THP));
	if (!(s->known & KNOWN(SEC_PAGEBLOCKS))) {
		snapshot_free(s);
		{
		skip_because("no pageblock map (no /proc/kpageflags)");
		return;
	}
	}
	r = engine_on(s);
	for (size_t i = 0; i < r->nzones; i++) {
		const struct buddy_zone *z = &r->zones[i];
		int64_t whole = 0, listed;

		if (!(z->known & KNOWN(BZ_MAP)))
			continue;
		for (const char *c = z->pageblock_map; *c; c++)
			whole += pageblock_cell_value(*c) >> 3 == PB_FREE;
		listed = z->orders[r->pageblock_order].suitable_blocks;
		printf("# %s: %lld free pageblocks in the map, %lld in "
		       "buddyinfo\n", z->zone, (long long)whole,
		       (long long)listed);
		assert_true(llabs(whole - listed) <= 64 + listed / 10);
	}
	buddy_engine.free_result(r);
	snapshot_free(s);
}

static int teardown(void **state)
{
	(void)state;
	if (mounted_debugfs)
		umount(DEBUGFS);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debugfs_indexes),
		cmocka_unit_test(test_watermarks),
		cmocka_unit_test(test_pageblock_map),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
