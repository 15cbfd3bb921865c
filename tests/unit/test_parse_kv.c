/*
 * test_parse_kv.c - the counter and list parsers (parse_kv.c) on files
 * captured on real machines (tests/fixtures/<capture>/, see each ORIGIN):
 * meminfo of several kernels and shapes, vmstat, numastat, a 64-node
 * distance row, sparse node and CPU lists, /proc/PID/cgroup of v1, v2 and
 * hybrid hosts, PSI; and garbage that must be refused without a crash.
 *
 * Expected numbers were read from the files with grep/awk (the comment next
 * to each says where), never from the code under test.
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
#include "kvlist.h"
#include "parse.h"
#include "util.h"

#define NODE_DIR "sys/devices/system/node/"

/* Parses a fixture with parse_meminfo into *list; asserts success. */
static void meminfo_of(const char *relpath, struct kvlist *list)
{
	char *text = fixture_text(relpath);

	memset(list, 0, sizeof(*list));
	assert_int_equal(parse_meminfo(text, list), 0);
	free(text);
}

static void name_value_of(const char *relpath, struct kvlist *list)
{
	char *text = fixture_text(relpath);

	memset(list, 0, sizeof(*list));
	assert_int_equal(parse_name_value(text, list), 0);
	free(text);
}

static void assert_kv(const struct kvlist *list, const char *name,
                      int64_t want)
{
	int64_t got = -12345;

	if (!kvlist_get(list, name, &got))
		fail_msg("%s: missing", name);
	if (got != want)
		fail_msg("%s: got %lld, want %lld", name, (long long)got,
		         (long long)want);
}

static void assert_no_kv(const struct kvlist *list, const char *name)
{
	if (kvlist_find(list, name))
		fail_msg("%s: present, should have been skipped", name);
}

/* The size of a fixture file in bytes, NULs included. */
static long fixture_bytes(const char *relpath)
{
	char *path = xasprintf("%s/%s", FIXTURES, relpath);
	FILE *f = fopen(path, "rb");
	long size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	fclose(f);
	free(path);
	return size;
}

/* ---- meminfo ------------------------------------------------------------ */

static void test_meminfo_modern(void **state)
{
	const char *file = "hwloc-20em64t-hybrid-1p6c2t+2ca4co1t/proc/meminfo";
	struct kvlist m;

	(void)state;
	meminfo_of(file, &m);
	/* grep -c . : 54 lines, every one a "Name: value" line */
	assert_int_equal(m.count, 54);
	assert_string_equal(m.items[0].name, "MemTotal");
	assert_kv(&m, "MemTotal", 32489496);     /* line 1 */
	assert_kv(&m, "MemAvailable", 28934524); /* line 3 */
	assert_kv(&m, "Zswap", 0);               /* line 17: present, 0 */
	assert_kv(&m, "Zswapped", 0);            /* line 18 */
	assert_kv(&m, "SecPageTables", 0);       /* line 30 */
	assert_kv(&m, "HugePages_Total", 0);     /* line 46: a count, no kB */
	assert_kv(&m, "Hugepagesize", 2048);     /* line 50 */
	/* line 54, the last: order is the file's */
	assert_string_equal(m.items[53].name, "DirectMap1G");
	assert_int_equal(m.items[53].value, 28311552);
	assert_int_equal(m.items[16].value, 0);
	assert_string_equal(m.items[16].name, "Zswap");
	kvlist_free(&m);
}

static void test_meminfo_24_header(void **state)
{
	struct kvlist m;

	(void)state;
	meminfo_of("gopsutil-issue1002/proc/meminfo", &m);
	/* 42 lines; lines 1-3 are the 2.4 "total: used:", "Mem:" and "Swap:"
	 * rows, which are not "Name: value" lines. */
	assert_int_equal(m.count, 39);
	assert_string_equal(m.items[0].name, "MemTotal");
	assert_kv(&m, "MemTotal", 254472); /* line 4 */
	assert_kv(&m, "MemShared", 0);     /* line 6, a 2.4-era name */
	assert_kv(&m, "HighTotal", 131072); /* line 19 */
	assert_kv(&m, "VmallocChunk", 0);  /* line 42 */
	assert_no_kv(&m, "Mem");
	assert_no_kv(&m, "Swap");
	assert_no_kv(&m, "total");
	kvlist_free(&m);
}

static void test_meminfo_truncated(void **state)
{
	const char *file = "gopsutil-anonhugepages/proc/meminfo";
	struct kvlist m;
	char *text = fixture_text(file);

	(void)state;
	/* the capture really has no final newline */
	assert_true(strlen(text) > 0 && text[strlen(text) - 1] != '\n');
	free(text);
	meminfo_of(file, &m);
	assert_int_equal(m.count, 4);
	assert_kv(&m, "MemTotal", 260799420);     /* line 1 */
	assert_kv(&m, "AnonHugePages", 50409472); /* line 4, unterminated */
	kvlist_free(&m);
}

static void test_meminfo_node_nul_padded(void **state)
{
	const char *file = "pcp-meminfo-root-004/" NODE_DIR "node0/meminfo";
	struct kvlist m;

	(void)state;
	/* the capture is a whole 4096-byte sysfs page: text + NULs */
	assert_int_equal(fixture_bytes(file), 4096);
	meminfo_of(file, &m);
	/* tr -d '\0' | grep -c . : 31 lines, all "Node 0 Name: value" */
	assert_int_equal(m.count, 31);
	assert_string_equal(m.items[0].name, "MemTotal");
	assert_kv(&m, "MemTotal", 4020980);  /* line 1 */
	assert_kv(&m, "MemFree", 3264468);   /* line 2 */
	assert_kv(&m, "FilePages", 308732);  /* line 14 */
	assert_string_equal(m.items[30].name, "HugePages_Surp"); /* line 31 */
	assert_no_kv(&m, "Node 0 MemTotal");
	kvlist_free(&m);
}

static void test_meminfo_node_leading_blank(void **state)
{
	const char *file = "hwloc-256ia64-64n2s2c/" NODE_DIR "node1/meminfo";
	struct kvlist m;
	char *text = fixture_text(file);

	(void)state;
	assert_int_equal(text[0], '\n');
	free(text);
	meminfo_of(file, &m);
	/* 17 lines, the first blank */
	assert_int_equal(m.count, 16);
	assert_string_equal(m.items[0].name, "MemTotal");
	assert_kv(&m, "MemTotal", 8077312); /* line 2 */
	assert_kv(&m, "Dirty", 0);          /* line 11 */
	/* line 12: garbage the old kernel printed; kept as printed */
	assert_kv(&m, "Writeback", 881528080);
	assert_string_equal(m.items[15].name, "HugePages_Free"); /* line 17 */
	kvlist_free(&m);
}

static void test_meminfo_shapes(void **state)
{
	/* tabs or spaces after the colon, a "Node 12 " prefix, a count
	 * without kB, a value too big for int64 (skipped, not wrapped), a
	 * line with trailing words (skipped) */
	const char *text = "MemTotal:\t123 kB\n"
	                   "Node 12 MemFree:   7 kB\n"
	                   "HugePages_Total:   5\n"
	                   "Huge:  18446744073709551615 kB\n"
	                   "Cached: 9 kB extra\n"
	                   "Node x Bad: 3 kB\n"
	                   "Shmem:9kB\n";
	struct kvlist m = { 0 };

	(void)state;
	assert_int_equal(parse_meminfo(text, &m), 0);
	assert_int_equal(m.count, 4);
	assert_kv(&m, "MemTotal", 123);
	assert_kv(&m, "MemFree", 7);
	assert_kv(&m, "HugePages_Total", 5);
	assert_kv(&m, "Shmem", 9);
	assert_no_kv(&m, "Huge");
	assert_no_kv(&m, "Cached");
	kvlist_free(&m);
	/* nothing but an overflowing value: range error, nothing added */
	assert_int_equal(parse_meminfo("A: 99999999999999999999 kB\n", &m),
	                 -ERANGE);
	assert_int_equal(m.count, 0);
}

/* ---- name value --------------------------------------------------------- */

static void test_vmstat(void **state)
{
	struct kvlist v;

	(void)state;
	name_value_of("pcp-meminfo-root-004/proc/vmstat", &v);
	/* awk 'NF==2 && $2 ~ /^[0-9]+$/' | wc -l : 125, the whole file */
	assert_int_equal(v.count, 125);
	assert_string_equal(v.items[0].name, "nr_free_pages");
	assert_int_equal(v.items[0].value, 816140); /* line 1 */
	assert_string_equal(v.items[68].name, "pgfault"); /* line 69 */
	assert_int_equal(v.items[68].value, 986124);
	assert_kv(&v, "pgmajfault", 2055);      /* line 70 */
	assert_kv(&v, "workingset_refault", 0); /* line 30 */
	assert_kv(&v, "thp_fault_alloc", 0);    /* line 111 */
	assert_string_equal(v.items[124].name, "balloon_migrate");
	kvlist_free(&v);
}

static void test_node_vmstat_nul_padded(void **state)
{
	const char *file = "pcp-meminfo-root-004/" NODE_DIR "node0/vmstat";
	struct kvlist v;

	(void)state;
	assert_int_equal(fixture_bytes(file), 4096);
	name_value_of(file, &v);
	assert_int_equal(v.count, 47); /* tr -d '\0' | awk 'NF==2' | wc -l */
	assert_kv(&v, "nr_free_pages", 816117); /* line 1 */
	assert_string_equal(v.items[46].name, "nr_written");
	assert_int_equal(v.items[46].value, 6100); /* line 47 */
	kvlist_free(&v);
}

static void test_node_vmstat_stray_number(void **state)
{
	struct kvlist v;

	(void)state;
	/* 47 lines; the last, " 176096", is a number without a name */
	name_value_of("pcp-meminfo-root-006/" NODE_DIR "node0/vmstat", &v);
	assert_int_equal(v.count, 46);
	assert_kv(&v, "nr_dirtied", 17695581); /* line 45 */
	assert_kv(&v, "nr_written", 17147101); /* line 46 */
	assert_no_kv(&v, "176096");
	kvlist_free(&v);
}

static void test_numastat(void **state)
{
	struct kvlist n;

	(void)state;
	name_value_of("pcp-meminfo-root-004/" NODE_DIR "node0/numastat", &n);
	assert_int_equal(n.count, 6);
	assert_kv(&n, "numa_hit", 770051);     /* line 1 */
	assert_kv(&n, "numa_miss", 0);         /* line 2 */
	assert_kv(&n, "interleave_hit", 19088); /* line 4 */
	assert_kv(&n, "local_node", 770051);   /* line 5 */
	assert_string_equal(n.items[5].name, "other_node");
	kvlist_free(&n);
}

static void test_name_value_shapes(void **state)
{
	/* memory.stat-style, a negative v1 counter, tabs, a value too big,
	 * a name alone, a meminfo line (wrong shape), control bytes */
	const char *text = "cache 4096\n"
	                   "total_rss\t-8192\n"
	                   "big 9223372036854775808\n"
	                   "max 9223372036854775807\n"
	                   "alone\n"
	                   "MemTotal: 5 kB\n"
	                   "bad\x01name 3\n"
	                   "  low 0  \n";
	struct kvlist v = { 0 };

	(void)state;
	assert_int_equal(parse_name_value(text, &v), 0);
	assert_int_equal(v.count, 4);
	assert_kv(&v, "cache", 4096);
	assert_kv(&v, "total_rss", -8192);
	assert_kv(&v, "max", INT64_MAX);
	assert_kv(&v, "low", 0);
	assert_no_kv(&v, "big");
	kvlist_free(&v);
}

/* ---- lists ---------------------------------------------------------------- */

static void test_distance_64_nodes(void **state)
{
	int64_t *d;
	size_t n;
	char *text = fixture_text("hwloc-256ia64-64n2s2c/" NODE_DIR "node0/distance");

	(void)state;
	assert_int_equal(parse_int_list(text, &d, &n), 0);
	free(text);
	/* awk '{print NF, $1, $2, $17, $33, $NF}' : 64 10 22 30 30 34 */
	assert_int_equal(n, 64);
	assert_int_equal(d[0], 10);
	assert_int_equal(d[1], 22);
	assert_int_equal(d[16], 30);
	assert_int_equal(d[32], 30);
	assert_int_equal(d[63], 34);
	free(d);

	text = fixture_text("hwloc-256ia64-64n2s2c/" NODE_DIR "node63/distance");
	assert_int_equal(parse_int_list(text, &d, &n), 0);
	free(text);
	assert_int_equal(n, 64);
	assert_int_equal(d[0], 34);
	assert_int_equal(d[63], 10); /* the node to itself */
	free(d);
}

static void test_int_list_garbage(void **state)
{
	static const char *const bad[] = {
		"", "\n", "10 2x 21", "10,21", "10 99999999999999999999", "-",
	};
	int64_t *d = (int64_t *)&d;
	size_t n = 77;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_true(parse_int_list(bad[i], &d, &n) < 0);
		assert_null(d);
		assert_int_equal(n, 0);
	}
	assert_int_equal(parse_int_list("10 99999999999999999999", &d, &n),
	                 -ERANGE);
	assert_int_equal(parse_int_list(" 10\t21\n", &d, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(d[1], 21);
	free(d);
}

/* Parses an id list fixture and compares it with want[0..want_count). */
static void assert_id_list(const char *relpath, const int64_t *want,
                           size_t want_count)
{
	char *text = fixture_text(relpath);
	int64_t *ids;
	size_t n;

	assert_int_equal(parse_id_list(text, &ids, &n), 0);
	free(text);
	assert_int_equal(n, want_count);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ids[i], want[i]);
	free(ids);
}

static void test_id_lists_sparse(void **state)
{
	/* online: "0-2,33-34,45,72-73\n" (node ids renumbered upstream) */
	static const int64_t sparse[] = { 0, 1, 2, 33, 34, 45, 72, 73 };
	/* online: "0,8,250-255\n" (GPU memory as nodes 250-255) */
	static const int64_t gpu[] = { 0, 8, 250, 251, 252, 253, 254, 255 };
	static const int64_t node33_cpus[] = { 18, 19, 20, 21, 22, 23 };
	int64_t *ids;
	size_t n;
	char *text;

	(void)state;
	assert_id_list("hwloc-48amd64-4pa2n6c-sparse/" NODE_DIR "online",
	               sparse, ARRAY_SIZE(sparse));
	assert_id_list("hwloc-48amd64-4pa2n6c-sparse/" NODE_DIR "node33/cpulist",
	               node33_cpus, ARRAY_SIZE(node33_cpus));
	assert_id_list("hwloc-nvidiagpunumanodes/" NODE_DIR "online", gpu,
	               ARRAY_SIZE(gpu));
	/* a CPU-less GPU node: the file is "\n" */
	assert_id_list("hwloc-nvidiagpunumanodes/" NODE_DIR "node250/cpulist",
	               NULL, 0);

	/* node8/cpulist: "88-175\n" */
	text = fixture_text("hwloc-nvidiagpunumanodes/" NODE_DIR "node8/cpulist");
	assert_int_equal(parse_id_list(text, &ids, &n), 0);
	free(text);
	assert_int_equal(n, 88);
	assert_int_equal(ids[0], 88);
	assert_int_equal(ids[87], 175);
	free(ids);
}

static void test_id_list_garbage(void **state)
{
	static const char *const bad[] = {
		"abc", "0-", "-3", "3-1", "0,,1", "0-3,", ",0", "1 2", "0-3\n8",
		"0:2", "1-2-3", "0x10", "+1",
	};
	int64_t *ids = (int64_t *)&ids;
	size_t n = 5;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (parse_id_list(bad[i], &ids, &n) != -EINVAL)
			fail_msg("\"%s\" not refused with -EINVAL", bad[i]);
		assert_null(ids);
		assert_int_equal(n, 0);
	}
	/* a range or id too big is refused before anything is allocated */
	assert_int_equal(parse_id_list("0-2147483647", &ids, &n), -ERANGE);
	assert_int_equal(parse_id_list("99999999999999999999", &ids, &n),
	                 -ERANGE);
	assert_int_equal(parse_id_list("   \n", &ids, &n), 0);
	assert_int_equal(n, 0);
	assert_null(ids);
}

/* ---- cgroup ----------------------------------------------------------------- */

static void assert_cgroup_path(const char *text, const char *want)
{
	char *path = parse_cgroup_memory_path(text);

	if (!want) {
		if (path)
			fail_msg("got \"%s\", want none", path);
		return;
	}
	if (!path)
		fail_msg("got none, want \"%s\"", want);
	assert_string_equal(path, want);
	free(path);
}

static void assert_cgroup_fixture(const char *relpath, const char *want)
{
	char *text = fixture_text(relpath);

	assert_cgroup_path(text, want);
	free(text);
}

static void test_cgroup_paths(void **state)
{
	(void)state;
	/* v2 only: the single line "0::/user.slice/user-1001.slice/..." */
	assert_cgroup_fixture("hwloc-20em64t-hybrid-1p6c2t+2ca4co1t/proc/self/cgroup",
	                      "/user.slice/user-1001.slice/session-2.scope");
	/* v1: line 5 "5:memory:/user.slice"; name=systemd has another path */
	assert_cgroup_fixture("hwloc-offline-cpu0-node0/proc/self/cgroup",
	                      "/user.slice");
	/* v1: line 1 "11:memory:/" while cpuset is "/jjh" */
	assert_cgroup_fixture("hwloc-nvidiagpunumanodes/proc/self/cgroup", "/");
	/* hybrid: line 2 "8:memory:..." and a last "0::..." line */
	assert_cgroup_fixture("hwloc-128arm-2pa2n8cluster4co/proc/self/cgroup",
	                      "/user.slice/user-0.slice/session-1.scope");

	/* the v1 memory line wins wherever it is; comma lists; colons */
	assert_cgroup_path("0::/v2\n3:cpu,memory:/v1\n", "/v1");
	assert_cgroup_path("3:memory,cpu:/a:b\n0::/v2", "/a:b");
	assert_cgroup_path("1:name=systemd:/s\n2:memoryx:/m\n", NULL);
	assert_cgroup_path("1:name=systemd:/s\n0::/\n", "/");
	assert_cgroup_path("x:memory:/a\n::/b\n1::/c\n0:memory:\n", NULL);
	assert_cgroup_path("", NULL);
	assert_cgroup_path("\n\n", NULL);
}

/* ---- PSI -------------------------------------------------------------------- */

static void test_psi_heavy(void **state)
{
	struct psi psi;
	char *text = fixture_text("pcp-pressure-root-001/proc/pressure/memory");

	(void)state;
	memset(&psi, 0xff, sizeof(psi));
	assert_int_equal(parse_psi(text, &psi), 0);
	free(text);
	assert_int_equal(psi.known, 1);
	/* line 1: some avg10=70.24 avg60=68.52 avg300=69.91 total=3559632828;
	 * exact: the value is the double nearest to the printed decimal */
	assert_int_equal(psi.some.known, 1);
	assert_true(psi.some.avg10 == 70.24);
	assert_true(psi.some.avg60 == 68.52);
	assert_true(psi.some.avg300 == 69.91);
	assert_int_equal(psi.some.total_us, 3559632828);
	/* line 2: full avg10=57.59 avg60=58.06 avg300=60.38 total=3300487258 */
	assert_int_equal(psi.full.known, 1);
	assert_true(psi.full.avg10 == 57.59);
	assert_true(psi.full.avg60 == 58.06);
	assert_true(psi.full.avg300 == 60.38);
	assert_int_equal(psi.full.total_us, 3300487258);
}

static void test_psi_shapes(void **state)
{
	struct psi psi;
	char *text = fixture_text("prometheus-procfs/proc/pressure/memory");

	(void)state;
	memset(&psi, 0, sizeof(psi));
	assert_int_equal(parse_psi(text, &psi), 0);
	free(text);
	/* "some avg10=0.10 avg60=2.00 avg300=3.85 total=15" */
	assert_true(psi.some.avg10 == 0.10);
	assert_true(psi.some.avg300 == 3.85);
	assert_int_equal(psi.some.total_us, 15);
	assert_true(psi.full.avg60 == 3.00); /* "full ... avg60=3.00 ..." */
	assert_int_equal(psi.full.total_us, 25);

	/* no full line (older kernels, other resources): some only */
	memset(&psi, 0xff, sizeof(psi));
	assert_int_equal(parse_psi("some avg10=1.00 avg60=2.00 avg300=3.00 "
	                           "total=4\n", &psi), 0);
	assert_int_equal(psi.some.known, 1);
	assert_int_equal(psi.full.known, 0);
	/* a future key is ignored; a garbled value makes the line unknown */
	assert_int_equal(parse_psi("some avg10=1.5 avg60=2 avg300=3 total=4 "
	                           "avg1=9\nfull avg10=x avg60=1 avg300=1 "
	                           "total=1\n", &psi), 0);
	assert_true(psi.some.avg10 == 1.5);
	assert_int_equal(psi.full.known, 0);
	/* unusable: -EINVAL and *out untouched */
	psi.some.total_us = 42;
	assert_int_equal(parse_psi("some avg10=1 avg60=2 total=4\n", &psi),
	                 -EINVAL);
	assert_int_equal(parse_psi("full avg10=1 avg60=2 avg300=3 total=4\n",
	                           &psi), -EINVAL);
	assert_int_equal(parse_psi("some avg10=1 avg60=2 avg300=3 total=-4\n",
	                           &psi), -EINVAL);
	assert_int_equal(parse_psi("some avg10=1 avg60=2 avg300=3 "
	                           "total=99999999999999999999\n", &psi),
	                 -EINVAL);
	assert_int_equal(parse_psi("", &psi), -EINVAL);
	assert_int_equal(psi.some.total_us, 42);
}

/* ---- garbage ---------------------------------------------------------------- */

/* Runs every parser of this file on text; none may crash or leak. */
static void parse_everything(const char *text)
{
	struct kvlist list = { 0 };
	struct psi psi;
	int64_t *values;
	size_t count;

	if (parse_meminfo(text, &list) < 0)
		assert_int_equal(list.count, 0);
	kvlist_free(&list);
	if (parse_name_value(text, &list) < 0)
		assert_int_equal(list.count, 0);
	kvlist_free(&list);
	if (parse_int_list(text, &values, &count) < 0)
		assert_null(values);
	free(values);
	if (parse_id_list(text, &values, &count) < 0)
		assert_null(values);
	free(values);
	free(parse_cgroup_memory_path(text));
	(void)parse_psi(text, &psi);
}

/* xorshift64: the same "random" bytes on every run, so a failure repeats. */
static uint64_t next_random(uint64_t *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 7;
	*seed ^= *seed << 17;
	return *seed;
}

static void test_garbage(void **state)
{
	const size_t big = 1 << 20;
	char *buf = xmalloc(big + 64);
	uint64_t seed = 0x9e3779b97f4a7c15u;
	struct kvlist list = { 0 };
	int64_t *values;
	size_t count;

	(void)state;
	/* empty, and text after a NUL is not read ("\0" is the empty text) */
	assert_int_equal(parse_meminfo("", &list), -EINVAL);
	assert_int_equal(parse_name_value("\0nr_free_pages 5\n", &list), -EINVAL);
	assert_int_equal(parse_meminfo("A: 1 kB\n\0B: 2 kB\n", &list), 0);
	assert_int_equal(list.count, 1);
	kvlist_free(&list);
	assert_int_equal(parse_meminfo(NULL, &list), -EINVAL);
	parse_everything("");

	/* random bytes, then random bytes from the files' alphabet */
	for (int round = 0; round < 64; round++) {
		static const char alphabet[] = "0123456789 \t\n:-,=.kBNodesomefull";
		size_t len = (size_t)(next_random(&seed) % 4096);

		for (size_t i = 0; i < len; i++) {
			uint64_t r = next_random(&seed);

			buf[i] = (char)(round % 2 ? alphabet[r % (sizeof(alphabet) - 1)]
			                          : (char)(r % 255 + 1));
		}
		buf[len] = '\0';
		parse_everything(buf);
	}

	/* a 1 MB line of letters, then a 1 MB number */
	memset(buf, 'A', big);
	buf[big] = '\0';
	parse_everything(buf);
	assert_int_equal(parse_meminfo(buf, &list), -EINVAL);
	memcpy(buf, "MemTotal: ", 10);
	memset(buf + 10, '9', big - 10);
	strcpy(buf + big, " kB\n");
	assert_int_equal(parse_meminfo(buf, &list), -ERANGE);
	assert_int_equal(list.count, 0);
	assert_int_equal(parse_int_list(buf + 10, &values, &count), -ERANGE);
	parse_everything(buf);

	/* a 1 MB id list that repeats a wide range: capped, not exhausted */
	for (size_t i = 0; i + 8 <= big; i += 8)
		memcpy(buf + i, "0-60000,", 8);
	buf[big - 1] = '0'; /* the last item: "0-600000" */
	buf[big] = '\0';
	assert_int_equal(parse_id_list(buf, &values, &count), -ERANGE);
	assert_null(values);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meminfo_modern),
		cmocka_unit_test(test_meminfo_24_header),
		cmocka_unit_test(test_meminfo_truncated),
		cmocka_unit_test(test_meminfo_node_nul_padded),
		cmocka_unit_test(test_meminfo_node_leading_blank),
		cmocka_unit_test(test_meminfo_shapes),
		cmocka_unit_test(test_vmstat),
		cmocka_unit_test(test_node_vmstat_nul_padded),
		cmocka_unit_test(test_node_vmstat_stray_number),
		cmocka_unit_test(test_numastat),
		cmocka_unit_test(test_name_value_shapes),
		cmocka_unit_test(test_distance_64_nodes),
		cmocka_unit_test(test_int_list_garbage),
		cmocka_unit_test(test_id_lists_sparse),
		cmocka_unit_test(test_id_list_garbage),
		cmocka_unit_test(test_cgroup_paths),
		cmocka_unit_test(test_psi_heavy),
		cmocka_unit_test(test_psi_shapes),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
