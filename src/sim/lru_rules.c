/*
 * lru_rules.c - the kernel's reclaim decisions as pure functions, with the
 * kernel's integer arithmetic:
 *
 *   inactive_is_low()            mm/vmscan.c (identical 5.15 - 6.18)
 *   prepare_scan_control()       mm/vmscan.c (5.15 - 6.18; classic LRU)
 *   get_scan_count(), calculate_pressure_balance()
 *                                mm/vmscan.c (inline in 5.15, a helper in
 *                                6.18; SWAPPINESS_ANON_ONLY from 6.18)
 *   workingset_test_recent()     mm/workingset.c (the workingset size)
 *   lru_note_cost()              mm/swap.c (cost rules per release:
 *                                kernel-spec.md 4.4)
 *
 * Must not: do I/O or keep state: callers pass what the kernel would read.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lru_internal.h"
#include "util.h"

uint64_t lru_int_sqrt(uint64_t x)
{
	uint64_t r = 0, bit = UINT64_C(1) << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static const struct lru_rules rules_5_15 = { "5.15-6.1", false };
static const struct lru_rules rules_6_6 = { "6.6-6.18", true };
static const struct lru_rules rules_unknown = {
	"6.6-6.18 (the release is not known)", true
};
static const struct lru_rules rules_old = {
	"5.15-6.1 (older than 5.9: its scan balance differs)", false
};

/* Cost accounting changed between 6.1 and 6.6 (kernel-spec.md 4.4); the
 * anon/file cost model itself arrived in 5.9. */
const struct lru_rules *lru_rules_for(const char *release)
{
	char *end;
	long major, minor;

	if (!release)
		return &rules_unknown;
	major = strtol(release, &end, 10);
	if (*end != '.')
		return &rules_unknown;
	minor = strtol(end + 1, &end, 10);
	if (major < 5 || (major == 5 && minor < 9))
		return &rules_old;
	if (major < 6 || (major == 6 && minor < 6))
		return &rules_5_15;
	return &rules_6_6;
}

const char *lru_branch_name(enum lru_branch b)
{
	static const char *const names[LB_COUNT] = {
		[LB_NO_SWAP] = "no_swap",
		[LB_CGROUP_SWAPPINESS_0] = "cgroup_swappiness_0",
		[LB_ANON_ONLY] = "anon_only",
		[LB_PRIORITY_0] = "priority_0",
		[LB_FILE_IS_TINY] = "file_is_tiny",
		[LB_CACHE_TRIM] = "cache_trim_mode",
		[LB_FRACTION] = "fraction",
	};

	return (unsigned)b < LB_COUNT ? names[b] : "?";
}

/* Mirrors inactive_is_low() in mm/vmscan.c (5.15 - 6.18). */
bool lru_inactive_is_low(uint64_t inactive, uint64_t active,
                         unsigned page_shift, uint64_t *ratio)
{
	uint64_t gb = (inactive + active) >> (30 - page_shift);
	uint64_t inactive_ratio = gb ? lru_int_sqrt(10 * gb) : 1;

	if (ratio)
		*ratio = inactive_ratio;
	return inactive * inactive_ratio < active;
}

/* Mirrors prepare_scan_control() in mm/vmscan.c (classic LRU, 6.18). */
void lru_prepare_scan(const struct lru_prepare_in *in,
                      struct lru_prepare_out *out)
{
	memset(out, 0, sizeof(*out));
	out->low[0] = lru_inactive_is_low(in->lists[0], in->lists[1],
	                                  in->page_shift, &out->ratio[0]);
	out->low[1] = lru_inactive_is_low(in->lists[2], in->lists[3],
	                                  in->page_shift, &out->ratio[1]);
	if (in->force_deactivate) {
		out->may_deactivate = LRU_DEACTIVATE_ANON | LRU_DEACTIVATE_FILE;
	} else {
		if (in->refaults_changed[0] || out->low[0])
			out->may_deactivate |= LRU_DEACTIVATE_ANON;
		if (in->refaults_changed[1] || out->low[1])
			out->may_deactivate |= LRU_DEACTIVATE_FILE;
	}
	out->cache_trim_mode = (in->lists[2] >> in->priority) != 0 &&
	                       !(out->may_deactivate & LRU_DEACTIVATE_FILE);
	if (!in->cgroup_reclaim)
		out->file_is_tiny =
			in->node_file + in->node_free <= in->node_high_wmark &&
			!(out->may_deactivate & LRU_DEACTIVATE_ANON) &&
			(in->node_inactive_anon >> in->priority) != 0;
}

/* Mirrors calculate_pressure_balance() (6.18; inline in 5.15). */
static void pressure_balance(const struct lru_balance_in *in,
                             struct lru_balance_out *out)
{
	uint64_t total = in->anon_cost + in->file_cost;
	uint64_t anon_cost = total + in->anon_cost;
	uint64_t file_cost = total + in->file_cost;
	uint64_t ap, fp;

	total = anon_cost + file_cost;
	ap = (uint64_t)in->swappiness * (total + 1);
	ap /= anon_cost + 1;
	fp = (uint64_t)(LRU_MAX_SWAPPINESS - in->swappiness) * (total + 1);
	fp /= file_cost + 1;
	out->fraction[0] = ap;
	out->fraction[1] = fp;
	out->denominator = ap + fp;
}

/* The branch of get_scan_count() in mm/vmscan.c, tested in its order. */
void lru_scan_balance(const struct lru_balance_in *in,
                      struct lru_balance_out *out)
{
	memset(out, 0, sizeof(*out));
	if (!in->can_swap) {
		out->branch = LB_NO_SWAP;
		out->balance = LRU_SCAN_FILE;
	} else if (in->cgroup_reclaim && in->swappiness == 0) {
		out->branch = LB_CGROUP_SWAPPINESS_0;
		out->balance = LRU_SCAN_FILE;
	} else if (in->swappiness > LRU_MAX_SWAPPINESS) {
		out->branch = LB_ANON_ONLY; /* 6.18 SWAPPINESS_ANON_ONLY */
		out->balance = LRU_SCAN_ANON;
	} else if (in->priority == 0 && in->swappiness) {
		out->branch = LB_PRIORITY_0;
		out->balance = LRU_SCAN_EQUAL;
	} else if (in->file_is_tiny) {
		out->branch = LB_FILE_IS_TINY;
		out->balance = LRU_SCAN_ANON;
	} else if (in->cache_trim_mode) {
		out->branch = LB_CACHE_TRIM;
		out->balance = LRU_SCAN_FILE;
	} else {
		out->branch = LB_FRACTION;
		out->balance = LRU_SCAN_FRACT;
		pressure_balance(in, out);
	}
}

/* The per-list part of get_scan_count() (online memcg, no protection). */
uint64_t lru_scan_target(uint64_t lru_size, int priority,
                         const struct lru_balance_out *b, bool file)
{
	uint64_t scan = lru_size >> priority;

	switch (b->balance) {
	case LRU_SCAN_EQUAL:
		return scan;
	case LRU_SCAN_FRACT:
		return b->denominator ? scan * b->fraction[file] / b->denominator
		                      : 0;
	case LRU_SCAN_FILE:
		return file ? scan : 0;
	case LRU_SCAN_ANON:
		return file ? 0 : scan;
	}
	return 0;
}

/* The workingset size of workingset_test_recent() in mm/workingset.c. */
uint64_t lru_workingset_size(bool file, const uint64_t lists[4],
                             bool can_swap)
{
	uint64_t size = lists[LRU_ACTIVE_FILE];

	if (!file)
		size += lists[LRU_INACTIVE_FILE];
	if (can_swap) {
		size += lists[LRU_ACTIVE_ANON];
		if (file)
			size += lists[LRU_INACTIVE_ANON];
	}
	return size;
}

/* Mirrors lru_note_cost() in mm/swap.c for one lruvec. */
void lru_note_cost(const struct lru_rules *rules, uint64_t *anon_cost,
                   uint64_t *file_cost, bool file, uint64_t nr_io,
                   uint64_t nr_rotated, uint64_t lrusize)
{
	uint64_t cost = rules->cost_6_6
	                ? nr_io * LRU_SWAP_CLUSTER_MAX + nr_rotated
	                : nr_io;

	if (!cost)
		return;
	if (file)
		*file_cost += cost;
	else
		*anon_cost += cost;
	if (*file_cost + *anon_cost > lrusize / 4) {
		*file_cost /= 2;
		*anon_cost /= 2;
	}
}
