/*
 * test_schema.c - the field tables: names are unique, lookups work, unknown
 * values are unknown, rates need two known counters, sorting puts unknown
 * values last in both directions, and freeing releases nested members.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "schema.h"
#include "util.h"

static const struct schema *all_schemas[] = {
	&proc_schema, &zone_schema, &migratetype_schema, &slab_schema,
	&numa_node_schema, &numa_schema, &zswap_schema, &psi_line_schema,
	&psi_schema, &cgroup_mem_schema, &cgroups_schema, &snapshot_schema,
	&vma_schema, &vmas_schema,
};

static void test_names_unique_and_described(void **state)
{
	(void)state;
	for (size_t s = 0; s < ARRAY_SIZE(all_schemas); s++) {
		const struct schema *sc = all_schemas[s];

		for (size_t i = 0; i < sc->nfields; i++) {
			const struct field *f = &sc->fields[i];

			assert_non_null(f->help);
			assert_true(strlen(f->help) > 5);
			assert_ptr_equal(schema_field(sc, f->name), f);
			if (f->type == FT_OBJECTS || f->type == FT_OBJECT)
				assert_non_null(f->sub);
			if (f->type == FT_RATE)
				assert_non_null(schema_field(sc, f->rate_of));
		}
	}
}

static void test_design_keys_present(void **state)
{
	/* DESIGN.md "Snapshot keys": processes[] */
	static const char *proc_keys[] = {
		"pid", "ppid", "user", "comm", "cmdline", "rss_kb", "pss_kb", "uss_kb",
		"swap_kb", "anon_kb", "file_kb", "shmem_kb", "pgtables_kb", "vsz_kb",
		"thp_kb", "minflt", "majflt", "minflt_rate", "majflt_rate",
		"oom_score", "oom_score_adj", "numa_node",
	};
	static const char *zone_keys[] = {
		"node", "zone", "free_blocks", "free_pages", "min_pages", "low_pages",
		"high_pages", "managed_pages", "present_pages",
	};
	static const char *top_keys[] = {
		"version", "time", "hostname", "kernel", "page_size", "meminfo",
		"vmstat", "processes", "zones", "slab", "numa", "thp", "zswap", "psi",
		"cgroup", "sysctl",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(proc_keys); i++)
		assert_non_null(schema_field(&proc_schema, proc_keys[i]));
	for (size_t i = 0; i < ARRAY_SIZE(zone_keys); i++)
		assert_non_null(schema_field(&zone_schema, zone_keys[i]));
	for (size_t i = 0; i < ARRAY_SIZE(top_keys); i++)
		assert_non_null(schema_field(&snapshot_schema, top_keys[i]));
	assert_null(schema_field(&proc_schema, "no_such_key"));
}

static void test_known_bits(void **state)
{
	struct proc p = { .pss_kb = 0, .rss_kb = 100 };
	const struct field *pss = schema_field(&proc_schema, "pss_kb");
	const struct field *rss = schema_field(&proc_schema, "rss_kb");
	const struct field *pid = schema_field(&proc_schema, "pid");

	(void)state;
	p.known = KNOWN(PROC_RSS);
	assert_false(field_known(&proc_schema, pss, &p));
	assert_true(field_known(&proc_schema, rss, &p));
	assert_false(field_known(&proc_schema, pid, &p));
}

static void test_rates(void **state)
{
	const struct field *rate = schema_field(&proc_schema, "minflt_rate");
	struct proc before = { .known = KNOWN(PROC_MINFLT), .minflt = 1000 };
	struct proc after = { .known = KNOWN(PROC_MINFLT), .minflt = 1500 };
	double r = -1;

	(void)state;
	assert_true(field_rate(&proc_schema, rate, &after, &before, 2.0, &r));
	assert_true(r > 249.999 && r < 250.001);
	assert_false(field_rate(&proc_schema, rate, &after, NULL, 2.0, &r));
	assert_false(field_rate(&proc_schema, rate, &after, &before, 0.0, &r));
	/* A counter that went backwards is a different process, not a rate. */
	assert_false(field_rate(&proc_schema, rate, &before, &after, 2.0, &r));
	before.known = 0;
	assert_false(field_rate(&proc_schema, rate, &after, &before, 2.0, &r));
}

static void test_find_prev_rejects_reused_pid(void **state)
{
	struct proc prev[2] = {
		{ .known = KNOWN(PROC_START_TICKS), .pid = 10, .start_ticks = 5 },
		{ .known = KNOWN(PROC_START_TICKS), .pid = 20, .start_ticks = 7 },
	};
	struct proc same = { .known = KNOWN(PROC_START_TICKS), .pid = 20,
	                     .start_ticks = 7 };
	struct proc reused = { .known = KNOWN(PROC_START_TICKS), .pid = 10,
	                       .start_ticks = 99 };
	struct proc absent = { .pid = 15 };

	(void)state;
	assert_ptr_equal(proc_schema.find_prev(prev, 2, &same), &prev[1]);
	assert_null(proc_schema.find_prev(prev, 2, &reused));
	assert_null(proc_schema.find_prev(prev, 2, &absent));
}

static void test_compare_unknown_last(void **state)
{
	const struct field *pss = schema_field(&proc_schema, "pss_kb");
	struct proc small = { .known = KNOWN(PROC_PSS), .pss_kb = 1 };
	struct proc big = { .known = KNOWN(PROC_PSS), .pss_kb = 9 };
	struct proc unknown = { .known = 0, .pss_kb = 1000 };

	(void)state;
	assert_true(schema_compare(&proc_schema, pss, &small, &big, false) < 0);
	assert_true(schema_compare(&proc_schema, pss, &small, &big, true) > 0);
	assert_true(schema_compare(&proc_schema, pss, &unknown, &small, false) > 0);
	assert_true(schema_compare(&proc_schema, pss, &unknown, &small, true) > 0);
	assert_true(schema_compare(&proc_schema, pss, &big, &unknown, true) < 0);
}

static void test_free_nested(void **state)
{
	struct snapshot *snap = snapshot_new();

	(void)state;
	kvlist_add(&snap->meminfo, "MemTotal", 100);
	snap->nzones = 1;
	snap->zones = xcalloc(1, sizeof(struct zone));
	snap->zones[0].zone = xstrdup("Normal");
	snap->zones[0].free_blocks = xcalloc(11, sizeof(int64_t));
	snap->zones[0].norders = 11;
	snap->zones[0].nmigratetypes = 1;
	snap->zones[0].migratetypes = xcalloc(1, sizeof(struct zone_migratetype));
	snap->zones[0].migratetypes[0].type = xstrdup("Movable");
	snap->nprocesses = 1;
	snap->processes = xcalloc(1, sizeof(struct proc));
	snap->processes[0].comm = xstrdup("x");
	snapshot_set_unavailable(snap, "slab", "no");
	snapshot_free(snap); /* leaks show under valgrind and ASan */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_unique_and_described),
		cmocka_unit_test(test_design_keys_present),
		cmocka_unit_test(test_known_bits),
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_find_prev_rejects_reused_pid),
		cmocka_unit_test(test_compare_unknown_last),
		cmocka_unit_test(test_free_nested),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
