/*
 * diag_internal.h - what the rule files of src/diag/ share: the context a
 * rule reads (two snapshots and their interval), reading meminfo, vmstat and
 * sysctl values and their rates, and adding findings, evidence and notes.
 *
 * Must not: be included outside src/diag/ and its tests.
 */
#ifndef MEMLENS_DIAG_INTERNAL_H
#define MEMLENS_DIAG_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "snapshot.h"

struct diag_ctx {
	const struct snapshot *prev; /* NULL, or one without a usable time */
	const struct snapshot *cur;
	double interval_s;           /* > 0 when prev is usable for rates */
	const struct diag_rule *rule; /* the rule being evaluated */
};

/* A meminfo line (kB, or a count for HugePages_*). */
bool diag_meminfo(const struct diag_ctx *ctx, const char *name, int64_t *kb);
/* A vmstat counter of the current snapshot. */
bool diag_vmstat(const struct diag_ctx *ctx, const char *name, int64_t *value);
/*
 * The per-second rate of a kvlist counter between the two snapshots: false
 * without a previous snapshot, when either lacks it, or when it went back
 * (a counter reset).
 */
bool diag_kv_rate(const struct diag_ctx *ctx, const struct kvlist *prev,
                  const struct kvlist *cur, const char *name, double *rate);
bool diag_vmstat_rate(const struct diag_ctx *ctx, const char *name,
                      double *rate);
/* The sum of the counters that exist of a NULL-terminated list, and its
 * rate; false when none exists. */
bool diag_vmstat_sum(const struct diag_ctx *ctx, const char *const *names,
                     int64_t *sum);
bool diag_vmstat_sum_rate(const struct diag_ctx *ctx,
                          const char *const *names, double *rate);
/* A /proc/sys/vm setting as a number. */
bool diag_sysctl(const struct diag_ctx *ctx, const char *name, int64_t *value);

/* Adds a finding of the current rule; the title is printf-formatted. */
struct diag_finding *diag_find(const struct diag_ctx *ctx,
                               struct diag_report *out,
                               enum diag_severity severity, const char *fmt,
                               ...) __attribute__((format(printf, 4, 5)));
void diag_evidence(struct diag_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Says what of the current rule could not be evaluated, and why. */
void diag_note(const struct diag_ctx *ctx, struct diag_report *out,
               const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Percent of part in whole (0 when whole is 0). */
double diag_percent(double part, double whole);

/* The rules, one function each, in their family's file. */
void diag_check_thrashing(const struct diag_ctx *ctx, struct diag_report *out);
void diag_check_kswapd(const struct diag_ctx *ctx, struct diag_report *out);
void diag_check_low_memory(const struct diag_ctx *ctx, struct diag_report *out);
void diag_check_swap_cache(const struct diag_ctx *ctx, struct diag_report *out);
void diag_check_swappiness_zero(const struct diag_ctx *ctx,
                                struct diag_report *out);
void diag_check_zswap_full(const struct diag_ctx *ctx, struct diag_report *out);
void diag_check_commit_limit(const struct diag_ctx *ctx,
                             struct diag_report *out);
void diag_check_fragmentation(const struct diag_ctx *ctx,
                              struct diag_report *out);
void diag_check_thp_fallback(const struct diag_ctx *ctx,
                             struct diag_report *out);
void diag_check_slab_growth(const struct diag_ctx *ctx,
                            struct diag_report *out);
void diag_check_numa_remote(const struct diag_ctx *ctx,
                            struct diag_report *out);
void diag_check_oom_victim(const struct diag_ctx *ctx, struct diag_report *out);
void diag_check_cgroup_limit(const struct diag_ctx *ctx,
                             struct diag_report *out);

#endif
