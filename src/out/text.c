/*
 * text.c - batch text output, like top -b: the overview first, then one
 * block per requested view, in the order of view.h.
 *
 * Units: tables print plain integers, with the unit in the block's note
 * line (KiB, pages, bytes) or the column title (/s); the overview and the
 * summary lines print human units (KiB, MiB, GiB with one decimal).  Numbers
 * use "." as the decimal point whatever LC_NUMERIC says, so that scripts can
 * read them.  A value that was not read prints as n/a and sorts last; why a
 * whole section is missing is said once, from snapshot.unavailable.
 *
 * Must not: read files or the clock (rates come from the two snapshots, so a
 * replay prints byte for byte what the live run printed), change the
 * snapshots, or print a string from the kernel without escape_term().
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "output.h"
#include "schema.h"
#include "util.h"
#include "view.h"

#define NUM_LEN 48
#define TABLE_MAX_COLS 64
/* cgroups listed by the lru view: the largest by usage. */
#define LRU_TOP_CGROUPS 10
/* The overview gives every node a line up to this many nodes. */
#define OVERVIEW_NODE_LINES 8
/* Target nodes per slice of the distance matrix. */
#define DISTANCE_COLS 16

struct text {
	FILE *out;
	int err; /* the first write error, -errno */
	const struct snapshot *cur;
	const struct snapshot *prev; /* NULL: the first snapshot */
	const struct output_options *opts;
	double interval; /* seconds from prev to cur; 0: no rates */
	bool utf8;
	bool *reason_said; /* per cur->unavailable item: printed already */
};

static const char *const section_names[SEC_COUNT] = {
	[SEC_MEMINFO] = "meminfo", [SEC_VMSTAT] = "vmstat",
	[SEC_PROCESSES] = "processes", [SEC_ZONES] = "zones",
	[SEC_SLAB] = "slab", [SEC_NUMA] = "numa", [SEC_THP] = "thp",
	[SEC_ZSWAP] = "zswap", [SEC_PSI] = "psi", [SEC_CGROUP] = "cgroup",
	[SEC_SYSCTL] = "sysctl",
};

/* ---- writing ---------------------------------------------------------- */

static void put(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Writes unless an earlier write failed; remembers the first failure. */
static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;

	if (t->err)
		return;
	errno = 0;
	va_start(ap, fmt);
	if (vfprintf(t->out, fmt, ap) < 0)
		t->err = errno ? -errno : -EIO;
	va_end(ap);
}

static void put_spaces(struct text *t, int n)
{
	if (n > 0)
		put(t, "%*s", n, "");
}

static char *safe(const struct text *t, const char *s)
{
	return escape_term(s ? s : "n/a", t->utf8);
}

/* Multi-value settings ("256\t256\t32") read better with spaces. */
static char *safe_words(const struct text *t, const char *s)
{
	char *words = xstrdup(s ? s : "n/a"), *out;

	for (char *p = words; *p; p++)
		if (*p == '\t')
			*p = ' ';
	out = safe(t, words);
	free(words);
	return out;
}

static bool has_section(const struct snapshot *s, enum snapshot_section sec)
{
	return (s->known & KNOWN(sec)) != 0;
}

/* ---- why something is missing ----------------------------------------- */

/* Source names join their parts with '.', '_' or '/' ("zswap_stats",
 * "numa.meminfo"): any of them matches any other. */
static bool name_separator(char c)
{
	return c == '.' || c == '_' || c == '/';
}

/* Whether name starts with source, separators aside; *rest gets the end. */
static bool source_prefix(const char *name, const char *source,
                          const char **rest)
{
	for (; *source; name++, source++)
		if (*name != *source &&
		    !(name_separator(*name) && name_separator(*source)))
			return false;
	*rest = name;
	return true;
}

/* The entry of source in snap->unavailable, or -1; a part of it
 * ("zswap_stats" for "zswap") when there is no entry for the whole. */
static long unavailable_index(const struct snapshot *snap, const char *source)
{
	long part = -1;

	for (size_t i = 0; i < snap->unavailable.count; i++) {
		const char *rest;

		if (!source_prefix(snap->unavailable.items[i].name, source, &rest))
			continue;
		if (!*rest)
			return (long)i;
		if (part < 0 && name_separator(*rest))
			part = (long)i;
	}
	return part;
}

/* Says why source is missing: the reason the first time, then "see above". */
static void say_missing(struct text *t, const char *lead, const char *source)
{
	long i = unavailable_index(t->cur, source);
	char *reason;

	if (i < 0) {
		put(t, "%sn/a (%s): %s\n", lead, source, _("not collected"));
		return;
	}
	if (t->reason_said[i]) {
		put(t, "%sn/a (%s): %s\n", lead, source, _("see above"));
		return;
	}
	reason = safe(t, t->cur->unavailable.items[i].value);
	put(t, "%sn/a (%s): %s\n", lead, source, reason);
	free(reason);
	t->reason_said[i] = true;
}

/* Whether the section was read; if not, says why (indented, for views). */
static bool need_section(struct text *t, enum snapshot_section sec)
{
	if (has_section(t->cur, sec))
		return true;
	say_missing(t, "  ", section_names[sec]);
	return false;
}

/* ---- numbers ---------------------------------------------------------- */

static const char *human_kb(char *buf, bool known, int64_t kb)
{
	static const char *const units[] = { "MiB", "GiB", "TiB", "PiB" };
	double value = (double)kb / 1024;
	size_t u = 0;

	if (!known)
		return "n/a";
	if (kb > -1024 && kb < 1024) {
		snprintf(buf, NUM_LEN, "%" PRId64 " KiB", kb);
		return buf;
	}
	while (fabs(value) >= 1024 && u + 1 < ARRAY_SIZE(units)) {
		value /= 1024;
		u++;
	}
	snprintf(buf, NUM_LEN, "%.1f %s", value, units[u]);
	return buf;
}

static const char *rate_str(char *buf, bool known, double rate)
{
	if (!known)
		return "n/a";
	snprintf(buf, NUM_LEN, "%.1f", rate);
	return buf;
}

static const char *int_str(char *buf, bool known, int64_t value)
{
	if (!known)
		return "n/a";
	snprintf(buf, NUM_LEN, "%" PRId64, value);
	return buf;
}

static bool meminfo_kb(const struct snapshot *s, const char *name, int64_t *kb)
{
	return has_section(s, SEC_MEMINFO) && kvlist_get(&s->meminfo, name, kb);
}

/* A list value in human units (KiB lists) or as an integer, n/a when the
 * list was not read or lacks the name. */
static const char *kv_human(char *buf, bool list_known,
                            const struct kvlist *list, const char *name)
{
	int64_t kb = 0;
	bool known = list_known && kvlist_get(list, name, &kb);

	return human_kb(buf, known, kb);
}

static const char *kv_int(char *buf, bool list_known,
                          const struct kvlist *list, const char *name)
{
	int64_t value = 0;
	bool known = list_known && kvlist_get(list, name, &value);

	return int_str(buf, known, value);
}

static const char *meminfo_human(char *buf, const struct snapshot *s,
                                 const char *name)
{
	return kv_human(buf, has_section(s, SEC_MEMINFO), &s->meminfo, name);
}

/* Sum of the named vmstat counters; false unless every one is present. */
static bool vmstat_sum(const struct snapshot *s, const char *const *names,
                       size_t n, int64_t *sum)
{
	int64_t value;

	if (!s || !has_section(s, SEC_VMSTAT))
		return false;
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (!kvlist_get(&s->vmstat, names[i], &value))
			return false;
		*sum += value;
	}
	return true;
}

/* Per-second change of a counter list between two snapshots' lists. */
static bool kv_rate(const struct text *t, const struct kvlist *now,
                    const struct kvlist *before, const char *name,
                    double *rate)
{
	int64_t a, b;

	if (!before || !(t->interval > 0) || !kvlist_get(now, name, &a) ||
	    !kvlist_get(before, name, &b) || a < b)
		return false;
	*rate = (double)(a - b) / t->interval;
	return true;
}

/* Per-second change of the sum of vmstat counters; a counter that went
 * backwards (another boot) gives no rate. */
static bool vmstat_rate(const struct text *t, const char *const *names,
                        size_t n, double *rate)
{
	int64_t now, before;

	if (!t->prev || !(t->interval > 0) ||
	    !vmstat_sum(t->cur, names, n, &now) ||
	    !vmstat_sum(t->prev, names, n, &before) || now < before)
		return false;
	*rate = (double)(now - before) / t->interval;
	return true;
}

static bool vmstat_rate1(const struct text *t, const char *name, double *rate)
{
	return vmstat_rate(t, &name, 1, rate);
}

/* Refaults: split by LRU type since 5.9, one counter before. */
static bool refault_rate(const struct text *t, double *rate)
{
	static const char *const split[] = { "workingset_refault_anon",
	                                     "workingset_refault_file" };
	static const char *const old[] = { "workingset_refault" };

	return vmstat_rate(t, split, ARRAY_SIZE(split), rate) ||
	       vmstat_rate(t, old, ARRAY_SIZE(old), rate);
}

/* ---- tables ----------------------------------------------------------- */

/* Cells are already terminal-safe; widths come from the widest cell. */
struct table {
	size_t ncols;
	char *titles[TABLE_MAX_COLS];
	bool left[TABLE_MAX_COLS];
	char **cells; /* nrows * TABLE_MAX_COLS, NULL prints as "" */
	size_t nrows;
	size_t cap;
};

/* Columns past TABLE_MAX_COLS are dropped (callers keep below it; this
 * only guards against input with more names than any kernel prints). */
static size_t table_col(struct table *tb, const char *title, bool left)
{
	if (tb->ncols == TABLE_MAX_COLS)
		return TABLE_MAX_COLS;
	tb->titles[tb->ncols] = xstrdup(title);
	tb->left[tb->ncols] = left;
	return tb->ncols++;
}

static size_t table_row(struct table *tb)
{
	xgrow((void **)&tb->cells, &tb->cap, (tb->nrows + 1) * TABLE_MAX_COLS,
	      sizeof(*tb->cells));
	memset(&tb->cells[tb->nrows * TABLE_MAX_COLS], 0,
	       TABLE_MAX_COLS * sizeof(*tb->cells));
	return tb->nrows++;
}

/* Takes ownership of cell. */
static void table_set(struct table *tb, size_t row, size_t col, char *cell)
{
	char **slot;

	if (col >= TABLE_MAX_COLS) {
		free(cell);
		return;
	}
	slot = &tb->cells[row * TABLE_MAX_COLS + col];
	free(*slot);
	*slot = cell;
}

static void table_setf(struct table *tb, size_t row, size_t col,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void table_setf(struct table *tb, size_t row, size_t col,
                       const char *fmt, ...)
{
	va_list ap;
	char *cell;

	va_start(ap, fmt);
	if (vasprintf(&cell, fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
	table_set(tb, row, col, cell);
}

static const char *table_cell(const struct table *tb, size_t row, size_t col)
{
	const char *cell = tb->cells[row * TABLE_MAX_COLS + col];

	return cell ? cell : "";
}

/* Blanks are held back until something follows them, so that no line ends
 * in white space whatever its last cells hold. */
static void table_print_cell(struct text *t, const struct table *tb,
                             const char *cell, size_t col, int width,
                             int *pending)
{
	int pad = width - escape_width(cell);

	*pending += col > 0;
	if (!tb->left[col])
		*pending += pad;
	if (*cell) {
		put_spaces(t, *pending);
		put(t, "%s", cell);
		*pending = 0;
	}
	if (tb->left[col])
		*pending += pad;
}

static void table_print_row(struct text *t, const struct table *tb,
                            const int *width, size_t row, bool titles)
{
	int pending = 0;

	for (size_t c = 0; c < tb->ncols; c++)
		table_print_cell(t, tb,
		                 titles ? tb->titles[c] : table_cell(tb, row, c), c,
		                 width[c], &pending);
	put(t, "\n");
}

static void table_print(struct text *t, const struct table *tb)
{
	int width[TABLE_MAX_COLS];

	for (size_t c = 0; c < tb->ncols; c++) {
		width[c] = escape_width(tb->titles[c]);
		for (size_t r = 0; r < tb->nrows; r++) {
			int w = escape_width(table_cell(tb, r, c));

			if (w > width[c])
				width[c] = w;
		}
	}
	table_print_row(t, tb, width, 0, true);
	for (size_t r = 0; r < tb->nrows; r++)
		table_print_row(t, tb, width, r, false);
}

static void table_free(struct table *tb)
{
	for (size_t i = 0; i < tb->nrows * TABLE_MAX_COLS; i++)
		free(tb->cells[i]);
	for (size_t c = 0; c < tb->ncols; c++)
		free(tb->titles[c]);
	free(tb->cells);
	memset(tb, 0, sizeof(*tb));
}

static char *na(void)
{
	return xstrdup("n/a");
}

static char *int_cell(bool known, int64_t value)
{
	return known ? xasprintf("%" PRId64, value) : na();
}

/* An entity's FT_INT, FT_DOUBLE or FT_STRING value as a cell; max_cols > 0
 * cuts a string there, marking the cut with '+' like top does. */
static char *entity_cell(const struct text *t, const struct schema *s,
                         const struct field *f, const void *entity,
                         int max_cols)
{
	const void *ptr = field_ptr(f, entity);
	int64_t i;
	double d;

	if (!field_known(s, f, entity))
		return na();
	switch (f->type) {
	case FT_INT:
		memcpy(&i, ptr, sizeof(i));
		if (s == &cgroup_mem_schema && i == CGROUP_UNLIMITED)
			return xstrdup("max");
		return xasprintf("%" PRId64, i);
	case FT_DOUBLE:
		memcpy(&d, ptr, sizeof(d));
		return xasprintf(s == &psi_line_schema ? "%.2f" : "%.1f", d);
	case FT_STRING: {
		const char *str = *(char *const *)ptr;
		bool cut = false;
		char *cell = escape_term_cols(str ? str : "", t->utf8,
		                              max_cols > 0 ? max_cols : -1,
		                              NULL, &cut);

		if (cut) {
			char *shorter = escape_term_cols(str, t->utf8, max_cols - 1,
			                                 NULL, NULL);

			free(cell);
			cell = xasprintf("%s+", shorter);
			free(shorter);
		}
		return cell;
	}
	default:
		return na();
	}
}

/* "always [madvise] never" -> "madvise"; a value without a choice as is. */
static char *selected_choice(const struct text *t, const char *value)
{
	const char *open = strchr(value, '[');
	const char *close = open ? strchr(open, ']') : NULL;
	char *choice, *cell;

	if (!close)
		return safe(t, value);
	choice = xstrndup(open + 1, (size_t)(close - open - 1));
	cell = safe(t, choice);
	free(choice);
	return cell;
}

/* COUNTER TOTAL /s for vmstat counters: the named ones present on this
 * kernel, or every counter starting with prefix. */
static void counter_table(struct text *t, const char *const *names, size_t n,
                          const char *prefix)
{
	const struct kvlist *vm = &t->cur->vmstat;
	struct table tb = { 0 };
	char buf[NUM_LEN];

	table_col(&tb, _("COUNTER"), true);
	table_col(&tb, _("TOTAL"), false);
	table_col(&tb, "/s", false);
	for (size_t i = 0; i < (prefix ? vm->count : n); i++) {
		const char *name = prefix ? vm->items[i].name : names[i];
		int64_t total;
		double rate = 0;
		bool has_rate;
		size_t r;

		if (prefix && strncmp(name, prefix, strlen(prefix)) != 0)
			continue;
		if (!kvlist_get(vm, name, &total))
			continue; /* not a counter of this kernel */
		r = table_row(&tb);
		table_set(&tb, r, 0, safe(t, name));
		table_setf(&tb, r, 1, "%" PRId64, total);
		has_rate = vmstat_rate1(t, name, &rate);
		table_set(&tb, r, 2, xstrdup(rate_str(buf, has_rate, rate)));
	}
	if (tb.nrows)
		table_print(t, &tb);
	else
		put(t, "  %s\n", _("(none of these counters on this kernel)"));
	table_free(&tb);
}

/* ---- overview --------------------------------------------------------- */

static void overview_header(struct text *t)
{
	const struct snapshot *s = t->cur;
	char when[64] = "n/a";
	time_t secs = (time_t)s->time;
	struct tm tm;
	char *host = safe(t, s->hostname), *kernel = safe(t, s->kernel);

	if (s->time > 0 && localtime_r(&secs, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
	put(t, "memlens - %s, %s %s, %s %s, ", when, _("host"), host,
	    _("kernel"), kernel);
	if (!t->prev)
		put(t, "%s\n", _("first snapshot: no rates yet"));
	else if (t->interval > 0)
		put(t, _("interval %.1f s\n"), t->interval);
	else
		put(t, "%s\n", _("interval n/a: snapshots out of order"));
	free(host);
	free(kernel);
}

/* As free(1) of procps 4: used = total - available, buff/cache = Buffers +
 * Cached + SReclaimable. */
static void overview_memory(struct text *t)
{
	const struct snapshot *s = t->cur;
	int64_t total = 0, avail = 0, buffers = 0, cached = 0, srecl = 0;
	char b[5][NUM_LEN];
	bool has_total = meminfo_kb(s, "MemTotal", &total);
	bool has_avail = meminfo_kb(s, "MemAvailable", &avail);
	bool has_cache = meminfo_kb(s, "Buffers", &buffers) &&
	                 meminfo_kb(s, "Cached", &cached) &&
	                 meminfo_kb(s, "SReclaimable", &srecl);

	if (!has_section(s, SEC_MEMINFO)) {
		say_missing(t, "Mem:  ", "meminfo");
		return;
	}
	put(t, _("Mem:  %s total, %s free, %s avail, %s used, %s buff/cache\n"),
	    human_kb(b[0], has_total, total),
	    meminfo_human(b[1], s, "MemFree"),
	    human_kb(b[2], has_avail, avail),
	    human_kb(b[3], has_total && has_avail, total - avail),
	    human_kb(b[4], has_cache, buffers + cached + srecl));
}

static void overview_swap(struct text *t)
{
	const struct snapshot *s = t->cur;
	int64_t total = 0, sfree = 0;
	char b[6][NUM_LEN];
	bool has_total = meminfo_kb(s, "SwapTotal", &total);
	bool has_free = meminfo_kb(s, "SwapFree", &sfree);

	if (!has_section(s, SEC_MEMINFO))
		return;
	put(t, _("Swap: %s total, %s free, %s used, %s cached; zswap %s pool, "
	         "%s stored\n"),
	    human_kb(b[0], has_total, total), human_kb(b[1], has_free, sfree),
	    human_kb(b[2], has_total && has_free, total - sfree),
	    meminfo_human(b[3], s, "SwapCached"),
	    meminfo_human(b[4], s, "Zswap"), meminfo_human(b[5], s, "Zswapped"));
}

static void overview_commit(struct text *t)
{
	const struct snapshot *s = t->cur;
	int64_t limit = 0, committed = 0;
	char b[4][NUM_LEN];
	bool has_limit = meminfo_kb(s, "CommitLimit", &limit);
	bool has_committed = meminfo_kb(s, "Committed_AS", &committed);
	const char *share = "n/a";

	if (!has_section(s, SEC_MEMINFO))
		return;
	if (has_limit && has_committed && limit > 0) {
		snprintf(b[3], NUM_LEN, "%.1f%%", 100.0 * (double)committed /
		                                      (double)limit);
		share = b[3];
	}
	put(t, _("Huge: %s AnonHugePages; commit %s of %s limit (%s)\n"),
	    meminfo_human(b[0], s, "AnonHugePages"),
	    human_kb(b[1], has_committed, committed),
	    human_kb(b[2], has_limit, limit), share);
}

static const char *psi_str(char *buf, const struct psi_line *line, double v)
{
	if (!(line->known & 1))
		return "n/a";
	snprintf(buf, NUM_LEN, "%.2f%%", v);
	return buf;
}

static void overview_psi(struct text *t)
{
	const struct psi *p = &t->cur->psi;
	char b[4][NUM_LEN];

	if (!has_section(t->cur, SEC_PSI)) {
		say_missing(t, "PSI:  ", "psi");
		return;
	}
	put(t, _("PSI:  some avg10 %s avg60 %s, full avg10 %s avg60 %s\n"),
	    psi_str(b[0], &p->some, p->some.avg10),
	    psi_str(b[1], &p->some, p->some.avg60),
	    psi_str(b[2], &p->full, p->full.avg10),
	    psi_str(b[3], &p->full, p->full.avg60));
}

static void overview_rates(struct text *t)
{
	static const char *const pgscan[] = { "pgscan_kswapd", "pgscan_direct" };
	double r[6];
	bool k[6];
	char b[6][NUM_LEN];

	if (!has_section(t->cur, SEC_VMSTAT)) {
		say_missing(t, "Rates/s: ", "vmstat");
		return;
	}
	k[0] = vmstat_rate1(t, "pgfault", &r[0]);
	k[1] = vmstat_rate1(t, "pgmajfault", &r[1]);
	k[2] = refault_rate(t, &r[2]);
	k[3] = vmstat_rate(t, pgscan, ARRAY_SIZE(pgscan), &r[3]);
	k[4] = vmstat_rate1(t, "pswpin", &r[4]);
	k[5] = vmstat_rate1(t, "pswpout", &r[5]);
	put(t, _("Rates/s: faults %s, major %s, refaults %s, pgscan %s, "
	         "swapin %s, swapout %s\n"),
	    rate_str(b[0], k[0], r[0]), rate_str(b[1], k[1], r[1]),
	    rate_str(b[2], k[2], r[2]), rate_str(b[3], k[3], r[3]),
	    rate_str(b[4], k[4], r[4]), rate_str(b[5], k[5], r[5]));
}

static bool node_numastat(const struct numa_node *n, const char *name,
                          int64_t *pages)
{
	return (n->known & KNOWN(NUMA_NUMASTAT)) &&
	       kvlist_get(&n->numastat, name, pages);
}

static void overview_node_line(struct text *t, const struct numa_node *n)
{
	bool mem = n->known & KNOWN(NUMA_MEMINFO);
	bool stat = n->known & KNOWN(NUMA_NUMASTAT);
	char b[4][NUM_LEN];

	put(t, _("Node %" PRId64 ": %s total, %s free, numa_miss %s, "
	         "numa_foreign %s pages\n"),
	    n->node, kv_human(b[0], mem, &n->meminfo, "MemTotal"),
	    kv_human(b[1], mem, &n->meminfo, "MemFree"),
	    kv_int(b[2], stat, &n->numastat, "numa_miss"),
	    kv_int(b[3], stat, &n->numastat, "numa_foreign"));
}

/* Many nodes: four "nN free/total" entries per line. */
static void overview_nodes_compact(struct text *t)
{
	const struct numa *numa = &t->cur->numa;

	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];
		bool mem = n->known & KNOWN(NUMA_MEMINFO);
		char b[2][NUM_LEN];

		if (i % 4 == 0)
			put(t, "%s", i ? "\n" : _("Nodes free/total:"));
		put(t, "  n%" PRId64 " %s/%s", n->node,
		    kv_human(b[0], mem, &n->meminfo, "MemFree"),
		    kv_human(b[1], mem, &n->meminfo, "MemTotal"));
	}
	put(t, "\n");
}

static void overview_nodes(struct text *t)
{
	const struct numa *numa = &t->cur->numa;

	if (!has_section(t->cur, SEC_NUMA) || numa->count < 2)
		return;
	if (numa->count > OVERVIEW_NODE_LINES) {
		overview_nodes_compact(t);
		return;
	}
	for (size_t i = 0; i < numa->count; i++)
		overview_node_line(t, &numa->nodes[i]);
}

static void overview(struct text *t)
{
	overview_header(t);
	overview_memory(t);
	overview_swap(t);
	overview_commit(t);
	overview_psi(t);
	overview_rates(t);
	overview_nodes(t);
}

/* ---- process tables --------------------------------------------------- */

enum sort_kind {
	SORT_FIELD,  /* by one field of proc_schema */
	SORT_FAULTS, /* by minflt_rate + majflt_rate (faults since start on
	              * the first snapshot) */
};

struct proc_sort {
	enum sort_kind kind;
	const struct field *field;
	bool descending;
};

struct proc_row {
	const struct proc *p;
	const struct proc *prev; /* the same process in prev, or NULL */
	const struct proc_sort *sort;
	double key; /* for rates and SORT_FAULTS */
	bool key_known;
};

struct proc_table {
	const struct field *cols[TABLE_MAX_COLS];
	size_t ncols;
	struct proc_sort sort;
	bool skip_idle; /* leave out rows whose key is a known 0 */
};

static const struct field *proc_field(const char *name)
{
	const struct field *f = schema_field(&proc_schema, name);

	if (!f)
		fatal("text: no process field '%s'", name);
	return f;
}

static void proc_table_add(struct proc_table *pt, const struct field *f)
{
	for (size_t i = 0; i < pt->ncols; i++)
		if (pt->cols[i] == f)
			return;
	if (pt->ncols < TABLE_MAX_COLS)
		pt->cols[pt->ncols++] = f;
}

static void proc_table_named(struct proc_table *pt, const char *const *names,
                             size_t n)
{
	for (size_t i = 0; i < n; i++)
		proc_table_add(pt, proc_field(names[i]));
}

static bool pid_wanted(const struct output_options *o, int64_t pid)
{
	if (!o->pids || !o->npids)
		return true;
	for (size_t i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return true;
	return false;
}

static bool proc_rate(const struct text *t, const struct proc_row *r,
                      const char *name, double *rate)
{
	return field_rate(&proc_schema, proc_field(name), r->p, r->prev,
	                  t->interval, rate);
}

static void row_key(const struct text *t, struct proc_row *r)
{
	const struct proc_sort *s = r->sort;
	const struct proc *p = r->p;
	double minor, major;

	r->key_known = false;
	if (s->kind == SORT_FIELD) {
		if (s->field->type == FT_RATE)
			r->key_known = field_rate(&proc_schema, s->field, p,
			                          r->prev, t->interval, &r->key);
	} else if (t->prev) {
		r->key_known = proc_rate(t, r, "minflt_rate", &minor);
		r->key = r->key_known ? minor : 0;
		if (proc_rate(t, r, "majflt_rate", &major))
			r->key += major;
	} else if ((p->known & KNOWN(PROC_MINFLT)) &&
	           (p->known & KNOWN(PROC_MAJFLT))) {
		r->key = (double)(p->minflt + p->majflt);
		r->key_known = true;
	}
}

static int compare_keys(const struct proc_row *a, const struct proc_row *b,
                        bool descending)
{
	if (a->key_known != b->key_known)
		return a->key_known ? -1 : 1;
	if (!a->key_known || a->key == b->key)
		return 0;
	return (a->key < b->key) == descending ? 1 : -1;
}

/* Unknown values last in either direction; ties by pid, so the order is
 * the same every run. */
static int compare_rows(const void *x, const void *y)
{
	const struct proc_row *a = x, *b = y;
	const struct proc_sort *s = a->sort;
	int c;

	if (s->kind == SORT_FIELD && s->field->type != FT_RATE)
		c = schema_compare(&proc_schema, s->field, a->p, b->p,
		                   s->descending);
	else
		c = compare_keys(a, b, s->descending);
	if (c == 0)
		c = (a->p->pid > b->p->pid) - (a->p->pid < b->p->pid);
	return c;
}

/* The rows the pid filter lets through, with their previous selves. */
static size_t proc_rows(const struct text *t, const struct proc_sort *sort,
                        struct proc_row **out)
{
	const struct snapshot *s = t->cur, *prev = t->prev;
	struct proc_row *rows = xcalloc(s->nprocesses + 1, sizeof(*rows));
	size_t n = 0;

	for (size_t i = 0; i < s->nprocesses; i++) {
		struct proc_row *r = &rows[n];

		if (!pid_wanted(t->opts, s->processes[i].pid))
			continue;
		r->p = &s->processes[i];
		r->sort = sort;
		if (prev && prev->processes)
			r->prev = proc_schema.find_prev(prev->processes,
			                                prev->nprocesses, r->p);
		n++;
	}
	*out = rows;
	return n;
}

static void proc_rows_sort(const struct text *t, struct proc_row *rows,
                           size_t n)
{
	for (size_t i = 0; i < n; i++)
		row_key(t, &rows[i]);
	qsort(rows, n, sizeof(*rows), compare_rows);
}

static char *proc_cell(const struct text *t, const struct field *f,
                       const struct proc_row *r, bool last)
{
	double value;

	if (f->type == FT_RATE) {
		if (!field_rate(&proc_schema, f, r->p, r->prev, t->interval,
		                &value))
			return na();
		return xasprintf("%.1f", value);
	}
	/* A timestamp is no use in a table: show how old PSS/USS are. */
	if (strcmp(f->name, "smaps_time") == 0 &&
	    field_known(&proc_schema, f, r->p))
		return xasprintf("%.0f", fmax(0, t->cur->time - r->p->smaps_time));
	return entity_cell(t, &proc_schema, f, r->p, last ? 0 : f->width);
}

static bool row_idle(const struct proc_table *pt, const struct proc_row *r)
{
	return pt->skip_idle && r->key_known && r->key == 0;
}

/* Prints up to max_rows rows (all when 0), then what it left out. */
static void proc_table_print(struct text *t, const struct proc_table *pt,
                             const struct proc_row *rows, size_t n)
{
	struct table tb = { 0 };
	size_t limit = t->opts->max_rows > 0 ? (size_t)t->opts->max_rows : n;
	size_t idle = 0, cut = 0;

	for (size_t c = 0; c < pt->ncols; c++)
		table_col(&tb, pt->cols[c]->title, pt->cols[c]->flags & FF_LEFT);
	for (size_t i = 0; i < n; i++) {
		size_t r;

		if (row_idle(pt, &rows[i])) {
			idle++;
			continue;
		}
		if (tb.nrows == limit) {
			cut++;
			continue;
		}
		r = table_row(&tb);
		for (size_t c = 0; c < pt->ncols; c++)
			table_set(&tb, r, c, proc_cell(t, pt->cols[c], &rows[i],
			                               c + 1 == pt->ncols));
	}
	table_print(t, &tb);
	table_free(&tb);
	if (cut)
		put(t, _("  (%zu more not shown)\n"), cut);
	if (idle)
		put(t, _("  (%zu without faults in the interval not shown)\n"),
		    idle);
}

/* Why values are n/a for some processes, one line per file. */
static void proc_source_notes(struct text *t, const struct proc_row *rows,
                              size_t n)
{
	static const struct {
		enum proc_source source;
		const char *file;
	} sources[] = {
		{ PROC_SRC_STAT, "stat" },
		{ PROC_SRC_STATUS, "status" },
		{ PROC_SRC_SMAPS_ROLLUP, "smaps_rollup" },
		{ PROC_SRC_OOM, "oom_score" },
	};

	for (size_t s = 0; s < ARRAY_SIZE(sources); s++) {
		size_t count = 0;
		int err = 0;

		for (size_t i = 0; i < n; i++) {
			int e = rows[i].p->source_err[sources[s].source];

			if (e > 0) {
				count++;
				err = err ? err : e;
			}
		}
		if (!count)
			continue;
		put(t, _("  note: /proc/PID/%s unreadable for %zu of %zu processes "
		         "(%s)%s\n"),
		    sources[s].file, count, n, strerror(err),
		    err == EACCES || err == EPERM ? _("; run as root") : "");
	}
}

static void missing_pids(struct text *t)
{
	const struct output_options *o = t->opts;

	for (size_t i = 0; o->pids && i < o->npids; i++)
		if (!snapshot_find_proc(t->cur, o->pids[i]))
			put(t, _("  pid %" PRId64 ": no such process\n"),
			    o->pids[i]);
}

static bool any_known(const struct proc_row *rows, size_t n,
                      const struct field *f)
{
	for (size_t i = 0; i < n; i++)
		if (field_known(&proc_schema, f, rows[i].p))
			return true;
	return false;
}

/* Default columns (FF_DEFAULT), plus the sort column when it is not one of
 * them, placed before the last (COMMAND). */
static void procs_columns(struct proc_table *pt, const struct field *sort)
{
	const struct field *last = NULL;

	for (size_t i = 0; i < proc_schema.nfields; i++) {
		const struct field *f = &proc_schema.fields[i];

		if (f->flags & FF_DEFAULT)
			proc_table_add(pt, last = f);
	}
	if (sort->flags & FF_DEFAULT)
		return;
	if (last && pt->ncols) {
		pt->ncols--;
		proc_table_add(pt, sort);
		proc_table_add(pt, last);
	} else {
		proc_table_add(pt, sort);
	}
}

static void view_procs(struct text *t)
{
	const struct output_options *o = t->opts;
	struct proc_table pt = { .sort = { .kind = SORT_FIELD } };
	struct proc_row *rows;
	size_t n;
	const char *fallback = "";

	if (!need_section(t, SEC_PROCESSES))
		return;
	n = proc_rows(t, &pt.sort, &rows);
	pt.sort.field = o->sort_field ? schema_field(&proc_schema, o->sort_field)
	                              : NULL;
	pt.sort.descending = !o->sort_ascending;
	if (!pt.sort.field) {
		pt.sort.field = proc_field("pss_kb");
		if (!any_known(rows, n, pt.sort.field)) {
			pt.sort.field = proc_field("rss_kb");
			fallback = _(" (PSS unknown for all)");
		}
	}
	procs_columns(&pt, pt.sort.field);
	proc_rows_sort(t, rows, n);
	put(t, _("  %zu of %zu processes, by %s %s%s; sizes in KiB, rates per "
	         "second\n"),
	    n, t->cur->nprocesses, pt.sort.field->title,
	    pt.sort.descending ? _("descending") : _("ascending"), fallback);
	proc_table_print(t, &pt, rows, n);
	proc_source_notes(t, rows, n);
	missing_pids(t);
	free(rows);
}

static void view_faults(struct text *t)
{
	static const char *const counters[] = {
		"pgfault", "pgmajfault", "thp_fault_alloc", "thp_fault_fallback",
		"workingset_refault_anon", "workingset_refault_file",
		"workingset_refault", "pswpin", "pswpout", "zswpin",
	};
	static const char *const columns[] = {
		"pid", "user", "minflt_rate", "majflt_rate", "minflt", "majflt",
		"rss_kb", "comm",
	};
	struct proc_table pt = {
		.sort = { .kind = SORT_FAULTS, .descending = true },
		.skip_idle = t->prev != NULL,
	};
	struct proc_row *rows;
	size_t n;

	if (need_section(t, SEC_VMSTAT))
		counter_table(t, counters, ARRAY_SIZE(counters), NULL);
	if (!need_section(t, SEC_PROCESSES))
		return;
	proc_table_named(&pt, columns, ARRAY_SIZE(columns));
	n = proc_rows(t, &pt.sort, &rows);
	proc_rows_sort(t, rows, n);
	put(t, "%s\n", t->prev ? _("  processes by faults per second (idle ones "
	                           "left out)")
	                       : _("  processes by faults since they started "
	                           "(first snapshot)"));
	proc_table_print(t, &pt, rows, n);
	free(rows);
}

static void view_oom_commit(struct text *t)
{
	static const char *const modes[] = {
		N_("heuristic"), N_("always overcommit"), N_("never overcommit"),
	};
	const struct snapshot *s = t->cur;
	const char *mode = skvlist_get(&s->sysctl, "overcommit_memory");
	const char *ratio = skvlist_get(&s->sysctl, "overcommit_ratio");
	char b[3][NUM_LEN];
	char *mode_safe = safe(t, mode), *ratio_safe = safe(t, ratio);
	const char *meaning = "";

	if (mode && mode[0] >= '0' && mode[0] <= '2' && !mode[1])
		meaning = _(modes[mode[0] - '0']);
	put(t, _("  overcommit_memory %s (%s), overcommit_ratio %s; CommitLimit "
	         "%s, Committed_AS %s; oom_kill %s since boot\n"),
	    mode_safe, meaning, ratio_safe,
	    meminfo_human(b[0], s, "CommitLimit"),
	    meminfo_human(b[1], s, "Committed_AS"),
	    kv_int(b[2], has_section(s, SEC_VMSTAT), &s->vmstat, "oom_kill"));
	free(mode_safe);
	free(ratio_safe);
}

static void view_oom(struct text *t)
{
	static const char *const columns[] = {
		"pid", "user", "oom_score", "oom_score_adj", "rss_kb", "swap_kb",
		"pgtables_kb", "comm",
	};
	struct proc_table pt = {
		.sort = { .kind = SORT_FIELD, .descending = true },
	};
	struct proc_row *rows;
	size_t n;

	if (!has_section(t->cur, SEC_SYSCTL))
		say_missing(t, "  ", "sysctl");
	view_oom_commit(t);
	if (!need_section(t, SEC_PROCESSES))
		return;
	pt.sort.field = proc_field("oom_score");
	proc_table_named(&pt, columns, ARRAY_SIZE(columns));
	n = proc_rows(t, &pt.sort, &rows);
	proc_rows_sort(t, rows, n);
	put(t, "%s\n", _("  processes by oom_score (the kernel's next victim "
	                 "first); sizes in KiB"));
	proc_table_print(t, &pt, rows, n);
	free(rows);
}

static void view_vmas(struct text *t)
{
	put(t, "  %s\n", _("per-mapping data (smaps, numa_maps) comes with a "
	                   "later version of memlens"));
}

/* ---- slab ------------------------------------------------------------- */

/* A cache with the memory its slabs take, which orders the table. */
struct slab_entry {
	const struct slab_cache *c;
	int64_t cache_kb;
};

static int compare_slab(const void *x, const void *y)
{
	const struct slab_entry *a = x, *b = y;

	if (a->cache_kb != b->cache_kb)
		return a->cache_kb < b->cache_kb ? 1 : -1;
	return strcmp(a->c->name ? a->c->name : "", b->c->name ? b->c->name : "");
}

struct slab_totals {
	size_t used;
	int64_t objs, active, slabs, active_slabs;
	int64_t obj_bytes, active_bytes, cache_kb;
};

/* Like slabtop's header: objects, slabs, and what they weigh. */
static void slab_summary(struct text *t, const struct slab_entry *e, size_t n)
{
	const struct snapshot *s = t->cur;
	struct slab_totals tot = { 0 };
	char b[6][NUM_LEN];

	for (size_t i = 0; i < n; i++) {
		const struct slab_cache *c = e[i].c;

		tot.used += c->active_objs > 0;
		tot.objs += c->num_objs;
		tot.active += c->active_objs;
		tot.slabs += c->num_slabs;
		tot.active_slabs += c->active_slabs;
		tot.obj_bytes += c->num_objs * c->objsize;
		tot.active_bytes += c->active_objs * c->objsize;
		tot.cache_kb += e[i].cache_kb;
	}
	put(t, _("  %zu caches (%zu in use); objects %" PRId64 " active of %" PRId64
	         " (%.1f%%); slabs %" PRId64 " active of %" PRId64 "\n"),
	    n, tot.used, tot.active, tot.objs,
	    tot.objs ? 100.0 * (double)tot.active / (double)tot.objs : 0.0,
	    tot.active_slabs, tot.slabs);
	put(t, _("  objects %s active of %s; slab pages %s; meminfo Slab %s "
	         "(SReclaimable %s, SUnreclaim %s)\n"),
	    human_kb(b[0], true, tot.active_bytes / 1024),
	    human_kb(b[1], true, tot.obj_bytes / 1024),
	    human_kb(b[2], s->page_size > 0, tot.cache_kb),
	    meminfo_human(b[3], s, "Slab"),
	    meminfo_human(b[4], s, "SReclaimable"),
	    meminfo_human(b[5], s, "SUnreclaim"));
}

/* Columns from slab_schema, with USE (active share) after the first two
 * and CACHE (KiB of slab pages) before the name, as slabtop orders them. */
static const char *const slab_head[] = { "num_objs", "active_objs" };
static const char *const slab_tail[] = { "objsize", "num_slabs", "objperslab",
                                         "pagesperslab" };

static void slab_cells(struct text *t, struct table *tb, size_t r,
                       size_t *col, const char *const *names, size_t n,
                       const struct slab_cache *c)
{
	for (size_t i = 0; i < n; i++)
		table_set(tb, r, (*col)++,
		          entity_cell(t, &slab_schema,
		                      schema_field(&slab_schema, names[i]), c, 0));
}

static void slab_row(struct text *t, struct table *tb,
                     const struct slab_entry *e)
{
	const struct slab_cache *c = e->c;
	size_t r = table_row(tb), col = 0;

	slab_cells(t, tb, r, &col, slab_head, ARRAY_SIZE(slab_head), c);
	if (c->num_objs > 0)
		table_setf(tb, r, col++, "%.0f%%",
		           100.0 * (double)c->active_objs / (double)c->num_objs);
	else
		table_set(tb, r, col++, na());
	slab_cells(t, tb, r, &col, slab_tail, ARRAY_SIZE(slab_tail), c);
	table_setf(tb, r, col++, "%" PRId64, e->cache_kb);
	table_set(tb, r, col, safe(t, c->name));
}

static void slab_columns(struct table *tb, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		table_col(tb, schema_field(&slab_schema, names[i])->title, false);
}

static void view_slab(struct text *t)
{
	const struct snapshot *s = t->cur;
	struct slab_entry *entries;
	struct table tb = { 0 };
	size_t n = 0, empty = 0;

	if (!need_section(t, SEC_SLAB))
		return;
	entries = xcalloc(s->nslab + 1, sizeof(*entries));
	for (size_t i = 0; i < s->nslab; i++) {
		const struct slab_cache *c = &s->slab[i];

		if (!(c->known & 1))
			continue; /* a row that did not parse */
		entries[n].c = c;
		entries[n++].cache_kb =
			c->num_slabs * c->pagesperslab * s->page_size / 1024;
	}
	qsort(entries, n, sizeof(*entries), compare_slab);
	slab_summary(t, entries, n);
	put(t, "%s\n", _("  by cache size; CACHE in KiB, OBJSIZE in bytes"));
	slab_columns(&tb, slab_head, ARRAY_SIZE(slab_head));
	table_col(&tb, "USE", false);
	slab_columns(&tb, slab_tail, ARRAY_SIZE(slab_tail));
	table_col(&tb, "CACHE", false);
	table_col(&tb, schema_field(&slab_schema, "name")->title, true);
	for (size_t i = 0; i < n; i++) {
		if (entries[i].c->num_objs == 0) {
			empty++;
			continue;
		}
		slab_row(t, &tb, &entries[i]);
	}
	table_print(t, &tb);
	if (empty)
		put(t, _("  (%zu empty caches not shown)\n"), empty);
	table_free(&tb);
	free(entries);
}

/* ---- numa ------------------------------------------------------------- */

static void numa_meminfo_table(struct text *t, const struct numa *numa)
{
	static const char *const keys[] = {
		"MemTotal", "MemFree", "MemUsed", "Active", "Inactive",
		"FilePages", "AnonPages", "Shmem", "Slab",
	};
	struct table tb = { 0 };

	table_col(&tb, "NODE", false);
	table_col(&tb, "CPUS", true);
	for (size_t k = 0; k < ARRAY_SIZE(keys); k++)
		table_col(&tb, keys[k], false);
	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];
		size_t r = table_row(&tb);
		char b[NUM_LEN];

		table_setf(&tb, r, 0, "%" PRId64, n->node);
		table_set(&tb, r, 1, (n->known & KNOWN(NUMA_CPULIST))
		                         ? safe(t, n->cpulist) : na());
		for (size_t k = 0; k < ARRAY_SIZE(keys); k++)
			table_set(&tb, r, k + 2,
			          xstrdup(kv_int(b, n->known & KNOWN(NUMA_MEMINFO),
			                         &n->meminfo, keys[k])));
	}
	table_print(t, &tb);
	table_free(&tb);
}

/* numastat names in the kernel's order, from the first node that has them. */
static const struct kvlist *numastat_names(const struct numa *numa)
{
	for (size_t i = 0; i < numa->count; i++)
		if ((numa->nodes[i].known & KNOWN(NUMA_NUMASTAT)) &&
		    numa->nodes[i].numastat.count)
			return &numa->nodes[i].numastat;
	return NULL;
}

static const struct numa_node *prev_node(const struct text *t, int64_t id)
{
	const struct numa *numa;

	if (!t->prev || !has_section(t->prev, SEC_NUMA))
		return NULL;
	numa = &t->prev->numa;
	for (size_t i = 0; i < numa->count; i++)
		if (numa->nodes[i].node == id)
			return &numa->nodes[i];
	return NULL;
}

/* Pages since boot, or per second against prev. */
static void numastat_table(struct text *t, const struct numa *numa,
                           bool rates)
{
	const struct kvlist *names = numastat_names(numa);
	struct table tb = { 0 };

	if (!names)
		return;
	table_col(&tb, "NODE", false);
	for (size_t k = 0; k < names->count; k++) {
		char *title = rates ? xasprintf("%s/s", names->items[k].name)
		                    : xstrdup(names->items[k].name);
		char *title_safe = safe(t, title);

		table_col(&tb, title_safe, false);
		free(title_safe);
		free(title);
	}
	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];
		const struct numa_node *p = prev_node(t, n->node);
		size_t r = table_row(&tb);

		table_setf(&tb, r, 0, "%" PRId64, n->node);
		for (size_t k = 0; k < names->count; k++) {
			const char *name = names->items[k].name;
			int64_t pages;
			double rate;

			if (rates && p && (p->known & KNOWN(NUMA_NUMASTAT)) &&
			    kv_rate(t, &n->numastat, &p->numastat, name, &rate))
				table_setf(&tb, r, k + 1, "%.1f", rate);
			else if (!rates && node_numastat(n, name, &pages))
				table_setf(&tb, r, k + 1, "%" PRId64, pages);
			else
				table_set(&tb, r, k + 1, na());
		}
	}
	table_print(t, &tb);
	table_free(&tb);
}

/* Distances to nodes [first, first + count): wide machines get the matrix
 * in slices, so that lines stay readable. */
static void numa_distance_slice(struct text *t, const struct numa *numa,
                                size_t first, size_t count)
{
	struct table tb = { 0 };

	table_col(&tb, "DISTANCE", false);
	for (size_t j = first; j < first + count; j++) {
		char *title = xasprintf("%" PRId64, numa->nodes[j].node);

		table_col(&tb, title, false);
		free(title);
	}
	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];
		bool known = n->known & KNOWN(NUMA_DISTANCE);
		size_t r = table_row(&tb);

		table_setf(&tb, r, 0, "%" PRId64, n->node);
		for (size_t j = first; j < first + count; j++)
			table_set(&tb, r, j - first + 1,
			          known && j < n->ndistance
			                  ? xasprintf("%" PRId64, n->distance[j])
			                  : na());
	}
	table_print(t, &tb);
	table_free(&tb);
}

static void numa_distance_table(struct text *t, const struct numa *numa)
{
	for (size_t first = 0; first < numa->count; first += DISTANCE_COLS) {
		size_t count = numa->count - first;

		numa_distance_slice(t, numa, first,
		                    count < DISTANCE_COLS ? count : DISTANCE_COLS);
	}
}

static void view_numa(struct text *t)
{
	const struct numa *numa = &t->cur->numa;

	if (!need_section(t, SEC_NUMA))
		return;
	put(t, _("  %zu nodes; meminfo in KiB\n"), numa->count);
	if (!numa->count)
		return;
	numa_meminfo_table(t, numa);
	if (numastat_names(numa)) {
		put(t, "%s\n", _("  numastat, pages since boot"));
		numastat_table(t, numa, false);
		put(t, "%s\n", _("  numastat, pages per second"));
		numastat_table(t, numa, true);
	}
	put(t, "%s\n", _("  distances (10 = local)"));
	numa_distance_table(t, numa);
}

/* ---- thp and zswap ---------------------------------------------------- */

static bool per_size_thp(const char *name)
{
	return strncmp(name, "hugepages-", 10) == 0 && strchr(name, '/');
}

static void thp_settings(struct text *t)
{
	const struct skvlist *thp = &t->cur->thp;
	struct table tb = { 0 };

	table_col(&tb, _("SETTING"), true);
	table_col(&tb, _("VALUE"), true);
	for (size_t i = 0; i < thp->count; i++) {
		size_t r;

		if (per_size_thp(thp->items[i].name))
			continue;
		r = table_row(&tb);
		table_set(&tb, r, 0, safe(t, thp->items[i].name));
		table_set(&tb, r, 1, safe(t, thp->items[i].value));
	}
	table_print(t, &tb);
	table_free(&tb);
}

/* "hugepages-2048kB/enabled" -> size_kb 2048, key "enabled". */
static bool split_per_size(const char *name, int64_t *size_kb,
                           const char **key)
{
	char *end;

	if (!per_size_thp(name))
		return false;
	*size_kb = strtoll(name + 10, &end, 10);
	*key = strchr(name, '/') + 1;
	return true;
}

static int compare_int64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

static size_t add_unique_int(int64_t *set, size_t n, int64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == v)
			return n;
	set[n] = v;
	return n + 1;
}

static size_t add_unique_str(const char **set, size_t n, size_t max,
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
static char *per_size_value(const struct text *t, int64_t size_kb,
                            const char *key)
{
	char *name = xasprintf("hugepages-%" PRId64 "kB/%s", size_kb, key);
	const char *value = skvlist_get(&t->cur->thp, name);

	free(name);
	return value ? selected_choice(t, value) : na();
}

/* The sizes (mTHP orders, sorted), their settings ("enabled") and their
 * counters ("stats/anon_fault_alloc"). */
struct thp_sizes {
	int64_t *sizes;
	size_t nsizes;
	const char *settings[TABLE_MAX_COLS - 1];
	size_t nsettings;
	const char *stats[256];
	size_t nstats;
};

static void thp_sizes_collect(const struct skvlist *thp, struct thp_sizes *ts)
{
	ts->sizes = xcalloc(thp->count + 1, sizeof(*ts->sizes));
	for (size_t i = 0; i < thp->count; i++) {
		int64_t size_kb;
		const char *key;

		if (!split_per_size(thp->items[i].name, &size_kb, &key))
			continue;
		ts->nsizes = add_unique_int(ts->sizes, ts->nsizes, size_kb);
		if (strchr(key, '/'))
			ts->nstats = add_unique_str(ts->stats, ts->nstats,
			                            ARRAY_SIZE(ts->stats), key);
		else
			ts->nsettings = add_unique_str(ts->settings, ts->nsettings,
			                               ARRAY_SIZE(ts->settings),
			                               key);
	}
	qsort(ts->sizes, ts->nsizes, sizeof(*ts->sizes), compare_int64);
}

/* One row per size, one column per setting. */
static void thp_size_settings(struct text *t, const struct thp_sizes *ts)
{
	struct table tb = { 0 };

	table_col(&tb, "SIZE_KB", false);
	for (size_t k = 0; k < ts->nsettings; k++) {
		char *title = safe(t, ts->settings[k]);

		table_col(&tb, title, true);
		free(title);
	}
	for (size_t i = 0; i < ts->nsizes; i++) {
		size_t r = table_row(&tb);

		table_setf(&tb, r, 0, "%" PRId64, ts->sizes[i]);
		for (size_t k = 0; k < ts->nsettings; k++)
			table_set(&tb, r, k + 1,
			          per_size_value(t, ts->sizes[i], ts->settings[k]));
	}
	put(t, "%s\n", _("  per-size THP (mTHP), chosen values"));
	table_print(t, &tb);
	table_free(&tb);
}

/* One row per counter, one column per size: sizes are few, counters many. */
static void thp_size_stats(struct text *t, const struct thp_sizes *ts)
{
	struct table tb = { 0 };
	size_t sizes = ts->nsizes < TABLE_MAX_COLS - 1 ? ts->nsizes
	                                               : TABLE_MAX_COLS - 1;

	table_col(&tb, _("COUNTER"), true);
	for (size_t i = 0; i < sizes; i++) {
		char *title = xasprintf("%" PRId64 "kB", ts->sizes[i]);

		table_col(&tb, title, false);
		free(title);
	}
	for (size_t k = 0; k < ts->nstats; k++) {
		size_t r = table_row(&tb);

		table_set(&tb, r, 0, safe(t, strchr(ts->stats[k], '/') + 1));
		for (size_t i = 0; i < sizes; i++)
			table_set(&tb, r, i + 1,
			          per_size_value(t, ts->sizes[i], ts->stats[k]));
	}
	put(t, "%s\n", _("  per-size THP counters since boot"));
	table_print(t, &tb);
	table_free(&tb);
}

static void thp_per_size(struct text *t)
{
	struct thp_sizes ts = { 0 };

	thp_sizes_collect(&t->cur->thp, &ts);
	if (ts.nsizes && ts.nsettings)
		thp_size_settings(t, &ts);
	if (ts.nsizes && ts.nstats)
		thp_size_stats(t, &ts);
	free(ts.sizes);
}

static void thp_meminfo(struct text *t)
{
	static const char *const kb_keys[] = { "AnonHugePages", "ShmemHugePages",
	                                       "FileHugePages", "Hugetlb" };
	const struct snapshot *s = t->cur;
	int64_t v;
	char b[NUM_LEN];

	if (!has_section(s, SEC_MEMINFO))
		return;
	put(t, "  meminfo:");
	for (size_t i = 0; i < ARRAY_SIZE(kb_keys); i++)
		if (meminfo_kb(s, kb_keys[i], &v))
			put(t, " %s %s,", kb_keys[i], human_kb(b, true, v));
	put(t, " HugePages_Total %s,",
	    kv_int(b, true, &s->meminfo, "HugePages_Total"));
	put(t, " HugePages_Free %s\n",
	    kv_int(b, true, &s->meminfo, "HugePages_Free"));
}

static void view_thp_part(struct text *t)
{
	if (need_section(t, SEC_THP)) {
		if (t->cur->thp.count) {
			thp_settings(t);
			thp_per_size(t);
		} else {
			put(t, "  %s\n", _("no THP settings (kernel without THP)"));
		}
	}
	thp_meminfo(t);
	if (need_section(t, SEC_VMSTAT))
		counter_table(t, NULL, 0, "thp_");
}

static void zswap_parameters(struct text *t, const struct zswap *z)
{
	if (!(z->known & KNOWN(ZSWAP_PARAMETERS))) {
		say_missing(t, "  ", "zswap.parameters");
		return;
	}
	put(t, "  %s", _("zswap parameters:"));
	for (size_t i = 0; i < z->parameters.count; i++) {
		char *name = safe(t, z->parameters.items[i].name);
		char *value = safe(t, z->parameters.items[i].value);

		put(t, " %s=%s", name, value);
		free(name);
		free(value);
	}
	put(t, "\n");
}

static void zswap_stats(struct text *t, const struct zswap *z)
{
	struct table tb = { 0 };

	if (!(z->known & KNOWN(ZSWAP_STATS))) {
		say_missing(t, "  ", "zswap.stats");
		return;
	}
	table_col(&tb, _("POOL"), true);
	table_col(&tb, _("VALUE"), false);
	for (size_t i = 0; i < z->stats.count; i++) {
		size_t r = table_row(&tb);

		table_set(&tb, r, 0, safe(t, z->stats.items[i].name));
		table_setf(&tb, r, 1, "%" PRId64, z->stats.items[i].value);
	}
	table_print(t, &tb);
	table_free(&tb);
}

/* The compression ratio: original size over pool size, when both are
 * known and not zero. */
static void zswap_ratio(struct text *t)
{
	const struct snapshot *s = t->cur;
	int64_t pool, stored;
	char b[3][NUM_LEN];
	bool has_pool = meminfo_kb(s, "Zswap", &pool);
	bool has_stored = meminfo_kb(s, "Zswapped", &stored);
	const char *ratio = "n/a";

	if (has_pool && has_stored && pool > 0 && stored > 0) {
		snprintf(b[2], NUM_LEN, "%.2f", (double)stored / (double)pool);
		ratio = b[2];
	}
	put(t, _("  Zswap %s pool, Zswapped %s stored, compression ratio %s\n"),
	    human_kb(b[0], has_pool, pool), human_kb(b[1], has_stored, stored),
	    ratio);
}

static void view_thp(struct text *t)
{
	static const char *const zswap_counters[] = { "zswpin", "zswpout",
	                                              "zswpwb" };
	const struct zswap *z = &t->cur->zswap;

	view_thp_part(t);
	if (!need_section(t, SEC_ZSWAP))
		return;
	zswap_parameters(t, z);
	zswap_stats(t, z);
	if (has_section(t->cur, SEC_MEMINFO))
		zswap_ratio(t);
	if (has_section(t->cur, SEC_VMSTAT))
		counter_table(t, zswap_counters, ARRAY_SIZE(zswap_counters), NULL);
}

/* ---- buddy ------------------------------------------------------------ */

static bool zone_int_field(const struct field *f)
{
	return f->type == FT_INT && strcmp(f->name, "node") != 0;
}

/* NODE ZONE and every page count of zone_schema (watermarks, managed...). */
static void zone_watermark_table(struct text *t)
{
	const struct snapshot *s = t->cur;
	struct table tb = { 0 };

	table_col(&tb, "NODE", false);
	table_col(&tb, "ZONE", true);
	for (size_t i = 0; i < zone_schema.nfields; i++)
		if (zone_int_field(&zone_schema.fields[i]))
			table_col(&tb, zone_schema.fields[i].title, false);
	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone *zone = &s->zones[z];
		size_t r = table_row(&tb), col = 2;

		table_setf(&tb, r, 0, "%" PRId64, zone->node);
		table_set(&tb, r, 1, safe(t, zone->zone));
		for (size_t i = 0; i < zone_schema.nfields; i++) {
			const struct field *f = &zone_schema.fields[i];

			if (zone_int_field(f))
				table_set(&tb, r, col++,
				          entity_cell(t, &zone_schema, f, zone, 0));
		}
	}
	table_print(t, &tb);
	table_free(&tb);
}

static size_t max_orders(const struct snapshot *s)
{
	size_t n = 0;

	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone *zone = &s->zones[z];

		if (zone->norders > n)
			n = zone->norders;
		for (size_t m = 0; m < zone->nmigratetypes; m++)
			if (zone->migratetypes[m].norders > n)
				n = zone->migratetypes[m].norders;
	}
	return n < TABLE_MAX_COLS - 4 ? n : TABLE_MAX_COLS - 4;
}

static void free_blocks_row(struct table *tb, size_t r, bool known,
                            const int64_t *blocks, size_t n, size_t orders)
{
	for (size_t o = 0; o < orders; o++) {
		bool has = known && blocks && o < n;

		table_set(tb, r, 3 + o, int_cell(has, has ? blocks[o] : 0));
	}
}

static void zone_free_rows(struct text *t, struct table *tb,
                           const struct zone *zone, size_t orders)
{
	size_t r = table_row(tb);

	table_setf(tb, r, 0, "%" PRId64, zone->node);
	table_set(tb, r, 1, safe(t, zone->zone));
	table_set(tb, r, 2, xstrdup("all"));
	free_blocks_row(tb, r, zone->known & KNOWN(ZONE_FREE_BLOCKS),
	                zone->free_blocks, zone->norders, orders);
	table_set(tb, r, 3 + orders, xstrdup(""));
	if (!(zone->known & KNOWN(ZONE_MIGRATETYPES)))
		return;
	for (size_t m = 0; m < zone->nmigratetypes; m++) {
		const struct zone_migratetype *mt = &zone->migratetypes[m];

		r = table_row(tb);
		table_setf(tb, r, 0, "%" PRId64, zone->node);
		table_set(tb, r, 1, safe(t, zone->zone));
		table_set(tb, r, 2, safe(t, mt->type));
		free_blocks_row(tb, r, mt->known & 1, mt->free_blocks, mt->norders,
		                orders);
		table_set(tb, r, 3 + orders,
		          int_cell(mt->known & 2, mt->pageblocks));
	}
}

static void zone_free_table(struct text *t)
{
	const struct snapshot *s = t->cur;
	size_t orders = max_orders(s);
	struct table tb = { 0 };

	table_col(&tb, "NODE", false);
	table_col(&tb, "ZONE", true);
	table_col(&tb, "TYPE", true);
	for (size_t o = 0; o < orders; o++) {
		char *title = xasprintf("%zu", o);

		table_col(&tb, title, false);
		free(title);
	}
	table_col(&tb, "BLOCKS", false);
	for (size_t z = 0; z < s->nzones; z++)
		zone_free_rows(t, &tb, &s->zones[z], orders);
	table_print(t, &tb);
	table_free(&tb);
}

static void sysctl_line(struct text *t, const char *const *names, size_t n)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		const char *value = skvlist_get(&t->cur->sysctl, names[i]);
		char *value_safe;

		if (!value)
			continue;
		value_safe = safe_words(t, value);
		put(t, "%s %s=%s", any ? "" : "  vm:", names[i], value_safe);
		free(value_safe);
		any = true;
	}
	if (any)
		put(t, "\n");
}

static void view_buddy(struct text *t)
{
	static const char *const sysctls[] = {
		"min_free_kbytes", "watermark_scale_factor",
		"watermark_boost_factor", "lowmem_reserve_ratio",
		"compaction_proactiveness", "extfrag_threshold",
	};

	if (has_section(t->cur, SEC_SYSCTL))
		sysctl_line(t, sysctls, ARRAY_SIZE(sysctls));
	if (!need_section(t, SEC_ZONES))
		return;
	put(t, "%s\n", _("  watermarks and sizes in pages"));
	zone_watermark_table(t);
	put(t, "%s\n", _("  free blocks per order (order 0 = one page); BLOCKS = "
	                 "pageblocks of the migratetype"));
	zone_free_table(t);
	if (t->cur->nzones && !(t->cur->zones[0].known & KNOWN(ZONE_MIGRATETYPES)))
		say_missing(t, "  ", "pagetypeinfo");
}

/* ---- lru -------------------------------------------------------------- */

static void lru_lists(struct text *t)
{
	static const char *const lists[] = {
		"Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)",
		"Unevictable", "Mlocked",
	};
	struct table tb = { 0 };
	int64_t kb;

	table_col(&tb, _("LIST"), true);
	table_col(&tb, "KIB", false);
	for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
		size_t r = table_row(&tb);

		table_set(&tb, r, 0, xstrdup(lists[i]));
		table_set(&tb, r, 1, meminfo_kb(t->cur, lists[i], &kb)
		                         ? xasprintf("%" PRId64, kb) : na());
	}
	table_print(t, &tb);
	table_free(&tb);
}

/* The psi_line_schema columns for "some" and "full". */
static void lru_psi(struct text *t)
{
	const struct psi *p = &t->cur->psi;
	const struct psi_line *lines[] = { &p->some, &p->full };
	static const char *const kinds[] = { "some", "full" };
	struct table tb = { 0 };

	if (!has_section(t->cur, SEC_PSI)) {
		say_missing(t, "  ", "psi");
		return;
	}
	table_col(&tb, "PSI", true);
	for (size_t i = 0; i < psi_line_schema.nfields; i++)
		table_col(&tb, psi_line_schema.fields[i].title, false);
	for (size_t l = 0; l < ARRAY_SIZE(lines); l++) {
		size_t r = table_row(&tb);

		table_set(&tb, r, 0, xstrdup(kinds[l]));
		for (size_t i = 0; i < psi_line_schema.nfields; i++) {
			const struct field *f = &psi_line_schema.fields[i];

			table_set(&tb, r, i + 1,
			          entity_cell(t, &psi_line_schema, f, lines[l], 0));
		}
	}
	put(t, "%s\n", _("  memory pressure: % of time stalled, TOTAL in us"));
	table_print(t, &tb);
	table_free(&tb);
}

static int compare_cgroup_usage(const void *x, const void *y)
{
	const struct cgroup_mem *a = *(const struct cgroup_mem *const *)x;
	const struct cgroup_mem *b = *(const struct cgroup_mem *const *)y;
	const struct field *f = schema_field(&cgroup_mem_schema, "usage_kb");
	int c = schema_compare(&cgroup_mem_schema, f, a, b, true);

	return c ? c : strcmp(a->path ? a->path : "", b->path ? b->path : "");
}

static void cgroup_table(struct text *t, const struct cgroup_mem **groups,
                         size_t n, const char *const *cols, size_t ncols)
{
	struct table tb = { 0 };

	for (size_t c = 0; c < ncols; c++)
		table_col(&tb, schema_field(&cgroup_mem_schema, cols[c])->title,
		          false);
	table_col(&tb, schema_field(&cgroup_mem_schema, "path")->title, true);
	for (size_t i = 0; i < n; i++) {
		size_t r = table_row(&tb);

		for (size_t c = 0; c < ncols; c++) {
			const struct field *f = schema_field(&cgroup_mem_schema,
			                                     cols[c]);

			table_set(&tb, r, c, entity_cell(t, &cgroup_mem_schema, f,
			                                 groups[i], 0));
		}
		table_set(&tb, r, ncols, safe(t, groups[i]->path));
	}
	table_print(t, &tb);
	table_free(&tb);
}

static void lru_cgroups(struct text *t)
{
	static const char *const v2[] = { "usage_kb", "limit_kb", "high_kb",
	                                  "swap_usage_kb", "swap_limit_kb" };
	static const char *const v1[] = { "usage_kb", "limit_kb",
	                                  "memsw_usage_kb", "memsw_limit_kb" };
	const struct cgroups *cg = &t->cur->cgroup;
	const struct cgroup_mem **groups;
	size_t shown;
	char *mount;

	if (!need_section(t, SEC_CGROUP))
		return;
	groups = xcalloc(cg->count + 1, sizeof(*groups));
	for (size_t i = 0; i < cg->count; i++)
		groups[i] = &cg->groups[i];
	qsort(groups, cg->count, sizeof(*groups), compare_cgroup_usage);
	shown = cg->count < LRU_TOP_CGROUPS ? cg->count : LRU_TOP_CGROUPS;
	mount = safe(t, cg->mount);
	put(t, _("  memory cgroups (v%" PRId64 " at %s): %zu, the %zu largest by "
	         "usage; KiB, \"max\" = no limit\n"),
	    cg->version, mount, cg->count, shown);
	free(mount);
	if (cg->version == 1)
		cgroup_table(t, groups, shown, v1, ARRAY_SIZE(v1));
	else
		cgroup_table(t, groups, shown, v2, ARRAY_SIZE(v2));
	free(groups);
}

static void view_lru(struct text *t)
{
	static const char *const reclaim[] = {
		"pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd",
		"pgsteal_direct", "pgrefill", "pgactivate", "pgdeactivate",
		"workingset_refault_anon",
		"workingset_refault_file", "workingset_refault",
		"workingset_activate_anon", "workingset_activate_file",
		"workingset_restore_anon", "workingset_restore_file", "pswpin",
		"pswpout", "zswpin", "zswpout",
	};
	static const char *const sysctls[] = { "swappiness", "vfs_cache_pressure" };

	if (need_section(t, SEC_MEMINFO))
		lru_lists(t);
	if (need_section(t, SEC_VMSTAT)) {
		put(t, "%s\n", _("  reclaim, pages"));
		counter_table(t, reclaim, ARRAY_SIZE(reclaim), NULL);
	}
	if (need_section(t, SEC_SYSCTL))
		sysctl_line(t, sysctls, ARRAY_SIZE(sysctls));
	lru_psi(t);
	lru_cgroups(t);
}

/* ---- driver ----------------------------------------------------------- */

static void (*const view_printers[VIEW_COUNT])(struct text *t) = {
	[VIEW_PROCS] = view_procs, [VIEW_VMAS] = view_vmas,
	[VIEW_FAULTS] = view_faults, [VIEW_SLAB] = view_slab,
	[VIEW_NUMA] = view_numa, [VIEW_THP] = view_thp,
	[VIEW_BUDDY] = view_buddy, [VIEW_LRU] = view_lru,
	[VIEW_OOM] = view_oom,
};

static void render(struct text *t)
{
	overview(t);
	for (int v = 0; v < VIEW_COUNT; v++) {
		if (!(t->opts->views & (1u << v)))
			continue;
		put(t, "\n[%s] %s\n", view_table[v].name, _(view_table[v].title));
		view_printers[v](t);
	}
}

int output_text(FILE *out, const struct snapshot *prev,
                const struct snapshot *cur, const struct output_options *opts)
{
	static const struct output_options defaults = {
		.views = 1u << VIEW_PROCS,
	};
	struct text t = {
		.out = out, .cur = cur, .prev = prev,
		.opts = opts ? opts : &defaults, .utf8 = escape_locale_utf8(),
	};
	locale_t c_numeric, saved = (locale_t)0;

	if (!out || !cur)
		return -EINVAL;
	/* "." as the decimal point for scripts, whatever LC_NUMERIC says. */
	c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c_numeric)
		saved = uselocale(c_numeric);
	if (prev)
		t.interval = fmax(0, cur->time - prev->time);
	t.reason_said = xcalloc(cur->unavailable.count + 1, sizeof(bool));
	render(&t);
	if (!t.err && fflush(out) == EOF)
		t.err = errno ? -errno : -EIO;
	if (c_numeric) {
		uselocale(saved);
		freelocale(c_numeric);
	}
	free(t.reason_said);
	return t.err;
}
