/*
 * text_overview.c - the lines that open every snapshot of batch text, like
 * the summary area of top: when and where, memory and swap as free(1)
 * counts them, commit, PSI, the fault, reclaim and swap rates, and the
 * NUMA nodes when there are several.  Sizes in human units.
 *
 * Must not: print a table (the views do), or read the clock: the time is
 * the snapshot's, so a replay prints what the live run printed.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "text_internal.h"
#include "util.h"

/* The overview gives every node a line up to this many nodes. */
#define OVERVIEW_NODE_LINES 8

static void text_overview_header(struct text *t)
{
	const struct snapshot *s = t->cur;
	char when[64] = "n/a";
	time_t secs = (time_t)s->time;
	struct tm tm;
	char *host = text_value_safe(t, s->hostname);
	char *kernel = text_value_safe(t, s->kernel);

	if (s->time > 0 && localtime_r(&secs, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
	text_put(t, "memlens - %s, %s %s, %s %s, ", when, _("host"), host,
	         _("kernel"), kernel);
	if (!t->prev)
		text_put(t, "%s\n", _("first snapshot: no rates yet"));
	else if (t->interval > 0)
		text_put(t, _("interval %.1f s\n"), t->interval);
	else
		text_put(t, "%s\n", _("interval n/a: snapshots out of order"));
	free(host);
	free(kernel);
}

/* Buffers + Cached + SReclaimable, known when all three are. */
static struct text_kb text_overview_buff_cache(const struct snapshot *s)
{
	static const char *const names[] = { "Buffers", "Cached",
	                                     "SReclaimable" };
	struct text_kb sum = { 0, true };

	for (size_t i = 0; i < ARRAY_SIZE(names) && sum.known; i++) {
		struct text_kb size = text_value_meminfo(s, names[i]);

		sum.known = size.known;
		sum.kb += size.kb;
	}
	return sum;
}

/* As free(1) of procps 4: used = total - available, buff/cache = Buffers +
 * Cached + SReclaimable. */
static void text_overview_memory(struct text *t)
{
	const struct snapshot *s = t->cur;
	struct text_kb total = text_value_meminfo(s, "MemTotal");
	struct text_kb avail = text_value_meminfo(s, "MemAvailable");
	char b[5][TEXT_VALUE_LEN];

	text_put(t, _("Mem:  %s total, %s free, %s avail, %s used, %s "
	              "buff/cache\n"),
	         text_value_human(b[0], total),
	         text_value_meminfo_human(b[1], s, "MemFree"),
	         text_value_human(b[2], avail),
	         text_value_human(b[3], text_value_kb_minus(total, avail)),
	         text_value_human(b[4], text_overview_buff_cache(s)));
}

static void text_overview_swap(struct text *t)
{
	const struct snapshot *s = t->cur;
	struct text_kb total = text_value_meminfo(s, "SwapTotal");
	struct text_kb sfree = text_value_meminfo(s, "SwapFree");
	char b[6][TEXT_VALUE_LEN];

	text_put(t, _("Swap: %s total, %s free, %s used, %s cached; zswap %s "
	              "pool, %s stored\n"),
	         text_value_human(b[0], total), text_value_human(b[1], sfree),
	         text_value_human(b[2], text_value_kb_minus(total, sfree)),
	         text_value_meminfo_human(b[3], s, "SwapCached"),
	         text_value_meminfo_human(b[4], s, "Zswap"),
	         text_value_meminfo_human(b[5], s, "Zswapped"));
}

static void text_overview_commit(struct text *t)
{
	const struct snapshot *s = t->cur;
	struct text_kb limit = text_value_meminfo(s, "CommitLimit");
	struct text_kb committed = text_value_meminfo(s, "Committed_AS");
	char b[4][TEXT_VALUE_LEN];
	const char *share = "n/a";

	if (limit.known && committed.known && limit.kb > 0) {
		snprintf(b[3], TEXT_VALUE_LEN, "%.1f%%",
		         100.0 * (double)committed.kb / (double)limit.kb);
		share = b[3];
	}
	text_put(t, _("Huge: %s AnonHugePages; commit %s of %s limit (%s)\n"),
	         text_value_meminfo_human(b[0], s, "AnonHugePages"),
	         text_value_human(b[1], committed), text_value_human(b[2], limit),
	         share);
}

/* The lines from /proc/meminfo, or why there are none. */
static void text_overview_meminfo(struct text *t)
{
	if (!text_has_section(t->cur, SEC_MEMINFO)) {
		text_put_missing(t, _("Mem:  "), "meminfo");
		return;
	}
	text_overview_memory(t);
	text_overview_swap(t);
	text_overview_commit(t);
}

static const char *text_overview_psi_share(char *buf,
                                           const struct psi_line *line,
                                           double share)
{
	if (!(line->known & 1))
		return "n/a";
	snprintf(buf, TEXT_VALUE_LEN, "%.2f%%", share);
	return buf;
}

static void text_overview_psi(struct text *t)
{
	const struct psi *p = &t->cur->psi;
	char b[4][TEXT_VALUE_LEN];

	if (!text_has_section(t->cur, SEC_PSI)) {
		text_put_missing(t, _("PSI:  "), "psi");
		return;
	}
	text_put(t, _("PSI:  some avg10 %s avg60 %s, full avg10 %s avg60 %s\n"),
	         text_overview_psi_share(b[0], &p->some, p->some.avg10),
	         text_overview_psi_share(b[1], &p->some, p->some.avg60),
	         text_overview_psi_share(b[2], &p->full, p->full.avg10),
	         text_overview_psi_share(b[3], &p->full, p->full.avg60));
}

/* Refaults: split by LRU type since 5.9, one counter before. */
static bool text_overview_refault_rate(const struct text *t, double *rate)
{
	static const char *const split[] = { "workingset_refault_anon",
	                                     "workingset_refault_file" };
	static const char *const old[] = { "workingset_refault" };

	return text_value_vmstat_rate(t, split, ARRAY_SIZE(split), rate) ||
	       text_value_vmstat_rate(t, old, ARRAY_SIZE(old), rate);
}

static void text_overview_rates(struct text *t)
{
	static const char *const pgscan[] = { "pgscan_kswapd", "pgscan_direct" };
	double r[6];
	bool k[6];
	char b[6][TEXT_VALUE_LEN];

	if (!text_has_section(t->cur, SEC_VMSTAT)) {
		text_put_missing(t, _("Rates/s: "), "vmstat");
		return;
	}
	k[0] = text_value_vmstat_rate1(t, "pgfault", &r[0]);
	k[1] = text_value_vmstat_rate1(t, "pgmajfault", &r[1]);
	k[2] = text_overview_refault_rate(t, &r[2]);
	k[3] = text_value_vmstat_rate(t, pgscan, ARRAY_SIZE(pgscan), &r[3]);
	k[4] = text_value_vmstat_rate1(t, "pswpin", &r[4]);
	k[5] = text_value_vmstat_rate1(t, "pswpout", &r[5]);
	text_put(t, _("Rates/s: faults %s, major %s, refaults %s, pgscan %s, "
	              "swapin %s, swapout %s\n"),
	         text_value_rate(b[0], k[0], r[0]),
	         text_value_rate(b[1], k[1], r[1]),
	         text_value_rate(b[2], k[2], r[2]),
	         text_value_rate(b[3], k[3], r[3]),
	         text_value_rate(b[4], k[4], r[4]),
	         text_value_rate(b[5], k[5], r[5]));
}

static void text_overview_node_line(struct text *t, const struct numa_node *n)
{
	bool mem = n->known & KNOWN(NUMA_MEMINFO);
	bool stat = n->known & KNOWN(NUMA_NUMASTAT);
	char b[4][TEXT_VALUE_LEN];

	text_put(t, _("Node %" PRId64 ": %s total, %s free, numa_miss %s, "
	              "numa_foreign %s pages\n"),
	         n->node, text_value_kv_human(b[0], mem, &n->meminfo, "MemTotal"),
	         text_value_kv_human(b[1], mem, &n->meminfo, "MemFree"),
	         text_value_kv_int(b[2], stat, &n->numastat, "numa_miss"),
	         text_value_kv_int(b[3], stat, &n->numastat, "numa_foreign"));
}

/* Many nodes: four "nN free/total" entries per line. */
static void text_overview_nodes_compact(struct text *t)
{
	const struct numa *numa = &t->cur->numa;

	for (size_t i = 0; i < numa->count; i++) {
		const struct numa_node *n = &numa->nodes[i];
		bool mem = n->known & KNOWN(NUMA_MEMINFO);
		char b[2][TEXT_VALUE_LEN];

		if (i % 4 == 0)
			text_put(t, "%s", i ? "\n" : _("Nodes free/total:"));
		text_put(t, "  n%" PRId64 " %s/%s", n->node,
		         text_value_kv_human(b[0], mem, &n->meminfo, "MemFree"),
		         text_value_kv_human(b[1], mem, &n->meminfo, "MemTotal"));
	}
	text_put(t, "\n");
}

static void text_overview_nodes(struct text *t)
{
	const struct numa *numa = &t->cur->numa;

	if (!text_has_section(t->cur, SEC_NUMA) || numa->count < 2)
		return;
	if (numa->count > OVERVIEW_NODE_LINES) {
		text_overview_nodes_compact(t);
		return;
	}
	for (size_t i = 0; i < numa->count; i++)
		text_overview_node_line(t, &numa->nodes[i]);
}

void text_overview(struct text *t)
{
	text_overview_header(t);
	text_overview_meminfo(t);
	text_overview_psi(t);
	text_overview_rates(t);
	text_overview_nodes(t);
}
