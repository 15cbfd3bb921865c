/*
 * test_collect_vmas.c - the mappings collector (src/collect/vmas.c) through
 * collector_collect on captured trees (--root): a 5.8 process with smaps
 * and numa_maps, a 5.5 one without numa_maps, and the reasons for what
 * cannot be read (no pid chosen, no such process, a capture without smaps,
 * an empty smaps, the section not requested).
 *
 * Expected numbers were read from the files with grep/awk (see
 * test_parse_smaps.c), never from the code under test.
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"
#include "fixture.h"
#include "snapshot.h"
#include "util.h"

static struct snapshot *collect_vmas_of(const char *folder, int64_t pid,
                                        uint64_t sections)
{
	char *root = folder[0] == '/' ? xstrdup(folder) : fixture_root(folder);
	struct collect_options opts = {
		.root = root, .sections = sections, .vmas_pid = pid,
	};
	struct collector *c;
	struct snapshot *snap;

	assert_int_equal(collector_new(&c, &opts), 0);
	snap = collector_collect(c);
	collector_free(c);
	free(root);
	return snap;
}

static void assert_reason_has(const struct snapshot *snap, const char *source,
                              const char *text)
{
	const char *why = skvlist_get(&snap->unavailable, source);

	if (!why)
		fail_msg("no unavailable reason for %s", source);
	if (!strstr(why, text))
		fail_msg("reason for %s is \"%s\", wanted \"%s\" in it", source, why,
		         text);
}

static void test_root_with_numa_maps(void **state)
{
	struct snapshot *snap =
		collect_vmas_of("jc-ubuntu-5.8-vm", 1, KNOWN(SEC_VMAS));
	const struct vma *v;
	int64_t pages = 0;

	(void)state;
	assert_true(snap->known & KNOWN(SEC_VMAS));
	assert_int_equal(snap->vmas.pid, 1);
	assert_int_equal(snap->vmas.count, 214);
	v = &snap->vmas.mappings[0];
	assert_int_equal((uint64_t)v->start, 0x55a9e753c000ULL);
	assert_string_equal(v->path, "/usr/lib/systemd/systemd");
	assert_int_equal(v->rss_kb, 208);
	assert_string_equal(v->mempolicy, "default");
	assert_true(kvlist_get(&v->node_pages, "N0", &pages));
	assert_int_equal(pages, 52);
	assert_null(skvlist_get(&snap->unavailable, "vmas"));
	assert_null(skvlist_get(&snap->unavailable, "vmas.numa_maps"));
	snapshot_free(snap);
}

/* The 5.5 capture has smaps but no numa_maps: mappings, with the numa
 * fields unknown and the reason said. */
static void test_root_without_numa_maps(void **state)
{
	struct snapshot *snap = collect_vmas_of("pcp-procpid-5.5.7-root-007", 1,
	                                        KNOWN(SEC_VMAS));

	(void)state;
	assert_true(snap->known & KNOWN(SEC_VMAS));
	assert_int_equal(snap->vmas.count, 233);
	for (size_t i = 0; i < snap->vmas.count; i++)
		assert_false(snap->vmas.mappings[i].known &
		             KNOWN(VMA_MEMPOLICY));
	assert_reason_has(snap, "vmas.numa_maps", "/proc/1/numa_maps");
	assert_reason_has(snap, "vmas.numa_maps", strerror(ENOENT));
	snapshot_free(snap);
}

static void test_unavailable(void **state)
{
	struct snapshot *snap;

	(void)state;
	snap = collect_vmas_of("jc-ubuntu-5.8-vm", 0, KNOWN(SEC_VMAS));
	assert_false(snap->known & KNOWN(SEC_VMAS));
	assert_reason_has(snap, "vmas", "--pid");
	snapshot_free(snap);
	snap = collect_vmas_of("jc-ubuntu-5.8-vm", 4242, KNOWN(SEC_VMAS));
	assert_reason_has(snap, "vmas", "4242: no such process");
	snapshot_free(snap);
	/* pid 1309 of this capture has no smaps copied */
	snap = collect_vmas_of("pcp-procpid-5.5.7-root-007", 1309,
	                       KNOWN(SEC_VMAS));
	assert_reason_has(snap, "vmas", "/proc/1309/smaps");
	assert_reason_has(snap, "vmas", strerror(ENOENT));
	snapshot_free(snap);
	snap = collect_vmas_of("jc-ubuntu-5.8-vm", -3, KNOWN(SEC_VMAS));
	assert_reason_has(snap, "vmas", "not a process id");
	snapshot_free(snap);
	snap = collect_vmas_of("jc-ubuntu-5.8-vm", 1, KNOWN(SEC_MEMINFO));
	assert_false(snap->known & KNOWN(SEC_VMAS));
	assert_reason_has(snap, "vmas", "not requested");
	assert_int_equal(snap->vmas.count, 0);
	snapshot_free(snap);
}

/* A kernel thread's smaps reads empty: no address space, not no data. */
static void test_kernel_thread(void **state)
{
	char dir[] = "/tmp/memlens-vmas.XXXXXX";
	char *path;
	struct snapshot *snap;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/proc", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
	path = xasprintf("%s/proc/2", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
	path = xasprintf("%s/proc/2/smaps", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	snap = collect_vmas_of(dir, 2, KNOWN(SEC_VMAS));
	assert_reason_has(snap, "vmas", "no address space");
	snapshot_free(snap);
	unlink(path);
	free(path);
	path = xasprintf("%s/proc/2", dir);
	rmdir(path);
	free(path);
	path = xasprintf("%s/proc", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_with_numa_maps),
		cmocka_unit_test(test_root_without_numa_maps),
		cmocka_unit_test(test_unavailable),
		cmocka_unit_test(test_kernel_thread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
