/*
 * text_numa.c - the numa view of batch text, like numastat -m and
 * numactl -H: per-node meminfo, numastat counters since boot and per
 * second, and the distance matrix (in slices on wide machines).  Tables
 * are split, NODE repeated, so that each fits 80 columns (the TUI shows
 * this text as a page) with every value exact.
 *
 * Must not: read the clock (per-second values come from the two
 * snapshots), or print a kernel string without escaping it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>

#include "text_internal.h"
#include "util.h"

/* Target nodes per slice of the distance matrix. */
#define DISTANCE_COLS 16
/* numastat counters per table (see text_numa_stat). */
#define STAT_COLS 3

/* A NODE cell in column 0 of a new row; returns the row. */
static size_t text_numa_row(struct text_table *tb, const struct numa_node *n)
{
	size_t r = text_table_row(tb);

	text_table_setf(tb, r, 0, "%" PRId64, n->node);
	return r;
}

/* The node's cpulist, or n/a; caller frees. */
static char *text_numa_cpus(const struct text *t, const struct numa_node *n)
{
	if (!(n->known & KNOWN(NUMA_CPULIST)))
		return text_table_na();
	return text_value_safe(t, n->cpulist);
}

/* NODE, the named meminfo values in KiB, and CPUS last if cpus: last, so
 * that a long cpulist can only push itself past the edge. */
static void text_numa_meminfo(struct text *t, const struct numa *numa,
                              const char *const *keys, size_t nkeys,
                              bool cpus)
{
	struct text_table tb = { 0 };

	text_table_col(&tb, _("NODE"), false);
	for (size_t k = 0; k < nkeys; k++)
		text_table_col(&tb, keys[k], false);
	if (cpus)
		text_table_col(&tb, _("CPUS"), true);
	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];
		bool mem = n->known & KNOWN(NUMA_MEMINFO);
		size_t r = text_numa_row(&tb, n);
		char b[TEXT_VALUE_LEN];

		for (size_t k = 0; k < nkeys; k++)
			text_table_set(&tb, r, k + 1,
			               xstrdup(text_value_kv_int(b, mem, &n->meminfo,
			                                         keys[k])));
		if (cpus)
			text_table_set(&tb, r, nkeys + 1, text_numa_cpus(t, n));
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* Two tables with NODE repeated, each within 80 columns: values stay exact
 * KiB (scripts read them), and ten digits a column (9 TiB a node) still
 * fit. */
static void text_numa_meminfo_tables(struct text *t, const struct numa *numa)
{
	static const char *const totals[] = {
		"MemTotal", "MemFree", "MemUsed",
	};
	static const char *const uses[] = {
		"Active", "Inactive", "FilePages", "AnonPages", "Shmem", "Slab",
	};

	text_numa_meminfo(t, numa, totals, ARRAY_SIZE(totals), true);
	text_numa_meminfo(t, numa, uses, ARRAY_SIZE(uses), false);
}

/* numastat names in the kernel's order, from the first node that has them. */
static const struct kvlist *text_numa_stat_names(const struct numa *numa)
{
	for (size_t i = 0; i < numa->count; i++)
		if ((numa->nodes[i].known & KNOWN(NUMA_NUMASTAT)) &&
		    numa->nodes[i].numastat.count)
			return &numa->nodes[i].numastat;
	return NULL;
}

static const struct numa_node *text_numa_prev_node(const struct text *t,
                                                   int64_t id)
{
	const struct numa *numa;

	if (!t->prev || !text_has_section(t->prev, SEC_NUMA))
		return NULL;
	numa = &t->prev->numa;
	for (size_t i = 0; i < numa->count; i++)
		if (numa->nodes[i].node == id)
			return &numa->nodes[i];
	return NULL;
}

/* Per-second change of a numastat counter, against p: the same node in
 * prev (NULL: none). */
static bool text_numa_stat_rate(const struct text *t,
                                const struct numa_node *n,
                                const struct numa_node *p, const char *name,
                                double *rate)
{
	int64_t a, b;

	if (!p || !(p->known & KNOWN(NUMA_NUMASTAT)) || !(t->interval > 0) ||
	    !kvlist_get(&n->numastat, name, &a) ||
	    !kvlist_get(&p->numastat, name, &b) || a < b)
		return false;
	*rate = (double)(a - b) / t->interval;
	return true;
}

static char *text_numa_stat_cell(const struct text *t,
                                 const struct numa_node *n,
                                 const struct numa_node *p, const char *name,
                                 bool rates)
{
	int64_t pages = 0;
	double rate;
	bool known;

	if (rates)
		return text_numa_stat_rate(t, n, p, name, &rate)
		               ? xasprintf("%.1f", rate)
		               : text_table_na();
	known = (n->known & KNOWN(NUMA_NUMASTAT)) &&
	        kvlist_get(&n->numastat, name, &pages);
	return text_table_int(known, pages);
}

/* Counters [first, first + count) of names, pages since boot or per second
 * against prev. */
static void text_numa_stat_slice(struct text *t, const struct numa *numa,
                                 const struct kvlist *names, size_t first,
                                 size_t count, bool rates)
{
	struct text_table tb = { 0 };

	text_table_col(&tb, _("NODE"), false);
	for (size_t k = first; k < first + count; k++) {
		char *title = xasprintf("%s%s", names->items[k].name,
		                        rates ? "/s" : "");

		text_table_col_take(&tb, text_value_safe(t, title), false);
		free(title);
	}
	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];
		const struct numa_node *p = text_numa_prev_node(t, n->node);
		size_t r = text_numa_row(&tb, n);

		for (size_t k = first; k < first + count; k++)
			text_table_set(&tb, r, k - first + 1,
			               text_numa_stat_cell(t, n, p,
			                                   names->items[k].name,
			                                   rates));
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* The six counters of a kernel in two tables of three, NODE repeated: with
 * titles like interleave_hit/s and counts of up to 19 digits, three fit in
 * 80 columns, and all six did not. */
static void text_numa_stat(struct text *t, const struct numa *numa,
                           bool rates)
{
	const struct kvlist *names = text_numa_stat_names(numa);

	if (!names)
		return;
	for (size_t first = 0; first < names->count; first += STAT_COLS) {
		size_t count = names->count - first;

		if (count > STAT_COLS)
			count = STAT_COLS;
		text_numa_stat_slice(t, numa, names, first, count, rates);
	}
}

/* Distances to nodes [first, first + count): wide machines get the matrix
 * in slices, so that lines stay readable. */
static void text_numa_distance_slice(struct text *t, const struct numa *numa,
                                     size_t first, size_t count)
{
	struct text_table tb = { 0 };

	text_table_col(&tb, _("DISTANCE"), false);
	for (size_t j = first; j < first + count; j++)
		text_table_col_take(&tb, xasprintf("%" PRId64, numa->nodes[j].node),
		                    false);
	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];
		bool known = n->known & KNOWN(NUMA_DISTANCE);
		size_t r = text_numa_row(&tb, n);

		for (size_t j = first; j < first + count; j++) {
			bool has = known && j < n->ndistance;

			text_table_set(&tb, r, j - first + 1,
			               text_table_int(has, has ? n->distance[j] : 0));
		}
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static void text_numa_distances(struct text *t, const struct numa *numa)
{
	for (size_t first = 0; first < numa->count; first += DISTANCE_COLS) {
		size_t count = numa->count - first;

		text_numa_distance_slice(t, numa, first,
		                         count < DISTANCE_COLS ? count
		                                               : DISTANCE_COLS);
	}
}

void text_numa_view(struct text *t)
{
	const struct numa *numa = &t->cur->numa;

	if (!text_put_need_section(t, SEC_NUMA))
		return;
	text_put(t, _("  %zu nodes; meminfo in KiB\n"), numa->count);
	if (!numa->count)
		return;
	text_numa_meminfo_tables(t, numa);
	if (text_numa_stat_names(numa)) {
		text_put(t, "%s\n", _("  numastat, pages since boot"));
		text_numa_stat(t, numa, false);
		text_put(t, "%s\n", _("  numastat, pages per second"));
		text_numa_stat(t, numa, true);
	}
	text_put(t, "%s\n", _("  distances (10 = local)"));
	text_numa_distances(t, numa);
}
