/*
 * text_thp.c - the thp view of batch text ("Huge pages and zswap"): the
 * transparent_hugepage settings, per-size (mTHP) settings and counters,
 * huge page sizes from meminfo and the thp_ vmstat counters; then zswap:
 * its parameters, pool statistics, compression ratio and counters.
 *
 * Must not: print a setting or a name from sysfs without escaping it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"
#include "util.h"

/* The sizes (mTHP orders, sorted), their settings ("enabled") and their
 * counters ("stats/anon_fault_alloc"). */
struct text_thp_sizes {
	int64_t *sizes;
	size_t nsizes;
	const char *settings[TEXT_TABLE_MAX_COLS - 1];
	size_t nsettings;
	const char *stats[256];
	size_t nstats;
};

static bool text_thp_per_size(const char *name)
{
	return strncmp(name, "hugepages-", 10) == 0 && strchr(name, '/');
}

/* The settings that hold for every size, one per row. */
static void text_thp_settings(struct text *t)
{
	const struct skvlist *thp = &t->cur->thp;
	struct text_table tb = { 0 };

	text_table_col(&tb, _("SETTING"), true);
	text_table_col(&tb, _("VALUE"), true);
	for (size_t i = 0; i < thp->count; i++) {
		size_t r;

		if (text_thp_per_size(thp->items[i].name))
			continue;
		r = text_table_row(&tb);
		text_table_set(&tb, r, 0, text_value_safe(t, thp->items[i].name));
		text_table_set(&tb, r, 1, text_value_safe(t, thp->items[i].value));
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* "hugepages-2048kB/enabled" -> size_kb 2048, key "enabled". */
static bool text_thp_split(const char *name, int64_t *size_kb,
                           const char **key)
{
	char *end;

	if (!text_thp_per_size(name))
		return false;
	*size_kb = strtoll(name + 10, &end, 10);
	*key = strchr(name, '/') + 1;
	return true;
}

static int text_thp_compare_int64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

static size_t text_thp_add_int(int64_t *set, size_t n, int64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == v)
			return n;
	set[n] = v;
	return n + 1;
}

static size_t text_thp_add_str(const char **set, size_t n, size_t max,
                               const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(set[i], s) == 0)
			return n;
	if (n == max)
		return n;
	set[n] = s;
	return n + 1;
}

/* The value of hugepages-<size>kB/<key>: a setting's chosen value, or a
 * counter as is. */
static char *text_thp_size_value(const struct text *t, int64_t size_kb,
                                 const char *key)
{
	char *name = xasprintf("hugepages-%" PRId64 "kB/%s", size_kb, key);
	const char *value = skvlist_get(&t->cur->thp, name);

	free(name);
	return value ? text_value_choice(t, value) : text_table_na();
}

static void text_thp_sizes_collect(const struct skvlist *thp,
                                   struct text_thp_sizes *ts)
{
	ts->sizes = xcalloc(thp->count + 1, sizeof(*ts->sizes));
	for (size_t i = 0; i < thp->count; i++) {
		int64_t size_kb;
		const char *key;

		if (!text_thp_split(thp->items[i].name, &size_kb, &key))
			continue;
		ts->nsizes = text_thp_add_int(ts->sizes, ts->nsizes, size_kb);
		if (strchr(key, '/'))
			ts->nstats = text_thp_add_str(ts->stats, ts->nstats,
			                              ARRAY_SIZE(ts->stats), key);
		else
			ts->nsettings = text_thp_add_str(ts->settings,
			                                 ts->nsettings,
			                                 ARRAY_SIZE(ts->settings),
			                                 key);
	}
	qsort(ts->sizes, ts->nsizes, sizeof(*ts->sizes),
	      text_thp_compare_int64);
}

/* One row per size, one column per setting. */
static void text_thp_size_settings(struct text *t,
                                   const struct text_thp_sizes *ts)
{
	struct text_table tb = { 0 };

	text_table_col(&tb, _("SIZE_KB"), false);
	for (size_t k = 0; k < ts->nsettings; k++)
		text_table_col_take(&tb, text_value_safe(t, ts->settings[k]), true);
	for (size_t i = 0; i < ts->nsizes; i++) {
		size_t r = text_table_row(&tb);

		text_table_setf(&tb, r, 0, "%" PRId64, ts->sizes[i]);
		for (size_t k = 0; k < ts->nsettings; k++)
			text_table_set(&tb, r, k + 1,
			               text_thp_size_value(t, ts->sizes[i],
			                                   ts->settings[k]));
	}
	text_put(t, "%s\n", _("  per-size THP (mTHP), chosen values"));
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* One row per counter, one column per size: sizes are few, counters many. */
static void text_thp_size_stats(struct text *t,
                                const struct text_thp_sizes *ts)
{
	struct text_table tb = { 0 };
	size_t sizes = ts->nsizes < TEXT_TABLE_MAX_COLS - 1
	                       ? ts->nsizes
	                       : TEXT_TABLE_MAX_COLS - 1;

	text_table_col(&tb, _("COUNTER"), true);
	for (size_t i = 0; i < sizes; i++)
		text_table_col_take(&tb, xasprintf("%" PRId64 "kB", ts->sizes[i]),
		                    false);
	for (size_t k = 0; k < ts->nstats; k++) {
		size_t r = text_table_row(&tb);

		text_table_set(&tb, r, 0,
		               text_value_safe(t, strchr(ts->stats[k], '/') + 1));
		for (size_t i = 0; i < sizes; i++)
			text_table_set(&tb, r, i + 1,
			               text_thp_size_value(t, ts->sizes[i],
			                                   ts->stats[k]));
	}
	text_put(t, "%s\n", _("  per-size THP counters since boot"));
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static void text_thp_sizes(struct text *t)
{
	struct text_thp_sizes ts = { 0 };

	text_thp_sizes_collect(&t->cur->thp, &ts);
	if (ts.nsizes && ts.nsettings)
		text_thp_size_settings(t, &ts);
	if (ts.nsizes && ts.nstats)
		text_thp_size_stats(t, &ts);
	free(ts.sizes);
}

static void text_thp_meminfo(struct text *t)
{
	static const char *const kb_keys[] = { "AnonHugePages", "ShmemHugePages",
	                                       "FileHugePages", "Hugetlb" };
	const struct snapshot *s = t->cur;
	char b[TEXT_VALUE_LEN];

	if (!text_has_section(s, SEC_MEMINFO))
		return;
	text_put(t, "  meminfo:");
	for (size_t i = 0; i < ARRAY_SIZE(kb_keys); i++) {
		struct text_kb size = text_value_meminfo(s, kb_keys[i]);

		if (size.known)
			text_put(t, " %s %s,", kb_keys[i],
			         text_value_human(b, size));
	}
	text_put(t, " HugePages_Total %s,",
	         text_value_kv_int(b, true, &s->meminfo, "HugePages_Total"));
	text_put(t, " HugePages_Free %s\n",
	         text_value_kv_int(b, true, &s->meminfo, "HugePages_Free"));
}

static void text_thp_hugepages(struct text *t)
{
	if (text_put_need_section(t, SEC_THP)) {
		if (t->cur->thp.count) {
			text_thp_settings(t);
			text_thp_sizes(t);
		} else {
			text_put(t, "  %s\n",
			         _("no THP settings (kernel without THP)"));
		}
	}
	text_thp_meminfo(t);
	if (text_put_need_section(t, SEC_VMSTAT))
		text_table_counters(t, NULL, 0, "thp_");
}

static void text_thp_zswap_parameters(struct text *t, const struct zswap *z)
{
	if (!(z->known & KNOWN(ZSWAP_PARAMETERS))) {
		text_put_missing(t, "  ", "zswap.parameters");
		return;
	}
	text_put(t, "  %s", _("zswap parameters:"));
	for (size_t i = 0; i < z->parameters.count; i++) {
		char *name = text_value_safe(t, z->parameters.items[i].name);
		char *value = text_value_safe(t, z->parameters.items[i].value);

		text_put(t, " %s=%s", name, value);
		free(name);
		free(value);
	}
	text_put(t, "\n");
}

static void text_thp_zswap_stats(struct text *t, const struct zswap *z)
{
	struct text_table tb = { 0 };

	if (!(z->known & KNOWN(ZSWAP_STATS))) {
		text_put_missing(t, "  ", "zswap.stats");
		return;
	}
	text_table_col(&tb, _("POOL"), true);
	text_table_col(&tb, _("VALUE"), false);
	for (size_t i = 0; i < z->stats.count; i++) {
		size_t r = text_table_row(&tb);

		text_table_set(&tb, r, 0, text_value_safe(t, z->stats.items[i].name));
		text_table_setf(&tb, r, 1, "%" PRId64, z->stats.items[i].value);
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* The compression ratio: original size over pool size, when both are
 * known and not zero. */
static void text_thp_zswap_ratio(struct text *t)
{
	struct text_kb pool = text_value_meminfo(t->cur, "Zswap");
	struct text_kb stored = text_value_meminfo(t->cur, "Zswapped");
	char b[3][TEXT_VALUE_LEN];
	const char *ratio = "n/a";

	if (pool.known && stored.known && pool.kb > 0 && stored.kb > 0) {
		snprintf(b[2], TEXT_VALUE_LEN, "%.2f",
		         (double)stored.kb / (double)pool.kb);
		ratio = b[2];
	}
	text_put(t, _("  Zswap %s pool, Zswapped %s stored, compression ratio "
	              "%s\n"),
	         text_value_human(b[0], pool), text_value_human(b[1], stored),
	         ratio);
}

void text_thp_view(struct text *t)
{
	static const char *const zswap_counters[] = { "zswpin", "zswpout",
	                                              "zswpwb" };
	const struct zswap *z = &t->cur->zswap;

	text_thp_hugepages(t);
	if (!text_put_need_section(t, SEC_ZSWAP))
		return;
	text_thp_zswap_parameters(t, z);
	text_thp_zswap_stats(t, z);
	if (text_has_section(t->cur, SEC_MEMINFO))
		text_thp_zswap_ratio(t);
	if (text_has_section(t->cur, SEC_VMSTAT))
		text_table_counters(t, zswap_counters, ARRAY_SIZE(zswap_counters),
		                    NULL);
}
