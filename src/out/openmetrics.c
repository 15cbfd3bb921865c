/*
 * openmetrics.c - system-wide metrics in the OpenMetrics text format, as the
 * node_exporter textfile collector and `promtool check metrics` read it.
 *
 * Naming: every family starts with memlens_; kernel names become snake_case
 * (MemTotal -> mem_total); sizes are converted to bytes, microseconds to
 * seconds and percentages to ratios, with the unit as the name's suffix.  A
 * counter family is named with its _total suffix (# TYPE x_total counter),
 * the form both the Prometheus text parser and promtool's lint accept.  A
 * name is used by one family only: a second family that would reuse it is
 * left out rather than written with two types.  Values that were not read
 * are left out; memlens_unavailable{source} says which sources are missing.
 *
 * Must not: emit per-process series (their cardinality has no bound), read
 * files or the clock, or emit rates (counters are the rate's source).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "output.h"
#include "schema.h"
#include "util.h"

struct om {
	FILE *out;
	int err; /* the first write error, -errno */
	const struct snapshot *snap;
	char **names; /* family names used, without _total */
	size_t nnames;
	size_t cap;
};

/* A label set: up to four name="value" pairs, values raw from the kernel. */
struct labels {
	const char *name[4];
	const char *value[4];
	size_t count;
};

#define LABELS(...) ((struct labels){ __VA_ARGS__ })

/* ---- writing ---------------------------------------------------------- */

static void put(struct om *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct om *m, const char *fmt, ...)
{
	va_list ap;

	if (m->err)
		return;
	errno = 0;
	va_start(ap, fmt);
	if (vfprintf(m->out, fmt, ap) < 0)
		m->err = errno ? -errno : -EIO;
	va_end(ap);
}

/* Label values: terminal-safe first (no raw control bytes, valid UTF-8),
 * then the spec's escapes for backslash and double quote. */
static void put_label_value(struct om *m, const char *value)
{
	char *text = escape_term(value, true);

	put(m, "\"");
	for (const char *p = text; *p; p++) {
		if (*p == '\\' || *p == '"')
			put(m, "\\%c", *p);
		else
			put(m, "%c", *p);
	}
	put(m, "\"");
	free(text);
}

static void put_labels(struct om *m, const struct labels *l)
{
	if (!l || !l->count)
		return;
	put(m, "{");
	for (size_t i = 0; i < l->count; i++) {
		put(m, "%s%s=", i ? "," : "", l->name[i]);
		put_label_value(m, l->value[i]);
	}
	put(m, "}");
}

/* HELP text: backslash and newline escaped, as the spec asks. */
static void put_help(struct om *m, const char *help)
{
	for (const char *p = help; *p; p++) {
		if (*p == '\\')
			put(m, "\\\\");
		else if (*p == '\n')
			put(m, "\\n");
		else
			put(m, "%c", *p);
	}
}

/* The shortest form that reads back as the same double. */
static void put_double(struct om *m, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof(buf), "%.17g", v);
	put(m, "%s", buf);
}

/* ---- names ------------------------------------------------------------ */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Abbreviated units promtool's lint refuses as a name part. */
static bool unit_abbreviation(const char *token, size_t len)
{
	static const char *const units[] = { "s", "ms", "us", "ns", "sec", "b",
	                                     "kb", "mb", "gb", "tb", "pb", "m",
	                                     "h", "d" };

	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (strlen(units[i]) == len && strncmp(units[i], token, len) == 0)
			return true;
	return false;
}

/* Joins a part that reads as an abbreviated unit to the part before it
 * ("foo_s" -> "foos"), or the first part to the next one ("s_reclaimable"
 * -> "sreclaimable", "sec_page_tables" -> "secpage_tables"). */
static void join_unit_parts(char *name)
{
	size_t first = strcspn(name, "_");
	char *part = name;

	if (name[first] && unit_abbreviation(name, first))
		memmove(name + first, name + first + 1, strlen(name + first));
	while ((part = strchr(part, '_'))) {
		size_t len = strcspn(part + 1, "_");

		if (unit_abbreviation(part + 1, len))
			memmove(part, part + 1, strlen(part + 1) + 1);
		else
			part++;
	}
}

/*
 * A kernel name as a metric name part: CamelCase split into snake_case
 * (AnonHugePages -> anon_huge_pages, SReclaimable -> s_reclaimable), other
 * characters than [a-z0-9] as one '_', none at either end.
 */
static char *snake_case(const char *raw)
{
	size_t len = strlen(raw);
	char *out = xmalloc(2 * len + 2), *o = out;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)raw[i];
		unsigned char prev = i ? (unsigned char)raw[i - 1] : 0;
		unsigned char next = (unsigned char)raw[i + 1];

		if (isupper(c) && i &&
		    (islower(prev) || (isupper(prev) && islower(next))))
			*o++ = '_';
		if (isalnum(c) && c < 0x80)
			*o++ = (char)tolower(c);
		else if (o > out && o[-1] != '_')
			*o++ = '_';
	}
	while (o > out && o[-1] == '_')
		o--;
	*o = '\0';
	join_unit_parts(out);
	if (!*out || isdigit((unsigned char)out[0])) {
		char *prefixed = xasprintf("x%s", out);

		free(out);
		return prefixed;
	}
	return out;
}

/* prefix + snake_case(raw) + suffix; a gauge whose name ends like a
 * counter, summary or histogram series gets "_value" so it reads as none. */
static char *metric_name(const char *prefix, const char *raw,
                         const char *suffix, bool counter)
{
	char *part = snake_case(raw);
	char *name = xasprintf("%s%s%s", prefix, part, suffix);

	free(part);
	if (!counter && (ends_with(name, "_total") || ends_with(name, "_count") ||
	                 ends_with(name, "_sum") || ends_with(name, "_bucket"))) {
		char *longer = xasprintf("%s_value", name);

		free(name);
		name = longer;
	}
	return name;
}

/* Registers a family name (without _total); false if it is taken. */
static bool claim_name(struct om *m, const char *name)
{
	size_t len = strlen(name);

	if (ends_with(name, "_total"))
		len -= 6;
	for (size_t i = 0; i < m->nnames; i++)
		if (strlen(m->names[i]) == len &&
		    strncmp(m->names[i], name, len) == 0)
			return false;
	xgrow((void **)&m->names, &m->cap, m->nnames + 1, sizeof(*m->names));
	m->names[m->nnames++] = xstrndup(name, len);
	return true;
}

/*
 * Starts a family: # HELP, # TYPE and, when the name ends with a unit,
 * # UNIT (counters carry no UNIT: their name ends with _total).  Returns
 * false when the name is taken; the caller then writes no samples.
 */
static bool family(struct om *m, const char *name, const char *type,
                   const char *help)
{
	static const char *const units[] = { "bytes", "seconds", "ratio",
	                                     "pages" };

	if (!claim_name(m, name))
		return false;
	put(m, "# HELP %s ", name);
	put_help(m, help);
	put(m, "\n# TYPE %s %s\n", name, type);
	for (size_t i = 0; strcmp(type, "gauge") == 0 && i < ARRAY_SIZE(units); i++)
		if (ends_with(name, units[i]) &&
		    name[strlen(name) - strlen(units[i]) - 1] == '_') {
			put(m, "# UNIT %s %s\n", name, units[i]);
			break;
		}
	return true;
}

/* Declares a family before its first sample; false (write no sample) when
 * its name is taken. */
static bool first_sample(struct om *m, bool *started, const char *name,
                         const char *type, const char *help)
{
	if (!*started)
		*started = family(m, name, type, help);
	return *started;
}

/*
 * a * b held at the int64 limits: a replayed record may carry any number,
 * and a size no machine has must print as one, not overflow (undefined).
 */
static int64_t mul_held(int64_t a, int64_t b)
{
	int64_t product;

	if (__builtin_mul_overflow(a, b, &product))
		return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
	return product;
}

static void sample_int(struct om *m, const char *name, const struct labels *l,
                       int64_t value)
{
	put(m, "%s", name);
	put_labels(m, l);
	put(m, " %" PRId64 "\n", value);
}

static void sample_double(struct om *m, const char *name,
                          const struct labels *l, double value)
{
	put(m, "%s", name);
	put_labels(m, l);
	put(m, " ");
	put_double(m, value);
	put(m, "\n");
}

/* One family with one sample, the common case for system counters. */
static void single_int(struct om *m, const char *name, const char *type,
                       const char *help, int64_t value)
{
	if (family(m, name, type, help))
		sample_int(m, name, NULL, value);
}

static bool has_section(const struct snapshot *s, enum snapshot_section sec)
{
	return (s->known & KNOWN(sec)) != 0;
}

/* ---- meminfo ---------------------------------------------------------- */

/* HugePages_Total/Free/Rsvd/Surp are counts of huge pages, not kB. */
static bool hugepages_count(const char *name)
{
	return strncmp(name, "HugePages_", 10) == 0;
}

/* One labelled family for the HugePages_* counts of a meminfo list. */
static void hugepages_family(struct om *m, const char *name,
                             const char *help, const struct kvlist *const *lists,
                             const char *const *label_values, size_t nlists)
{
	bool started = false;

	for (size_t n = 0; n < nlists; n++) {
		for (size_t i = 0; i < lists[n]->count; i++) {
			const struct kv *kv = &lists[n]->items[i];
			char *state;
			struct labels l = { .count = 0 };

			if (!hugepages_count(kv->name))
				continue;
			if (!first_sample(m, &started, name, "gauge", help))
				return;
			state = snake_case(kv->name + 10);
			if (label_values) {
				l.name[l.count] = "node";
				l.value[l.count++] = label_values[n];
			}
			l.name[l.count] = "state";
			l.value[l.count++] = state;
			sample_int(m, name, &l, kv->value);
			free(state);
		}
	}
}

static void meminfo_metrics(struct om *m)
{
	const struct kvlist *mi = &m->snap->meminfo;

	if (!has_section(m->snap, SEC_MEMINFO))
		return;
	for (size_t i = 0; i < mi->count; i++) {
		const struct kv *kv = &mi->items[i];
		char *name, *help;

		if (hugepages_count(kv->name))
			continue;
		name = metric_name("memlens_meminfo_", kv->name, "_bytes", false);
		help = xasprintf("/proc/meminfo %s, in bytes.", kv->name);
		if (family(m, name, "gauge", help))
			sample_int(m, name, NULL, mul_held(kv->value, 1024));
		free(help);
		free(name);
	}
	hugepages_family(m, "memlens_meminfo_hugepages",
	                 "/proc/meminfo HugePages_Total, _Free, _Rsvd, _Surp: "
	                 "huge pages of the default size.",
	                 (const struct kvlist *const[]){ mi }, NULL, 1);
}

/* ---- vmstat ----------------------------------------------------------- */

static bool in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

/* nr_* items are current values (mostly pages), the rest count events
 * since boot; these are the exceptions both ways. */
static bool vmstat_gauge(const char *name)
{
	static const char *const nr_counters[] = {
		"nr_dirtied", "nr_written", "nr_throttled_written",
		"nr_vmscan_write", "nr_vmscan_immediate_reclaim",
		"nr_foll_pin_acquired", "nr_foll_pin_released",
		"nr_tlb_remote_flush", "nr_tlb_remote_flush_received",
		"nr_tlb_local_flush_all", "nr_tlb_local_flush_one",
	};
	static const char *const other_gauges[] = { "workingset_nodes" };

	if (strncmp(name, "nr_", 3) == 0)
		return !in_list(name, nr_counters, ARRAY_SIZE(nr_counters));
	return in_list(name, other_gauges, ARRAY_SIZE(other_gauges));
}

static void vmstat_metrics(struct om *m)
{
	const struct kvlist *vm = &m->snap->vmstat;

	if (!has_section(m->snap, SEC_VMSTAT))
		return;
	for (size_t i = 0; i < vm->count; i++) {
		const struct kv *kv = &vm->items[i];
		bool gauge = vmstat_gauge(kv->name);
		char *name = metric_name("memlens_vmstat_", kv->name,
		                         gauge ? "" : "_total", !gauge);
		char *help = gauge ? xasprintf("/proc/vmstat %s: current value "
		                               "(pages for most nr_ items).",
		                               kv->name)
		                   : xasprintf("/proc/vmstat %s: events since boot.",
		                               kv->name);

		single_int(m, name, gauge ? "gauge" : "counter", help, kv->value);
		free(help);
		free(name);
	}
}

/* ---- zones ------------------------------------------------------------ */

static void zone_labels(struct labels *l, const struct zone *z, char *node)
{
	snprintf(node, 24, "%" PRId64, z->node);
	*l = LABELS(.name = { "node", "zone" },
	            .value = { node, z->zone ? z->zone : "" }, .count = 2);
}

/* Every page count of zone_schema, one family each. */
static void zone_int_metrics(struct om *m, const struct field *f)
{
	const struct snapshot *s = m->snap;
	char *name = metric_name("memlens_zone_", f->name, "", false);
	bool started = false;

	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone *zone = &s->zones[z];
		int64_t value;
		struct labels l;
		char node[24];

		if (!field_known(&zone_schema, f, zone))
			continue;
		if (!first_sample(m, &started, name, "gauge", f->help))
			break;
		memcpy(&value, field_ptr(f, zone), sizeof(value));
		zone_labels(&l, zone, node);
		sample_int(m, name, &l, value);
	}
	free(name);
}

static void free_blocks_samples(struct om *m, const char *name,
                                struct labels *l, const int64_t *blocks,
                                size_t n)
{
	char order[24];
	size_t at = l->count++;

	l->name[at] = "order";
	l->value[at] = order;
	for (size_t o = 0; blocks && o < n; o++) {
		snprintf(order, sizeof(order), "%zu", o);
		sample_int(m, name, l, blocks[o]);
	}
	l->count--;
}

static void zone_free_blocks(struct om *m)
{
	const struct snapshot *s = m->snap;
	const char *name = "memlens_zone_free_blocks";
	bool started = false;

	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone *zone = &s->zones[z];
		struct labels l;
		char node[24];

		if (!(zone->known & KNOWN(ZONE_FREE_BLOCKS)))
			continue;
		if (!first_sample(m, &started, name, "gauge",
		                  schema_field(&zone_schema, "free_blocks")->help))
			return;
		zone_labels(&l, zone, node);
		free_blocks_samples(m, name, &l, zone->free_blocks, zone->norders);
	}
}

/*
 * One family per migratetype field of pagetypeinfo: free blocks per order
 * (known bit 0) or the pageblock count (known bit 1).
 */
static void migratetype_family(struct om *m, const char *name,
                               const char *field, uint64_t known_bit)
{
	const struct snapshot *s = m->snap;
	const char *help = schema_field(&migratetype_schema, field)->help;
	bool started = false;

	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone *zone = &s->zones[z];

		if (!(zone->known & KNOWN(ZONE_MIGRATETYPES)))
			continue;
		for (size_t t = 0; t < zone->nmigratetypes; t++) {
			const struct zone_migratetype *mt = &zone->migratetypes[t];
			struct labels l;
			char node[24];

			if (!(mt->known & known_bit))
				continue;
			if (!first_sample(m, &started, name, "gauge", help))
				return;
			zone_labels(&l, zone, node);
			l.name[l.count] = "type";
			l.value[l.count++] = mt->type ? mt->type : "";
			if (known_bit == 1)
				free_blocks_samples(m, name, &l, mt->free_blocks,
				                    mt->norders);
			else
				sample_int(m, name, &l, mt->pageblocks);
		}
	}
}

static void migratetype_free_blocks(struct om *m)
{
	migratetype_family(m, "memlens_zone_migratetype_free_blocks",
	                   "free_blocks", 1);
}

static void migratetype_pageblocks(struct om *m)
{
	migratetype_family(m, "memlens_zone_migratetype_pageblocks",
	                   "pageblocks", 2);
}

static void zone_metrics(struct om *m)
{
	if (!has_section(m->snap, SEC_ZONES))
		return;
	for (size_t i = 0; i < zone_schema.nfields; i++) {
		const struct field *f = &zone_schema.fields[i];

		if (f->type == FT_INT && f->known_bit >= 0)
			zone_int_metrics(m, f);
	}
	zone_free_blocks(m);
	migratetype_free_blocks(m);
	migratetype_pageblocks(m);
}

/* ---- numa ------------------------------------------------------------- */

/* The node ids as label values, in node order. */
static char **node_ids(const struct numa *numa)
{
	char **ids = xcalloc(numa->count + 1, sizeof(*ids));

	for (size_t i = 0; i < numa->count; i++)
		ids[i] = xasprintf("%" PRId64, numa->nodes[i].node);
	return ids;
}

static void free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* The list of a node's kvlist member, or NULL when its bit is clear. */
static const struct kvlist *node_list(const struct numa_node *n, int bit)
{
	if (!(n->known & KNOWN(bit)))
		return NULL;
	return bit == NUMA_MEMINFO ? &n->meminfo : &n->numastat;
}

/* One family per name found in any node's list (first appearance order),
 * one sample per node that has it. */
static void node_kv_family(struct om *m, char **ids, int bit,
                           const char *name_in, bool first_of_name)
{
	const struct numa *numa = &m->snap->numa;
	bool meminfo = bit == NUMA_MEMINFO;
	char *name = meminfo ? metric_name("memlens_numa_meminfo_", name_in,
	                                   "_bytes", false)
	                     : metric_name("memlens_numastat_", name_in, "_total",
	                                   true);
	char *help = xasprintf(meminfo ? "Node meminfo %s, in bytes."
	                               : "Node numastat %s: pages since boot.",
	                       name_in);
	bool started = false;

	for (size_t i = 0; first_of_name && i < numa->count; i++) {
		const struct kvlist *list = node_list(&numa->nodes[i], bit);
		int64_t value;
		struct labels l = LABELS(.name = { "node" }, .value = { ids[i] },
		                         .count = 1);

		if (!list || !kvlist_get(list, name_in, &value))
			continue;
		if (!first_sample(m, &started, name, meminfo ? "gauge" : "counter",
		                  help))
			break;
		sample_int(m, name, &l, meminfo ? mul_held(value, 1024) : value);
	}
	free(help);
	free(name);
}

/* Whether name appears in the lists of nodes before node i. */
static bool seen_before(const struct numa *numa, size_t i, int bit,
                        const char *name)
{
	for (size_t j = 0; j < i; j++) {
		const struct kvlist *list = node_list(&numa->nodes[j], bit);

		if (list && kvlist_find(list, name))
			return true;
	}
	return false;
}

static void node_kv_metrics(struct om *m, char **ids, int bit)
{
	const struct numa *numa = &m->snap->numa;

	for (size_t i = 0; i < numa->count; i++) {
		const struct kvlist *list = node_list(&numa->nodes[i], bit);

		for (size_t k = 0; list && k < list->count; k++) {
			const char *name = list->items[k].name;

			if (bit == NUMA_MEMINFO && hugepages_count(name))
				continue;
			node_kv_family(m, ids, bit, name,
			               !seen_before(numa, i, bit, name));
		}
	}
}

static void node_hugepages(struct om *m, char **ids)
{
	const struct numa *numa = &m->snap->numa;
	const struct kvlist **lists = xcalloc(numa->count + 1, sizeof(*lists));
	const char **labels = xcalloc(numa->count + 1, sizeof(*labels));
	size_t n = 0;

	for (size_t i = 0; i < numa->count; i++) {
		if (!(lists[n] = node_list(&numa->nodes[i], NUMA_MEMINFO)))
			continue;
		labels[n++] = ids[i];
	}
	hugepages_family(m, "memlens_numa_meminfo_hugepages",
	                 "Node meminfo HugePages_Total, _Free, _Surp: huge pages "
	                 "of the default size.",
	                 lists, labels, n);
	free(lists);
	free(labels);
}

static void node_distances(struct om *m, char **ids)
{
	const struct numa *numa = &m->snap->numa;
	const char *name = "memlens_numa_distance";
	const char *help = schema_field(&numa_node_schema, "distance")->help;
	bool started = false;

	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];

		if (!(n->known & KNOWN(NUMA_DISTANCE)))
			continue;
		if (!first_sample(m, &started, name, "gauge", help))
			return;
		for (size_t j = 0; j < n->ndistance && j < numa->count; j++) {
			struct labels l = LABELS(.name = { "node", "to" },
			                         .value = { ids[i], ids[j] },
			                         .count = 2);

			sample_int(m, name, &l, n->distance[j]);
		}
	}
}

static void numa_metrics(struct om *m)
{
	const struct numa *numa = &m->snap->numa;
	char **ids;

	if (!has_section(m->snap, SEC_NUMA) || !numa->count)
		return;
	ids = node_ids(numa);
	node_kv_metrics(m, ids, NUMA_MEMINFO);
	node_hugepages(m, ids);
	node_kv_metrics(m, ids, NUMA_NUMASTAT);
	node_distances(m, ids);
	free_ids(ids, numa->count);
}

/* ---- psi -------------------------------------------------------------- */

/* psi_line_schema: the averages (percent) as ratios, the total stall
 * (microseconds, a counter) as seconds. */
static void psi_field(struct om *m, const struct field *f)
{
	const struct psi *p = &m->snap->psi;
	const struct psi_line *lines[] = { &p->some, &p->full };
	static const char *const kinds[] = { "some", "full" };
	bool counter = f->flags & FF_COUNTER;
	char *name = counter ? xstrdup("memlens_psi_memory_stall_seconds_total")
	                     : xasprintf("memlens_psi_memory_%s_ratio", f->name);
	bool started = false;

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		struct labels l = LABELS(.name = { "kind" }, .value = { kinds[i] },
		                         .count = 1);
		double value;
		int64_t total_us;

		if (!field_known(&psi_line_schema, f, lines[i]))
			continue;
		if (!first_sample(m, &started, name, counter ? "counter" : "gauge",
		                  f->help))
			break;
		if (counter) {
			memcpy(&total_us, field_ptr(f, lines[i]), sizeof(total_us));
			value = (double)total_us / 1e6;
		} else {
			memcpy(&value, field_ptr(f, lines[i]), sizeof(value));
			value /= 100;
		}
		sample_double(m, name, &l, value);
	}
	free(name);
}

static void psi_metrics(struct om *m)
{
	if (!has_section(m->snap, SEC_PSI))
		return;
	for (size_t i = 0; i < psi_line_schema.nfields; i++)
		psi_field(m, &psi_line_schema.fields[i]);
}

/* ---- slab ------------------------------------------------------------- */

static void slab_field(struct om *m, const char *field_name)
{
	const struct snapshot *s = m->snap;
	const struct field *f = schema_field(&slab_schema, field_name);
	char *name = metric_name("memlens_slab_", f->name,
	                         strcmp(f->unit, "bytes") == 0 ? "_bytes" : "",
	                         false);
	bool started = false;

	for (size_t i = 0; i < s->nslab; i++) {
		const struct slab_cache *c = &s->slab[i];
		struct labels l = LABELS(.name = { "cache" },
		                         .value = { c->name ? c->name : "" },
		                         .count = 1);
		int64_t value;

		if (!field_known(&slab_schema, f, c))
			continue;
		if (!first_sample(m, &started, name, "gauge", f->help))
			break;
		memcpy(&value, field_ptr(f, c), sizeof(value));
		sample_int(m, name, &l, value);
	}
	free(name);
}

static void slab_size(struct om *m)
{
	const struct snapshot *s = m->snap;
	const char *name = "memlens_slab_size_bytes";
	bool started = false;

	for (size_t i = 0; i < s->nslab; i++) {
		const struct slab_cache *c = &s->slab[i];
		struct labels l = LABELS(.name = { "cache" },
		                         .value = { c->name ? c->name : "" },
		                         .count = 1);

		if (!(c->known & 1) || s->page_size <= 0)
			continue;
		if (!first_sample(m, &started, name, "gauge",
		                  "Memory of the cache's slabs: slabs x "
		                  "pages per slab x page size."))
			return;
		sample_int(m, name, &l,
		           mul_held(mul_held(c->num_slabs, c->pagesperslab),
		                    s->page_size));
	}
}

static void slab_metrics(struct om *m)
{
	static const char *const fields[] = { "active_objs", "num_objs",
	                                      "objsize", "num_slabs" };

	if (!has_section(m->snap, SEC_SLAB))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		slab_field(m, fields[i]);
	slab_size(m);
}

/* ---- cgroups ---------------------------------------------------------- */

/* cgroup_mem_schema's KiB fields as bytes; no sample for "no limit". */
static void cgroup_field(struct om *m, const struct field *f)
{
	const struct cgroups *cg = &m->snap->cgroup;
	char *base = xstrndup(f->name, strlen(f->name) - 3); /* cut "_kb" */
	char *name = metric_name("memlens_cgroup_", base, "_bytes", false);
	bool started = false;

	for (size_t i = 0; i < cg->count; i++) {
		const struct cgroup_mem *g = &cg->groups[i];
		struct labels l = LABELS(.name = { "cgroup" },
		                         .value = { g->path ? g->path : "" },
		                         .count = 1);
		int64_t kb;

		if (!field_known(&cgroup_mem_schema, f, g))
			continue;
		memcpy(&kb, field_ptr(f, g), sizeof(kb));
		if (kb == CGROUP_UNLIMITED)
			continue;
		if (!first_sample(m, &started, name, "gauge", f->help))
			break;
		sample_int(m, name, &l, mul_held(kb, 1024));
	}
	free(name);
	free(base);
}

static void cgroup_metrics(struct om *m)
{
	if (!has_section(m->snap, SEC_CGROUP))
		return;
	for (size_t i = 0; i < cgroup_mem_schema.nfields; i++) {
		const struct field *f = &cgroup_mem_schema.fields[i];

		if (f->type == FT_INT && strcmp(f->unit, "KiB") == 0 &&
		    ends_with(f->name, "_kb"))
			cgroup_field(m, f);
	}
}

/* ---- thp and zswap settings ------------------------------------------- */

/* A whole decimal integer, or Y/N (module parameters) as 1/0. */
static bool numeric_value(const char *text, int64_t *value)
{
	char *end;

	if (strcmp(text, "Y") == 0 || strcmp(text, "N") == 0) {
		*value = text[0] == 'Y';
		return true;
	}
	return parse_int64(text, &end, value) == 0 && *end == '\0';
}

/* "always [madvise] never" -> "madvise" (caller frees), or NULL. */
static char *chosen_value(const char *text)
{
	const char *open = strchr(text, '[');
	const char *close = open ? strchr(open, ']') : NULL;

	return close ? xstrndup(open + 1, (size_t)(close - open - 1)) : NULL;
}

/* Numeric settings (and per-size counters) by name, as gauges. */
static void thp_numeric(struct om *m)
{
	const struct skvlist *thp = &m->snap->thp;
	const char *name = "memlens_thp_setting";
	bool started = false;

	for (size_t i = 0; i < thp->count; i++) {
		struct labels l = LABELS(.name = { "name" },
		                         .value = { thp->items[i].name },
		                         .count = 1);
		int64_t value;

		if (!numeric_value(thp->items[i].value, &value))
			continue;
		if (!first_sample(m, &started, name, "gauge",
		                  "Numeric files under "
		                  "/sys/kernel/mm/transparent_hugepage, by "
		                  "path (settings, khugepaged and per-size "
		                  "counters)."))
			return;
		sample_int(m, name, &l, value);
	}
}

/* Choice settings: 1 for the chosen value, as node_exporter's info style. */
static void thp_choices(struct om *m)
{
	const struct skvlist *thp = &m->snap->thp;
	const char *name = "memlens_thp_choice";
	bool started = false;

	for (size_t i = 0; i < thp->count; i++) {
		char *chosen = chosen_value(thp->items[i].value);
		struct labels l = LABELS(.name = { "setting", "value" },
		                         .value = { thp->items[i].name, chosen },
		                         .count = 2);

		if (chosen && first_sample(m, &started, name, "gauge",
		                           "THP settings with a choice (\"always "
		                           "[madvise] never\"): 1 for the chosen "
		                           "value."))
			sample_int(m, name, &l, 1);
		free(chosen);
	}
}

static void zswap_parameters(struct om *m)
{
	const struct skvlist *p = &m->snap->zswap.parameters;
	bool started = false, started_info = false;

	for (size_t i = 0; i < p->count; i++) {
		struct labels l = LABELS(.name = { "name" },
		                         .value = { p->items[i].name }, .count = 1);
		int64_t value;

		if (numeric_value(p->items[i].value, &value) &&
		    first_sample(m, &started, "memlens_zswap_parameter", "gauge",
		                 "Numeric zswap module parameters (Y/N as 1/0)."))
			sample_int(m, "memlens_zswap_parameter", &l, value);
	}
	for (size_t i = 0; i < p->count; i++) {
		struct labels l = LABELS(.name = { "name", "value" },
		                         .value = { p->items[i].name,
		                                    p->items[i].value },
		                         .count = 2);
		int64_t value;

		if (!numeric_value(p->items[i].value, &value) &&
		    first_sample(m, &started_info, "memlens_zswap_parameter_info",
		                 "gauge", "Text zswap module parameters "
		                          "(compressor, zpool): 1 for the value."))
			sample_int(m, "memlens_zswap_parameter_info", &l, 1);
	}
}

/* debugfs zswap/: current sizes are gauges, the rest count events. */
static void zswap_stats(struct om *m)
{
	static const char *const gauges[] = { "pool_total_size", "stored_pages",
	                                      "same_filled_pages",
	                                      "stored_incompressible_pages" };
	const struct kvlist *st = &m->snap->zswap.stats;

	for (size_t i = 0; i < st->count; i++) {
		const char *raw = st->items[i].name;
		bool gauge = in_list(raw, gauges, ARRAY_SIZE(gauges));
		bool bytes = strcmp(raw, "pool_total_size") == 0;
		char *name = metric_name("memlens_zswap_", raw,
		                         bytes ? "_bytes" : gauge ? "" : "_total",
		                         !gauge);
		char *help = xasprintf("debugfs zswap/%s%s.", raw,
		                       gauge ? "" : ": events since boot");

		single_int(m, name, gauge ? "gauge" : "counter", help,
		           st->items[i].value);
		free(help);
		free(name);
	}
}

static void settings_metrics(struct om *m)
{
	const struct zswap *z = &m->snap->zswap;

	if (has_section(m->snap, SEC_THP)) {
		thp_numeric(m);
		thp_choices(m);
	}
	if (!has_section(m->snap, SEC_ZSWAP))
		return;
	if (z->known & KNOWN(ZSWAP_PARAMETERS))
		zswap_parameters(m);
	if (z->known & KNOWN(ZSWAP_STATS))
		zswap_stats(m);
}

/* ---- the snapshot itself ---------------------------------------------- */

static void snapshot_metrics(struct om *m)
{
	const struct snapshot *s = m->snap;

	if (family(m, "memlens_snapshot_timestamp_seconds", "gauge",
	           "When the snapshot was taken, seconds since the epoch."))
		sample_double(m, "memlens_snapshot_timestamp_seconds", NULL,
		              s->time);
	if (s->page_size > 0)
		single_int(m, "memlens_page_size_bytes", "gauge",
		           "Base page size in bytes.", s->page_size);
	if (s->kernel && family(m, "memlens_kernel_info", "gauge",
	                        "Kernel release: 1 for the running one.")) {
		struct labels l = LABELS(.name = { "release" },
		                         .value = { s->kernel }, .count = 1);

		sample_int(m, "memlens_kernel_info", &l, 1);
	}
}

static void unavailable_metrics(struct om *m)
{
	const struct skvlist *u = &m->snap->unavailable;

	if (!u->count || !family(m, "memlens_unavailable", "gauge",
	                         "1 for each source memlens could not read "
	                         "(the reason is in the JSON output)."))
		return;
	for (size_t i = 0; i < u->count; i++) {
		struct labels l = LABELS(.name = { "source" },
		                         .value = { u->items[i].name }, .count = 1);

		sample_int(m, "memlens_unavailable", &l, 1);
	}
}

static void render(struct om *m)
{
	snapshot_metrics(m);
	meminfo_metrics(m);
	vmstat_metrics(m);
	zone_metrics(m);
	numa_metrics(m);
	psi_metrics(m);
	slab_metrics(m);
	cgroup_metrics(m);
	settings_metrics(m);
	unavailable_metrics(m);
	put(m, "# EOF\n");
}

int output_openmetrics(FILE *out, const struct snapshot *prev,
                       const struct snapshot *cur,
                       const struct output_options *opts)
{
	struct om m = { .out = out, .snap = cur };
	locale_t c_numeric, saved = (locale_t)0;

	(void)prev; /* counters, not rates: Prometheus derives the rates */
	(void)opts; /* every section the snapshot holds */
	if (!out || !cur)
		return -EINVAL;
	/* The format wants "." as the decimal point in every locale. */
	c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c_numeric)
		saved = uselocale(c_numeric);
	render(&m);
	if (!m.err && fflush(out) == EOF)
		m.err = errno ? -errno : -EIO;
	if (c_numeric) {
		uselocale(saved);
		freelocale(c_numeric);
	}
	for (size_t i = 0; i < m.nnames; i++)
		free(m.names[i]);
	free(m.names);
	return m.err;
}
