/*
 * test_parse_slab.c - the slabinfo parser on captured files (a 300-cache
 * workstation, a 2021 VM, hand-edited rows), other versions, odd rows and
 * garbage.
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
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "parse.h"
#include "schema.h"
#include "snapshot.h"
#include "util.h"

struct caches {
	struct slab_cache *c;
	size_t n;
};

static void caches_free(struct caches *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		schema_free_entity(&slab_schema, &cs->c[i]);
	free(cs->c);
	cs->c = NULL;
	cs->n = 0;
}

static void parse_fixture(const char *relpath, struct caches *cs)
{
	char *text = fixture_text(relpath);

	assert_int_equal(parse_slabinfo(text, &cs->c, &cs->n), 0);
	free(text);
}

static const struct slab_cache *find_cache(const struct caches *cs,
                                           const char *name)
{
	for (size_t i = 0; i < cs->n; i++)
		if (strcmp(cs->c[i].name, name) == 0)
			return &cs->c[i];
	fail_msg("cache %s not parsed", name);
	return NULL;
}

static void assert_cache(const struct slab_cache *c, int64_t active_objs,
                         int64_t num_objs, int64_t objsize, int64_t objperslab,
                         int64_t pagesperslab, int64_t active_slabs,
                         int64_t num_slabs)
{
	assert_int_equal(c->known, KNOWN(0));
	assert_int_equal(c->active_objs, active_objs);
	assert_int_equal(c->num_objs, num_objs);
	assert_int_equal(c->objsize, objsize);
	assert_int_equal(c->objperslab, objperslab);
	assert_int_equal(c->pagesperslab, pagesperslab);
	assert_int_equal(c->active_slabs, active_slabs);
	assert_int_equal(c->num_slabs, num_slabs);
}

static void test_procfs_300_caches(void **state)
{
	struct caches cs = { 0 };
	int64_t active = 0, total = 0, slabs = 0;

	(void)state;
	parse_fixture("prometheus-procfs/proc/slabinfo", &cs);
	/* 302 lines: the version, the column legend, 300 caches */
	assert_int_equal(cs.n, 300);
	/* prometheus-procfs/proc/slabinfo line 3, the first cache */
	assert_string_equal(cs.c[0].name, "pid_3");
	assert_cache(&cs.c[0], 375, 532, 576, 28, 4, 19, 19);
	/* line 302, the last one */
	assert_string_equal(cs.c[299].name, "kmem_cache");
	assert_cache(&cs.c[299], 904, 936, 832, 39, 8, 24, 24);
	/* line 223 */
	assert_cache(find_cache(&cs, "dentry"), 166069, 169074, 528, 31, 4,
	             5454, 5454);
	for (size_t i = 0; i < cs.n; i++) {
		assert_int_equal(cs.c[i].known, KNOWN(0));
		active += cs.c[i].active_objs;
		total += cs.c[i].num_objs;
		slabs += cs.c[i].num_slabs;
	}
	/* awk 'NR>2 {a+=$2; n+=$3; s+=$15} END {print a, n, s}' */
	assert_int_equal(active, 1079909);
	assert_int_equal(total, 1122240);
	assert_int_equal(slabs, 40492);
	caches_free(&cs);
}

static void test_pcp_vm(void **state)
{
	struct caches cs = { 0 };

	(void)state;
	parse_fixture("pcp-meminfo-root-007/proc/slabinfo", &cs);
	assert_int_equal(cs.n, 292); /* 294 lines */
	/* pcp-meminfo-root-007/proc/slabinfo lines 200 and 289 */
	assert_cache(find_cache(&cs, "dentry"), 104328, 104328, 192, 21, 1,
	             4968, 4968);
	assert_cache(find_cache(&cs, "kmalloc-64"), 84072, 119616, 64, 64, 1,
	             1869, 1869);
	caches_free(&cs);
}

static void test_jc(void **state)
{
	struct caches cs = { 0 };

	(void)state;
	parse_fixture("jc-ubuntu-5.8-vm/proc/slabinfo", &cs);
	assert_int_equal(cs.n, 145); /* 147 lines */
	/* jc-ubuntu-5.8-vm/proc/slabinfo line 3 */
	assert_string_equal(cs.c[0].name, "ext4_groupinfo_4k");
	assert_cache(&cs.c[0], 224, 224, 144, 56, 2, 4, 4);
	caches_free(&cs);
}

static void test_insights_edited_rows(void **state)
{
	struct caches cs = { 0 };
	const struct slab_cache *c;
	int64_t active = 0, total = 0;

	(void)state;
	parse_fixture("insights-core-tests/proc/slabinfo", &cs);
	assert_int_equal(cs.n, 103); /* 105 lines */
	/* line 105: "kmem_cache 112 111 ...": more active objects than
	 * objects.  Listed by name, its numbers unknown. */
	c = find_cache(&cs, "kmem_cache");
	assert_int_equal(c->known, 0);
	assert_int_equal(c->active_objs, 0);
	/* line 4: odd tunables and slab counts, but nothing impossible */
	assert_cache(find_cache(&cs, "nf_conntrack_ffffffffaf313a40"), 12, 12,
	             320, 12, 1, 40, 50);
	for (size_t i = 0; i < cs.n; i++) {
		if (!(cs.c[i].known & KNOWN(0)))
			continue;
		active += cs.c[i].active_objs;
		total += cs.c[i].num_objs;
	}
	/* awk 'NR>2 && $1!="kmem_cache" {a+=$2; n+=$3} END {print a, n}' */
	assert_int_equal(active, 582070);
	assert_int_equal(total, 586050);
	caches_free(&cs);
}

static void test_versions(void **state)
{
	static const char row[] =
		"# name <active_objs> <num_objs> ...\n"
		"dentry 10 20 192 21 1 : tunables 0 0 0 : slabdata 1 1 0\n";
	static const struct {
		const char *header;
		int rc;
	} cases[] = {
		{ "slabinfo - version: 2.1\n", 0 },
		{ "slabinfo - version: 2.0\n", 0 },
		{ "slabinfo - version: 2.1 (statistics)\n", 0 },
		{ "\nslabinfo - version: 2.1\n", 0 },
		{ "slabinfo - version: 1.1\n", -ENOTSUP },
		{ "slabinfo - version: 3.0\n", -ENOTSUP },
		{ "slabinfo - version: 21.0\n", -ENOTSUP },
		{ "slabinfo - version: 2\n", -EINVAL },
		{ "slabinfo - version:\n", -EINVAL },
		{ "slabinfo\n", -EINVAL },
		{ "", -EINVAL },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct caches cs = { 0 };
		char *text = xasprintf("%s%s", cases[i].header, row);

		int rc = parse_slabinfo(text, &cs.c, &cs.n);

		assert_int_equal(rc, cases[i].rc);
		assert_int_equal(cs.n, cases[i].rc == 0 ? 1 : 0);
		if (cases[i].rc != 0)
			assert_null(cs.c);
		caches_free(&cs);
		free(text);
	}
}

static void test_odd_rows(void **state)
{
	static const char text[] =
		"slabinfo - version: 2.1 (statistics)\n"
		/* CONFIG_DEBUG_SLAB's extra columns (5.15 mm/slab.c) */
		"kmalloc-128 100 128 128 32 1 : tunables 120 60 8 : slabdata "
		"4 4 0 : globalstat 1 2 3 4 5 6 7 8 9 : cpustat 1 2 3 4\n"
		/* a name with blanks: everything before the five numbers */
		"my odd cache  10 20 64 64 1 : tunables 0 0 0 : slabdata "
		"1 1 0\n"
		/* too big for int64: listed, unknown */
		"huge 99999999999999999999 1 8 1 1 : tunables 0 0 0 : slabdata "
		"1 1 0\n"
		/* more active slabs than slabs: listed, unknown */
		"slabs 1 1 8 1 1 : tunables 0 0 0 : slabdata 9 1 0\n"
		/* not a cache row: skipped */
		"three 1 2 3 : tunables 0 0 0 : slabdata 1 1 0\n"
		"nodata 1 2 3 4 5 : tunables 0 0 0\n"
		"short 1 2 3 4 5 : tunables 0 0 0 : slabdata 1 1\n"
		"      1 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0\n"
		"neg -1 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0\n"
		"text 1 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0 junk\n"
		"swapped 1 2 3 4 5 : slabdata 1 1 0 : tunables 0 0 0\n"
		"\n"
		/* SLUB without the tunables part, and no final newline */
		"last 7 8 16 256 1 : slabdata 1 1 0";
	struct caches cs = { 0 };

	(void)state;
	assert_int_equal(parse_slabinfo(text, &cs.c, &cs.n), 0);
	assert_int_equal(cs.n, 5);
	assert_string_equal(cs.c[0].name, "kmalloc-128");
	assert_cache(&cs.c[0], 100, 128, 128, 32, 1, 4, 4);
	assert_string_equal(cs.c[1].name, "my odd cache");
	assert_cache(&cs.c[1], 10, 20, 64, 64, 1, 1, 1);
	assert_string_equal(cs.c[2].name, "huge");
	assert_int_equal(cs.c[2].known, 0);
	assert_string_equal(cs.c[3].name, "slabs");
	assert_int_equal(cs.c[3].known, 0);
	assert_string_equal(cs.c[4].name, "last");
	assert_cache(&cs.c[4], 7, 8, 16, 256, 1, 1, 1);
	caches_free(&cs);
}

static void test_appends(void **state)
{
	struct caches cs = { 0 };

	(void)state;
	parse_fixture("jc-ubuntu-5.8-vm/proc/slabinfo", &cs);
	parse_fixture("prometheus-node_exporter/proc/slabinfo", &cs);
	/* 145 + the 4 caches of node_exporter's excerpt */
	assert_int_equal(cs.n, 149);
	assert_string_equal(cs.c[145].name, "tw_sock_TCP");
	caches_free(&cs);
}

static void test_garbage(void **state)
{
	static const char *inputs[] = {
		"",
		"\n",
		"slabinfo - version: 2.1",
		"slabinfo - version: 2.1\n",
		"slabinfo - version: 2.1\n# name\n\n\n",
		"slabinfo - version: 2.1\n: slabdata\n"
		": tunables : slabdata 1 2 3\n",
		"slabinfo - version: 2.1\n\xff\xfe : slabdata\n",
		"dentry 10 20 192 21 1 : tunables 0 0 0 : slabdata 1 1 0\n",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(inputs); i++) {
		struct caches cs = { 0 };

		int rc = parse_slabinfo(inputs[i], &cs.c, &cs.n);

		assert_int_equal(rc, -EINVAL);
		assert_int_equal(cs.n, 0);
	}
}

/* Prefixes of a real file, and pieces of rows shuffled at random. */
static void test_truncated_and_random(void **state)
{
	static const char *pieces[] = {
		"slabinfo - version: 2.1\n", "name", " ", "  ", "1", "42",
		"99999999999999999999", " : tunables", " : slabdata", ":", "\n",
		"#", "-", "\t", "\xff",
	};
	char *text = fixture_text("jc-ubuntu-5.8-vm/proc/slabinfo");
	size_t len = strlen(text);
	uint64_t seed = UINT64_C(0x2545f4914f6cdd1d);

	(void)state;
	for (size_t cut = 0; cut <= len; cut += 7) {
		char *prefix = xstrndup(text, cut);
		struct caches cs = { 0 };
		int rc = parse_slabinfo(prefix, &cs.c, &cs.n);

		assert_true(rc == 0 || rc == -EINVAL);
		assert_true(cs.n <= 145);
		caches_free(&cs);
		free(prefix);
	}
	free(text);
	for (int round = 0; round < 500; round++) {
		char buf[2048];
		size_t n = 0;
		struct caches cs = { 0 };
		int rc;

		while (n < sizeof(buf) - 32) {
			const char *p;

			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			p = pieces[seed % ARRAY_SIZE(pieces)];
			memcpy(buf + n, p, strlen(p));
			n += strlen(p);
		}
		buf[n] = '\0';
		rc = parse_slabinfo(buf, &cs.c, &cs.n);
		assert_true(rc == 0 || rc == -EINVAL || rc == -ENOTSUP);
		for (size_t i = 0; i < cs.n; i++) {
			assert_non_null(cs.c[i].name);
			assert_true(cs.c[i].name[0] != '\0');
		}
		caches_free(&cs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_procfs_300_caches),
		cmocka_unit_test(test_pcp_vm),
		cmocka_unit_test(test_jc),
		cmocka_unit_test(test_insights_edited_rows),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_odd_rows),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_truncated_and_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
