/*
 * test_json.c - the snapshot JSON format and record files: every field of
 * every table is written and reads back byte for byte (a field added to a
 * table is covered with no change here: the snapshots are filled by walking
 * the tables), unknown values and sections are null, raw kernel bytes survive
 * as valid text, rates come from two snapshots, a newer version is refused,
 * a wrong type names its key path, garbage never crashes the reader, and the
 * replayer skips damaged lines with their line number.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "json.h"
#include "output.h"
#include "record.h"
#include "schema.h"
#include "util.h"

/* ---- snapshots filled by walking the tables ----------------------------- */

#define OBJECTS_PER_ARRAY 2

static void fill_entity(const struct schema *s, void *entity, int64_t *next);

static void set_count(const struct field *f, void *entity, size_t count)
{
	memcpy((char *)entity + f->count_offset, &count, sizeof(count));
}

static void fill_int_array(const struct field *f, void *entity, int64_t *next)
{
	int64_t *values = xcalloc(3, sizeof(*values));

	for (int i = 0; i < 3; i++)
		values[i] = (*next)++;
	memcpy(field_ptr_mut(f, entity), &values, sizeof(values));
	set_count(f, entity, 3);
}

static void fill_objects(const struct field *f, void *entity, int64_t *next)
{
	char *base = xcalloc(OBJECTS_PER_ARRAY, f->sub->size);

	for (int i = 0; i < OBJECTS_PER_ARRAY; i++)
		fill_entity(f->sub, base + i * f->sub->size, next);
	memcpy(field_ptr_mut(f, entity), &base, sizeof(base));
	set_count(f, entity, OBJECTS_PER_ARRAY);
}

/* Distinct values everywhere, so a value read into the wrong member shows. */
static void fill_field(const struct field *f, void *entity, int64_t *next)
{
	void *ptr = field_ptr_mut(f, entity);
	int64_t n = (*next)++;
	double real = (double)n / 3.0; /* needs all 17 digits */
	char *text;

	switch (f->type) {
	case FT_INT:
		memcpy(ptr, &n, sizeof(n));
		break;
	case FT_DOUBLE:
		memcpy(ptr, &real, sizeof(real));
		break;
	case FT_STRING:
		text = xasprintf("%s-%lld", f->name, (long long)n);
		memcpy(ptr, &text, sizeof(text));
		break;
	case FT_INT_ARRAY:
		fill_int_array(f, entity, next);
		break;
	case FT_KVLIST:
		kvlist_add(ptr, "alpha", n);
		kvlist_add(ptr, "beta", -n);
		break;
	case FT_SKVLIST:
		skvlist_add(ptr, "enabled", "always [madvise] never");
		skvlist_add(ptr, "count", "42");
		break;
	case FT_OBJECTS:
		fill_objects(f, entity, next);
		break;
	case FT_OBJECT:
		fill_entity(f->sub, ptr, next);
		break;
	case FT_RATE:
		break;
	}
}

static void fill_entity(const struct schema *s, void *entity, int64_t *next)
{
	uint64_t known = KNOWN(0);

	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];

		fill_field(f, entity, next);
		if (f->known_bit >= 0)
			known |= KNOWN(f->known_bit);
	}
	schema_set_known(s, entity, known);
}

static void replace_string(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

#define RAW_COMM "bad\xff\x01\x1fname\xc3("
#define RAW_COMM_READ "bad\\xff\x01\x1fname\\xc3("
/* Valid: tab, newline, u-umlaut, euro sign; invalid: a surrogate, a code
 * point above U+10FFFF, an overlong slash; and a literal "\x41". */
#define RAW_CMDLINE \
	"tab\there nl\n\xc3\xbc \xe2\x82\xac \xed\xa0\x80 \xf4\x90\x80\x80 " \
	"\xc0\xaf end\\x41"
#define RAW_CMDLINE_READ \
	"tab\there nl\n\xc3\xbc \xe2\x82\xac \\xed\\xa0\\x80 " \
	"\\xf4\\x90\\x80\\x80 \\xc0\\xaf end\\x41"

/*
 * Every field of every table set, plus what the format must carry: raw
 * bytes, an unknown value, a section that was not read (with its reason),
 * and a process whose sources failed.
 */
static struct snapshot *full_snapshot(void)
{
	struct snapshot *snap = snapshot_new();
	int64_t next = 1;
	struct proc *p;

	fill_entity(&snapshot_schema, snap, &next);
	snap->time = 1700000000.123456;
	p = &snap->processes[0];
	replace_string(&p->comm, RAW_COMM);
	replace_string(&p->cmdline, RAW_CMDLINE);
	p->source_err[PROC_SRC_STATUS] = EACCES;
	p->source_err[PROC_SRC_SMAPS_ROLLUP] = PROC_SOURCE_NOT_READ;
	snap->processes[1].known &= ~KNOWN(PROC_PSS);
	kvlist_add(&snap->meminfo, "Bad\xfeKey", 7);
	snap->known &= ~KNOWN(SEC_SLAB);
	snapshot_set_unavailable(snap, "slab",
	                         "/proc/slabinfo: Permission denied (run as root)");
	return snap;
}

/* ---- helpers ------------------------------------------------------------- */

/* What output_json writes (one line with its newline). Caller frees. */
static char *line_of(const struct snapshot *prev, const struct snapshot *cur)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	assert_non_null(mem);
	assert_int_equal(output_json(mem, prev, cur, NULL), 0);
	assert_int_equal(fclose(mem), 0);
	return text;
}

static json_t *parse(const char *text)
{
	json_error_t error;
	json_t *root = json_loads(text, 0, &error);

	if (!root)
		fail_msg("not JSON: %s", error.text);
	return root;
}

static struct snapshot *read_back(const char *text)
{
	json_t *root = parse(text);
	struct snapshot *snap = NULL;
	char *error = NULL;
	int rc = snapshot_from_json(root, &snap, &error);

	if (rc < 0)
		fail_msg("snapshot_from_json: %s", error);
	json_decref(root);
	assert_non_null(snap);
	return snap;
}

/* snapshot_from_json must fail with exactly this message. */
static void expect_error(const json_t *root, const char *message)
{
	struct snapshot *snap = NULL;
	char *error = NULL;

	assert_int_equal(snapshot_from_json(root, &snap, &error), -EINVAL);
	assert_null(snap);
	assert_non_null(error);
	assert_string_equal(error, message);
	free(error);
}

static void set_path(json_t *root, const char *path, json_t *value)
{
	json_t *at = root;
	char *copy = xstrdup(path), *save = NULL, *token, *last = NULL;

	/* "processes.1.rss_kb": numbers index arrays. */
	for (token = strtok_r(copy, ".", &save); token;
	     token = strtok_r(NULL, ".", &save)) {
		if (last)
			at = json_is_array(at) ? json_array_get(at, strtoul(last, NULL, 10))
			                       : json_object_get(at, last);
		assert_non_null(at);
		last = token;
	}
	if (json_is_array(at))
		assert_int_equal(json_array_set_new(at, strtoul(last, NULL, 10), value), 0);
	else
		assert_int_equal(json_object_set_new(at, last, value), 0);
	free(copy);
}

/* ---- round trip --------------------------------------------------------- */

static void test_round_trip_byte_identical(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *first = line_of(NULL, snap);
	struct snapshot *again = read_back(first);
	char *second = line_of(NULL, again);

	(void)state;
	assert_string_equal(first, second);
	/* The values themselves, not only their text, came back. */
	assert_true(again->time == snap->time);
	assert_int_equal(again->processes[1].rss_kb, snap->processes[1].rss_kb);
	assert_int_equal(again->zones[1].migratetypes[1].free_blocks[2],
	                 snap->zones[1].migratetypes[1].free_blocks[2]);
	assert_true(again->psi.full.avg300 == snap->psi.full.avg300);
	assert_int_equal(again->psi.known & KNOWN(0), KNOWN(0));
	assert_int_equal(again->cgroup.known & KNOWN(0), KNOWN(0));
	free(first);
	free(second);
	snapshot_free(snap);
	snapshot_free(again);
}

/* The previous snapshot: each process made 20 fewer minor faults, 2 s ago. */
static struct snapshot *earlier_snapshot(void)
{
	struct snapshot *snap = full_snapshot();

	snap->time -= 2.0;
	for (size_t i = 0; i < snap->nprocesses; i++)
		snap->processes[i].minflt -= 20;
	return snap;
}

static void test_round_trip_with_rates(void **state)
{
	struct snapshot *prev = earlier_snapshot(), *cur = full_snapshot();
	char *prev_line = line_of(NULL, prev), *first = line_of(prev, cur);
	struct snapshot *prev_again = read_back(prev_line);
	struct snapshot *cur_again = read_back(first);
	char *second = line_of(prev_again, cur_again);
	json_t *root = parse(first);

	(void)state;
	assert_string_equal(first, second);
	assert_true(json_real_value(json_object_get(
		json_array_get(json_object_get(root, "processes"), 0),
		"minflt_rate")) == 10.0);
	json_decref(root);
	free(prev_line);
	free(first);
	free(second);
	snapshot_free(prev);
	snapshot_free(cur);
	snapshot_free(prev_again);
	snapshot_free(cur_again);
}

/* ---- keys --------------------------------------------------------------- */

static void check_keys(const struct schema *s, const json_t *obj,
                       const char *where)
{
	assert_true(json_is_object(obj));
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		const json_t *value = json_object_get(obj, f->name);

		if (!value)
			fail_msg("%s: key \"%s\" missing", where, f->name);
		if (f->type == FT_OBJECT && !json_is_null(value))
			check_keys(f->sub, value, f->name);
		if (f->type == FT_OBJECTS && json_array_size(value) > 0)
			check_keys(f->sub, json_array_get(value, 0), f->name);
	}
}

static void test_every_key_present(void **state)
{
	/* DESIGN.md "Snapshot keys", top level, in this order. */
	static const char *const top_keys[] = {
		"format", "version", "time", "hostname", "kernel", "page_size",
		"meminfo", "vmstat", "processes", "zones", "slab", "numa", "thp",
		"zswap", "psi", "cgroup",
	};
	struct snapshot *prev = earlier_snapshot(), *cur = full_snapshot();
	char *line = line_of(prev, cur);
	json_t *root = parse(line);
	const char *key;
	json_t *value;
	size_t at = 0, index = 0;

	(void)state;
	check_keys(&snapshot_schema, root, "snapshot");
	json_object_foreach(root, key, value) {
		if (at < ARRAY_SIZE(top_keys) && strcmp(key, top_keys[at]) == 0)
			at++;
		if (index == 0)
			assert_string_equal(key, "format");
		index++;
	}
	assert_int_equal(at, ARRAY_SIZE(top_keys));
	assert_string_equal(json_string_value(json_object_get(root, "format")),
	                    "memlens-snapshot");
	assert_int_equal(json_integer_value(json_object_get(root, "version")),
	                 SNAPSHOT_VERSION);
	value = json_object_get(root, "rates");
	assert_true(json_is_object(value));
	assert_non_null(json_object_get(value, "pgfault_rate"));
	assert_non_null(json_object_get(value, "workingset_refault_file_rate"));
	assert_non_null(json_object_get(value, "oom_kill_rate"));
	json_decref(root);
	free(line);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* ---- unknown, unavailable, raw bytes ------------------------------------ */

static void test_unknown_is_null(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *line = line_of(NULL, snap);
	json_t *root = parse(line);
	json_t *procs = json_object_get(root, "processes");
	struct snapshot *again;

	(void)state;
	assert_true(json_is_null(json_object_get(json_array_get(procs, 1), "pss_kb")));
	assert_true(json_is_integer(json_object_get(json_array_get(procs, 0), "pss_kb")));
	assert_true(json_is_null(json_object_get(root, "slab")));
	assert_true(json_is_null(json_object_get(root, "rates")));
	assert_true(json_is_null(json_object_get(json_array_get(procs, 0),
	                                         "minflt_rate")));
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(root, "unavailable"), "slab")),
		"/proc/slabinfo: Permission denied (run as root)");
	again = read_back(line);
	assert_int_equal(again->processes[1].known & KNOWN(PROC_PSS), 0);
	assert_int_equal(again->processes[1].known & KNOWN(PROC_RSS), KNOWN(PROC_RSS));
	assert_int_equal(again->known & KNOWN(SEC_SLAB), 0);
	assert_int_equal(again->nslab, 0);
	assert_int_equal(again->known & KNOWN(SEC_ZONES), KNOWN(SEC_ZONES));
	json_decref(root);
	free(line);
	snapshot_free(snap);
	snapshot_free(again);
}

static void test_missing_keys_read_as_unknown(void **state)
{
	json_t *root = json_pack("{s:s, s:i, s:[{s:i}]}", "format",
	                         SNAPSHOT_FORMAT, "version", SNAPSHOT_VERSION,
	                         "processes", "pid", 42);
	struct snapshot *snap = NULL;
	char *error = NULL;

	(void)state;
	assert_int_equal(snapshot_from_json(root, &snap, &error), 0);
	assert_int_equal(snap->known, KNOWN(SEC_PROCESSES));
	assert_int_equal(snap->nprocesses, 1);
	assert_int_equal(snap->processes[0].known, KNOWN(PROC_PID));
	assert_int_equal(snap->processes[0].pid, 42);
	assert_null(snap->processes[0].comm);
	json_decref(root);
	snapshot_free(snap);
}

static void test_raw_bytes_as_valid_text(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *line = line_of(NULL, snap);
	json_t *root = parse(line);
	json_t *proc = json_array_get(json_object_get(root, "processes"), 0);
	struct snapshot *again;

	(void)state;
	/* Controls escaped by JSON, invalid bytes as \xNN. */
	assert_non_null(strstr(line, "\"comm\":\"bad\\\\xff\\u0001\\u001Fname\\\\xc3(\""));
	assert_string_equal(json_string_value(json_object_get(proc, "comm")),
	                    RAW_COMM_READ);
	assert_string_equal(json_string_value(json_object_get(proc, "cmdline")),
	                    RAW_CMDLINE_READ);
	assert_non_null(json_object_get(json_object_get(root, "meminfo"),
	                                "Bad\\xfeKey"));
	again = read_back(line);
	assert_string_equal(again->processes[0].comm, RAW_COMM_READ);
	json_decref(root);
	free(line);
	snapshot_free(snap);
	snapshot_free(again);
}

static void test_process_unavailable(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *line = line_of(NULL, snap);
	json_t *root = parse(line);
	json_t *procs = json_object_get(root, "processes");
	json_t *reasons = json_object_get(json_array_get(procs, 0), "unavailable");
	struct snapshot *again;

	(void)state;
	assert_int_equal(json_object_size(reasons), 2);
	assert_string_equal(json_string_value(json_object_get(reasons, "status")),
	                    "Permission denied");
	assert_string_equal(json_string_value(json_object_get(reasons, "smaps_rollup")),
	                    "not requested");
	assert_null(json_object_get(json_array_get(procs, 1), "unavailable"));
	again = read_back(line);
	assert_int_equal(again->processes[0].source_err[PROC_SRC_STAT], 0);
	assert_int_equal(again->processes[0].source_err[PROC_SRC_STATUS], EACCES);
	assert_int_equal(again->processes[0].source_err[PROC_SRC_SMAPS_ROLLUP],
	                 PROC_SOURCE_NOT_READ);
	assert_int_equal(again->processes[1].source_err[PROC_SRC_STATUS], 0);
	json_decref(root);
	free(line);
	snapshot_free(snap);
	snapshot_free(again);
}

/* ---- rates -------------------------------------------------------------- */

static struct snapshot *rate_snapshot(double time, int64_t pgfault,
                                      int64_t pgmajfault, bool has_oom_kill,
                                      int64_t minflt, int64_t start_ticks)
{
	struct snapshot *snap = snapshot_new();
	struct proc *p;

	snap->time = time;
	snap->known = KNOWN(SEC_VMSTAT) | KNOWN(SEC_PROCESSES);
	kvlist_add(&snap->vmstat, "pgfault", pgfault);
	kvlist_add(&snap->vmstat, "pgmajfault", pgmajfault);
	if (has_oom_kill)
		kvlist_add(&snap->vmstat, "oom_kill", 3);
	snap->processes = p = xcalloc(2, sizeof(*p));
	snap->nprocesses = 2;
	p[0] = (struct proc){ .pid = 10, .minflt = minflt, .start_ticks = 5,
	                      .known = KNOWN(PROC_PID) | KNOWN(PROC_MINFLT) |
	                               KNOWN(PROC_START_TICKS) };
	p[1] = (struct proc){ .pid = 20, .minflt = minflt, .start_ticks = start_ticks,
	                      .known = KNOWN(PROC_PID) | KNOWN(PROC_MINFLT) |
	                               KNOWN(PROC_START_TICKS) };
	return snap;
}

static double rate_value(const json_t *rates, const char *key)
{
	const json_t *value = json_object_get(rates, key);

	if (!json_is_real(value))
		fail_msg("%s is not a number", key);
	return json_real_value(value);
}

static void test_rates_from_two_snapshots(void **state)
{
	/* 2 s apart: 500 faults, pgmajfault went backwards (a counter reset),
	 * oom_kill only in the second, pid 20 is a new process. */
	struct snapshot *prev = rate_snapshot(100.0, 1000, 9, false, 100, 7);
	struct snapshot *cur = rate_snapshot(102.0, 1500, 4, true, 130, 8);
	char *line = line_of(prev, cur);
	json_t *root = parse(line);
	json_t *rates = json_object_get(root, "rates");
	json_t *procs = json_object_get(root, "processes");

	(void)state;
	assert_true(rate_value(rates, "pgfault_rate") == 250.0);
	assert_true(json_is_null(json_object_get(rates, "pgmajfault_rate")));
	assert_true(json_is_null(json_object_get(rates, "oom_kill_rate")));
	assert_true(json_is_null(json_object_get(rates, "pswpin_rate")));
	assert_int_equal(json_object_size(rates), 23);
	assert_true(rate_value(json_array_get(procs, 0), "minflt_rate") == 15.0);
	assert_true(json_is_null(json_object_get(json_array_get(procs, 1),
	                                         "minflt_rate")));
	assert_true(json_is_null(json_object_get(json_array_get(procs, 0),
	                                         "majflt_rate")));
	json_decref(root);
	free(line);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void test_rates_need_a_forward_interval(void **state)
{
	struct snapshot *prev = rate_snapshot(100.0, 1000, 9, false, 100, 7);
	struct snapshot *cur = rate_snapshot(100.0, 1500, 9, false, 130, 7);
	char *line = line_of(prev, cur);
	json_t *root = parse(line);

	(void)state;
	assert_true(json_is_null(json_object_get(json_object_get(root, "rates"),
	                                         "pgfault_rate")));
	assert_true(json_is_null(json_object_get(
		json_array_get(json_object_get(root, "processes"), 0), "minflt_rate")));
	json_decref(root);
	free(line);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* ---- refusals ----------------------------------------------------------- */

static json_t *full_json(void)
{
	struct snapshot *snap = full_snapshot();
	char *line = line_of(NULL, snap);
	json_t *root = parse(line);

	free(line);
	snapshot_free(snap);
	return root;
}

static void test_newer_version_refused(void **state)
{
	json_t *root = full_json();
	char *message = xasprintf("snapshot format version %d is newer than this "
	                          "memlens understands (%d)",
	                          SNAPSHOT_VERSION + 1, SNAPSHOT_VERSION);

	(void)state;
	set_path(root, "version", json_integer(SNAPSHOT_VERSION + 1));
	expect_error(root, message);
	set_path(root, "version", json_integer(0));
	expect_error(root, "version: 0 is not a snapshot format version");
	set_path(root, "version", json_string("1"));
	expect_error(root, "version: expected an integer");
	set_path(root, "version", json_integer(SNAPSHOT_VERSION));
	set_path(root, "format", json_string("memlens-something"));
	expect_error(root, "not a memlens snapshot (\"format\" is not "
	                   "\"memlens-snapshot\")");
	free(message);
	json_decref(root);
}

static void test_wrong_type_names_key_path(void **state)
{
	static const struct {
		const char *path;
		const char *message;
	} cases[] = {
		{ "processes.1.rss_kb", "processes[1].rss_kb: expected an integer" },
		{ "processes.1", "processes[1]: expected an object" },
		{ "processes", "processes: expected an array" },
		{ "zones.1.migratetypes.0.free_blocks.2",
		  "zones[1].migratetypes[0].free_blocks[2]: expected an integer" },
		{ "meminfo.alpha", "meminfo.alpha: expected an integer" },
		{ "thp.enabled", "thp.enabled: expected a string" },
		{ "psi.some.avg10", "psi.some.avg10: expected a number" },
		{ "hostname", "hostname: expected a string" },
		{ "processes.0.unavailable.status",
		  "processes[0].unavailable.status: expected a string" },
		{ "numa.nodes.1.distance", "numa.nodes[1].distance: expected an array" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		json_t *root = full_json();

		set_path(root, cases[i].path, json_pack("[i]", 1));
		if (strstr(cases[i].message, "an array"))
			set_path(root, cases[i].path, json_true());
		expect_error(root, cases[i].message);
		json_decref(root);
	}
}

static void read_must_not_crash(const json_t *root)
{
	struct snapshot *snap = NULL;
	char *error = NULL;
	int rc = snapshot_from_json(root, &snap, &error);

	if (rc == 0) {
		free(line_of(NULL, snap));
		snapshot_free(snap);
	} else {
		assert_int_equal(rc, -EINVAL);
		assert_non_null(error);
		assert_null(snap);
		free(error);
	}
}

/* Replaces each value in turn by values of every other type. */
static void mutate_each_value(json_t *root, json_t *at)
{
	json_t *replacements[] = {
		json_null(), json_string("x"), json_integer(-1), json_real(1.5),
		json_array(), json_object(), json_true(),
	};
	size_t count = json_is_array(at) ? json_array_size(at) : 0;
	const char *key;
	json_t *value;
	void *tmp;

	json_object_foreach_safe(at, tmp, key, value) {
		json_incref(value);
		for (size_t r = 0; r < ARRAY_SIZE(replacements); r++) {
			json_object_set(at, key, replacements[r]);
			read_must_not_crash(root);
		}
		json_object_set(at, key, value);
		mutate_each_value(root, value);
		json_decref(value);
	}
	for (size_t i = 0; i < count; i++) {
		value = json_incref(json_array_get(at, i));
		for (size_t r = 0; r < ARRAY_SIZE(replacements); r++) {
			json_array_set(at, i, replacements[r]);
			read_must_not_crash(root);
		}
		json_array_set(at, i, value);
		mutate_each_value(root, value);
		json_decref(value);
	}
	for (size_t r = 0; r < ARRAY_SIZE(replacements); r++)
		json_decref(replacements[r]);
}

static void test_garbage_refused(void **state)
{
	static const char *const not_snapshots[] = {
		"[]", "\"memlens-snapshot\"", "17", "null", "{}",
		"{\"format\":\"memlens-snapshot\"}",
	};
	json_t *root = full_json();
	char *text = json_dumps(root, JSON_COMPACT);
	size_t len = strlen(text);

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(not_snapshots); i++) {
		json_t *value = json_loads(not_snapshots[i], JSON_DECODE_ANY, NULL);

		assert_non_null(value);
		read_must_not_crash(value);
		json_decref(value);
	}
	/* Cut anywhere: jansson refuses or the reader copes. */
	for (size_t cut = 0; cut < len; cut += 13) {
		json_t *value = json_loadb(text, cut, 0, NULL);

		if (value)
			read_must_not_crash(value);
		json_decref(value);
	}
	mutate_each_value(root, root);
	free(text);
	json_decref(root);
}

/* ---- output_json -------------------------------------------------------- */

static void test_output_is_one_line(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *line = line_of(NULL, snap);
	char *start = xasprintf("{\"format\":\"memlens-snapshot\",\"version\":%d,",
	                        SNAPSHOT_VERSION);
	size_t len = strlen(line);

	(void)state;
	assert_true(len > 2);
	assert_int_equal(line[len - 1], '\n');
	assert_ptr_equal(strchr(line, '\n'), line + len - 1);
	assert_true(strncmp(line, start, strlen(start)) == 0);
	free(start);
	free(line);
	snapshot_free(snap);
}

static void test_output_selects_pids(void **state)
{
	struct snapshot *snap = full_snapshot();
	int64_t pid = snap->processes[1].pid;
	struct output_options opts = { .format = OUTPUT_JSON, .pids = &pid,
	                               .npids = 1 };
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	json_t *root, *procs;

	(void)state;
	assert_int_equal(output_json(mem, NULL, snap, &opts), 0);
	fclose(mem);
	root = parse(text);
	procs = json_object_get(root, "processes");
	assert_int_equal(json_array_size(procs), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(procs, 0),
	                                                    "pid")), pid);
	json_decref(root);
	free(text);
	snapshot_free(snap);
}

static void test_output_reports_epipe(void **state)
{
	struct snapshot *snap = full_snapshot();
	int fds[2];
	FILE *out;

	(void)state;
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	out = fdopen(fds[1], "w");
	assert_non_null(out);
	assert_int_equal(output_json(out, NULL, snap, NULL), -EPIPE);
	fclose(out);
	snapshot_free(snap);
}

/* A locale with a decimal comma changes nothing in the file. */
static void test_decimal_comma_locale(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *c_line = line_of(NULL, snap), *de_line;
	struct snapshot *again;

	(void)state;
	/*
	 * Without a German locale this checks nothing; tests/cli/record.sh builds
	 * one with localedef.  (cmocka 1.1's skip() prints "not ok # SKIP",
	 * which the TAP driver counts as a failure.)
	 */
	if (!setlocale(LC_ALL, "de_DE.UTF-8") && !setlocale(LC_ALL, "de_DE.utf8")) {
		free(c_line);
		snapshot_free(snap);
		return;
	}
	de_line = line_of(NULL, snap);
	again = read_back(de_line);
	setlocale(LC_ALL, "C");
	assert_string_equal(c_line, de_line);
	assert_true(again->time == snap->time);
	free(c_line);
	free(de_line);
	snapshot_free(snap);
	snapshot_free(again);
}

/* ---- record files ------------------------------------------------------- */

static char *temp_path(void)
{
	char *path = xasprintf("%s/memlens-test-json.XXXXXX",
	                       getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	return path;
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Replays path: the lines written again, and the warnings. */
struct replay_result {
	char *lines;
	char *warnings;
	int last_rc;
	char *error;
};

static struct replay_result replay(const char *path)
{
	struct replay_result res = { 0 };
	struct replayer *r;
	struct snapshot *prev = NULL, *cur;
	size_t lines_len = 0, warn_len = 0;
	FILE *lines = open_memstream(&res.lines, &lines_len);
	FILE *warn = open_memstream(&res.warnings, &warn_len);

	assert_int_equal(replayer_open(&r, path), 0);
	while ((res.last_rc = replayer_next(r, &cur, &res.error, warn)) == 1) {
		assert_int_equal(output_json(lines, prev, cur, NULL), 0);
		snapshot_free(prev);
		prev = cur;
	}
	snapshot_free(prev);
	replayer_close(r);
	fclose(lines);
	fclose(warn);
	return res;
}

static void replay_result_free(struct replay_result *res)
{
	free(res->lines);
	free(res->warnings);
	free(res->error);
}

static void test_record_then_replay(void **state)
{
	struct snapshot *prev = earlier_snapshot(), *cur = full_snapshot();
	char *path = temp_path();
	char *first = line_of(NULL, prev), *second = line_of(prev, cur);
	char *expected = xasprintf("%s%s", first, second);
	struct recorder *rec;
	struct replay_result res;
	char *warning;

	(void)state;
	/* A line cut short by a crash: the recorder ends it first. */
	write_file(path, "{\"format\":\"mem", 14);
	assert_int_equal(recorder_open(&rec, path), 0);
	assert_int_equal(recorder_append(rec, NULL, prev), 0);
	assert_int_equal(recorder_append(rec, prev, cur), 0);
	assert_int_equal(recorder_close(rec), 0);
	res = replay(path);
	assert_int_equal(res.last_rc, 0);
	assert_string_equal(res.lines, expected);
	warning = xasprintf("%s:1: skipped: ", path);
	assert_non_null(strstr(res.warnings, warning));
	assert_null(strchr(strchr(res.warnings, '\n') + 1, '\n'));
	free(warning);
	replay_result_free(&res);
	unlink(path);
	free(path);
	free(expected);
	free(first);
	free(second);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void test_replay_skips_damaged_lines(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *good = line_of(NULL, snap), *path = temp_path();
	char *text, *warning;
	struct replay_result res;
	size_t good_len = strlen(good);
	size_t len;

	(void)state;
	/* good, corrupt, a NUL byte, blank, a wrong type, good, cut short */
	text = xasprintf("%s{\"format\":\n@\n\n%.*s,\"processes\":7}\n%s%.*s", good,
	                 (int)(good_len - 2), good, good, (int)(good_len / 2), good);
	len = strlen(text);
	text[strlen(good) + strlen("{\"format\":\n")] = '\0'; /* '@' */
	write_file(path, text, len);
	res = replay(path);
	assert_int_equal(res.last_rc, 0);
	/* The two good lines (the second one with rates). */
	assert_true(strncmp(res.lines, good, good_len) == 0);
	assert_ptr_equal(strchr(res.lines + good_len, '\n'),
	                 res.lines + strlen(res.lines) - 1);
	warning = xasprintf("%s:2: skipped: ", path);
	assert_non_null(strstr(res.warnings, warning));
	free(warning);
	warning = xasprintf("%s:3: skipped: ", path);
	assert_non_null(strstr(res.warnings, warning));
	free(warning);
	warning = xasprintf("%s:5: skipped: processes: expected an array", path);
	assert_non_null(strstr(res.warnings, warning));
	free(warning);
	warning = xasprintf("%s:7: skipped: line cut short", path);
	assert_non_null(strstr(res.warnings, warning));
	free(warning);
	assert_null(strstr(res.warnings, ":4:"));
	replay_result_free(&res);
	unlink(path);
	free(path);
	free(text);
	free(good);
	snapshot_free(snap);
}

static void test_replay_stops_at_newer_version(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *good = line_of(NULL, snap), *path = temp_path();
	char *newer = xstrdup(good), *text, *expected;
	struct replay_result res;

	(void)state;
	/* "version":1 -> "version":9 */
	memcpy(strstr(newer, "\"version\":1,") + 10, "9", 1);
	text = xasprintf("%s%s%s", good, newer, good);
	write_file(path, text, strlen(text));
	res = replay(path);
	assert_int_equal(res.last_rc, -EINVAL);
	assert_string_equal(res.lines, good);
	expected = xasprintf("%s:2: snapshot format version 9 is newer than this "
	                     "memlens understands (%d)", path, SNAPSHOT_VERSION);
	assert_string_equal(res.error, expected);
	replay_result_free(&res);
	unlink(path);
	free(expected);
	free(path);
	free(text);
	free(newer);
	free(good);
	snapshot_free(snap);
}

static void test_replay_stops_at_another_format(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *good = line_of(NULL, snap), *path = temp_path();
	char *text = xasprintf("%s{\"format\":\"other-tool\",\"version\":1}\n%s",
	                       good, good);
	char *expected;
	struct replay_result res;

	(void)state;
	write_file(path, text, strlen(text));
	res = replay(path);
	assert_int_equal(res.last_rc, -EINVAL);
	assert_string_equal(res.lines, good);
	expected = xasprintf("%s:2: not a memlens snapshot", path);
	assert_true(strncmp(res.error, expected, strlen(expected)) == 0);
	replay_result_free(&res);
	unlink(path);
	free(expected);
	free(path);
	free(text);
	free(good);
	snapshot_free(snap);
}

static void test_replay_long_line(void **state)
{
	struct snapshot *snap = full_snapshot();
	char *path = temp_path(), *line;
	size_t long_len = 1 << 20;
	struct recorder *rec;
	struct replay_result res;

	(void)state;
	free(snap->processes[1].cmdline);
	snap->processes[1].cmdline = xmalloc(long_len + 1);
	memset(snap->processes[1].cmdline, 'a', long_len);
	snap->processes[1].cmdline[long_len] = '\0';
	line = line_of(NULL, snap);
	assert_int_equal(recorder_open(&rec, path), 0);
	assert_int_equal(recorder_append(rec, NULL, snap), 0);
	assert_int_equal(recorder_close(rec), 0);
	res = replay(path);
	assert_int_equal(res.last_rc, 0);
	assert_string_equal(res.lines, line);
	assert_string_equal(res.warnings, "");
	replay_result_free(&res);
	unlink(path);
	free(path);
	free(line);
	snapshot_free(snap);
}

/* cgroup v2 says "max" for no limit; JSON says the same, and reads it back. */
static void test_unlimited_is_max(void **state)
{
	struct snapshot *snap = snapshot_new(), *back = NULL;
	struct cgroup_mem *cg;
	char *error = NULL;
	json_t *json, *limit;

	(void)state;
	snap->known |= KNOWN(SEC_CGROUP);
	snap->cgroup.known = KNOWN(0);
	snap->cgroup.version = 2;
	snap->cgroup.mount = xstrdup("/sys/fs/cgroup");
	snap->cgroup.count = 1;
	snap->cgroup.groups = cg = xcalloc(1, sizeof(*cg));
	cg->path = xstrdup("/");
	cg->known = KNOWN(CG_LIMIT) | KNOWN(CG_USAGE) | KNOWN(CG_HIGH);
	cg->limit_kb = CGROUP_UNLIMITED;
	cg->usage_kb = 1024;
	cg->high_kb = 2048;
	json = snapshot_to_json(NULL, snap);
	limit = json_object_get(json_array_get(json_object_get(
		json_object_get(json, "cgroup"), "groups"), 0), "limit_kb");
	assert_string_equal(json_string_value(limit), "max");
	assert_int_equal(snapshot_from_json(json, &back, &error), 0);
	assert_int_equal(back->cgroup.groups[0].limit_kb, CGROUP_UNLIMITED);
	assert_int_equal(back->cgroup.groups[0].high_kb, 2048);
	assert_int_equal(back->cgroup.groups[0].usage_kb, 1024);
	json_decref(json);
	snapshot_free(snap);
	snapshot_free(back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_byte_identical),
		cmocka_unit_test(test_round_trip_with_rates),
		cmocka_unit_test(test_every_key_present),
		cmocka_unit_test(test_unknown_is_null),
		cmocka_unit_test(test_missing_keys_read_as_unknown),
		cmocka_unit_test(test_raw_bytes_as_valid_text),
		cmocka_unit_test(test_process_unavailable),
		cmocka_unit_test(test_rates_from_two_snapshots),
		cmocka_unit_test(test_rates_need_a_forward_interval),
		cmocka_unit_test(test_newer_version_refused),
		cmocka_unit_test(test_wrong_type_names_key_path),
		cmocka_unit_test(test_garbage_refused),
		cmocka_unit_test(test_output_is_one_line),
		cmocka_unit_test(test_output_selects_pids),
		cmocka_unit_test(test_output_reports_epipe),
		cmocka_unit_test(test_decimal_comma_locale),
		cmocka_unit_test(test_record_then_replay),
		cmocka_unit_test(test_replay_skips_damaged_lines),
		cmocka_unit_test(test_replay_stops_at_newer_version),
		cmocka_unit_test(test_replay_stops_at_another_format),
		cmocka_unit_test(test_replay_long_line),
		cmocka_unit_test(test_unlimited_is_max),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
