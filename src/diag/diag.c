/*
 * diag.c - the registry of diagnostic rules, running them on two snapshots,
 * and what the rules share: values and rates from the snapshots, findings,
 * evidence and notes.  The rules themselves are in diag_*.c by family.
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "oom.h"
#include "sim.h"
#include "util.h"

#define MEM KNOWN(SEC_MEMINFO)
#define VM KNOWN(SEC_VMSTAT)

/* A rule is one line here and one function in its family's file; the
 * section is the .SH title of man/memlens-diagnostics.7 (tests check). */
static const struct diag_rule diag_rule_table[] = {
	{ "thrashing", "THRASHING",
	  N_("tasks stall on memory while pages are read back in"),
	  KNOWN(SEC_PSI), diag_check_thrashing },
	{ "low_memory", "LOW MEMORY",
	  N_("MemAvailable is a small part of MemTotal"),
	  MEM, diag_check_low_memory },
	{ "kswapd", "KSWAPD",
	  N_("kswapd cannot keep the zones above their watermarks"),
	  VM | KNOWN(SEC_ZONES), diag_check_kswapd },
	{ "fragmentation", "FRAGMENTATION",
	  N_("memory is free but not in blocks of the THP or costly orders"),
	  KNOWN(SEC_ZONES), diag_check_fragmentation },
	{ "thp_fallback", "THP FALLBACKS",
	  N_("THP page faults fall back to small pages"),
	  VM | KNOWN(SEC_THP), diag_check_thp_fallback },
	{ "commit_limit", "COMMIT LIMIT",
	  N_("Committed_AS near CommitLimit under strict overcommit (mode 2)"),
	  MEM | KNOWN(SEC_SYSCTL), diag_check_commit_limit },
	{ "zswap_full", "ZSWAP FULL",
	  N_("the zswap pool is at its limit or rejects pages"),
	  MEM | KNOWN(SEC_ZSWAP), diag_check_zswap_full },
	{ "slab_growth", "KERNEL MEMORY GROWTH",
	  N_("unreclaimable slab is large or growing"),
	  MEM, diag_check_slab_growth },
	{ "numa_remote", "REMOTE NUMA ACCESS",
	  N_("allocations land on another node than the one asked for"),
	  KNOWN(SEC_NUMA), diag_check_numa_remote },
	{ "swap_cache", "SWAP WITH LARGE CACHE",
	  N_("anonymous memory is swapped out while the file cache is large"),
	  MEM | VM, diag_check_swap_cache },
	{ "swappiness_zero", "SWAPPINESS ZERO",
	  N_("swap is in use although vm.swappiness is 0"),
	  MEM | KNOWN(SEC_SYSCTL), diag_check_swappiness_zero },
	{ "oom_victim", "OOM VICTIM",
	  N_("the OOM killer would pick a protected process or service"),
	  MEM | KNOWN(SEC_PROCESSES), diag_check_oom_victim },
	{ "cgroup_limit", "CGROUP LIMIT",
	  N_("a memory cgroup is at its limit, or the OOM killer killed in it"),
	  KNOWN(SEC_CGROUP), diag_check_cgroup_limit },
};

const struct diag_rule *diag_rules(size_t *count)
{
	*count = ARRAY_SIZE(diag_rule_table);
	return diag_rule_table;
}

const struct diag_rule *diag_rule(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(diag_rule_table); i++)
		if (strcmp(diag_rule_table[i].id, id) == 0)
			return &diag_rule_table[i];
	return NULL;
}

uint64_t diag_sections(void)
{
	/* The rules read these besides what each cannot do without: slab
	 * for the largest caches, and what the oom engine reads for its
	 * ranking, but the kernel log (past kills are not a rule's). */
	uint64_t sections = MEM | VM | KNOWN(SEC_SLAB) | KNOWN(SEC_SYSCTL) |
	                    (oom_engine.sections & ~KNOWN(SEC_OOM_LOG));

	for (size_t i = 0; i < ARRAY_SIZE(diag_rule_table); i++)
		sections |= diag_rule_table[i].sections;
	return sections;
}

const char *diag_severity_name(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_CRITICAL: return "critical";
	case DIAG_WARNING: return "warning";
	default: return "info";
	}
}

/* ---- values and rates -------------------------------------------------- */

bool diag_meminfo(const struct diag_ctx *ctx, const char *name, int64_t *kb)
{
	return (ctx->cur->known & MEM) && kvlist_get(&ctx->cur->meminfo, name, kb);
}

bool diag_vmstat(const struct diag_ctx *ctx, const char *name, int64_t *value)
{
	return (ctx->cur->known & VM) && kvlist_get(&ctx->cur->vmstat, name, value);
}

bool diag_kv_rate(const struct diag_ctx *ctx, const struct kvlist *prev,
                  const struct kvlist *cur, const char *name, double *rate)
{
	int64_t before, now;

	if (ctx->interval_s <= 0 || !kvlist_get(prev, name, &before) ||
	    !kvlist_get(cur, name, &now) || now < before)
		return false;
	*rate = (double)(now - before) / ctx->interval_s;
	return true;
}

bool diag_vmstat_rate(const struct diag_ctx *ctx, const char *name,
                      double *rate)
{
	if (!ctx->prev || !(ctx->prev->known & VM) || !(ctx->cur->known & VM))
		return false;
	return diag_kv_rate(ctx, &ctx->prev->vmstat, &ctx->cur->vmstat, name,
	                    rate);
}

bool diag_vmstat_sum(const struct diag_ctx *ctx, const char *const *names,
                     int64_t *sum)
{
	bool any = false;
	int64_t v;

	*sum = 0;
	for (size_t i = 0; names[i]; i++)
		if (diag_vmstat(ctx, names[i], &v)) {
			*sum += v;
			any = true;
		}
	return any;
}

bool diag_vmstat_sum_rate(const struct diag_ctx *ctx,
                          const char *const *names, double *rate)
{
	bool any = false;
	double r;

	*rate = 0;
	for (size_t i = 0; names[i]; i++)
		if (diag_vmstat_rate(ctx, names[i], &r)) {
			*rate += r;
			any = true;
		}
	return any;
}

bool diag_sysctl(const struct diag_ctx *ctx, const char *name, int64_t *value)
{
	const char *text;
	char *end;

	if (!(ctx->cur->known & KNOWN(SEC_SYSCTL)) ||
	    !(text = skvlist_get(&ctx->cur->sysctl, name)))
		return false;
	*value = strtoll(text, &end, 10);
	return end != text;
}

double diag_percent(double part, double whole)
{
	return whole > 0 ? 100.0 * part / whole : 0;
}

/* ---- findings and notes ------------------------------------------------ */

struct diag_finding *diag_find(const struct diag_ctx *ctx,
                               struct diag_report *out,
                               enum diag_severity severity, const char *fmt,
                               ...)
{
	struct diag_finding *f;
	va_list ap;

	out->findings = xrealloc(out->findings,
	                         (out->count + 1) * sizeof(*out->findings));
	f = &out->findings[out->count++];
	*f = (struct diag_finding){ .rule = ctx->rule->id,
	                            .section = ctx->rule->section,
	                            .severity = severity };
	va_start(ap, fmt);
	if (vasprintf(&f->title, fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
	return f;
}

void diag_evidence(struct diag_finding *f, const char *fmt, ...)
{
	va_list ap;

	f->evidence = xrealloc(f->evidence,
	                       (f->nevidence + 1) * sizeof(*f->evidence));
	va_start(ap, fmt);
	if (vasprintf(&f->evidence[f->nevidence], fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
	f->nevidence++;
}

void diag_note(const struct diag_ctx *ctx, struct diag_report *out,
               const char *fmt, ...)
{
	struct diag_note *n;
	va_list ap;

	out->notes = xrealloc(out->notes, (out->nnotes + 1) * sizeof(*out->notes));
	n = &out->notes[out->nnotes++];
	n->rule = ctx->rule->id;
	va_start(ap, fmt);
	if (vasprintf(&n->reason, fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
}

/* ---- running ----------------------------------------------------------- */

/* The names of the sections a rule needs that cur lacks, for its note. */
static bool diag_missing(const struct diag_ctx *ctx, struct diag_report *out)
{
	static const char *const names[SEC_COUNT] = {
		[SEC_MEMINFO] = "meminfo", [SEC_VMSTAT] = "vmstat",
		[SEC_PROCESSES] = "processes", [SEC_ZONES] = "zones",
		[SEC_SLAB] = "slab", [SEC_NUMA] = "numa", [SEC_THP] = "thp",
		[SEC_ZSWAP] = "zswap", [SEC_PSI] = "psi", [SEC_CGROUP] = "cgroup",
		[SEC_SYSCTL] = "sysctl", [SEC_VMAS] = "vmas",
		[SEC_PAGEBLOCKS] = "pageblocks", [SEC_OOM_LOG] = "oom_log",
	};
	uint64_t missing = ctx->rule->sections & ~ctx->cur->known;
	char list[256] = "";

	if (!missing)
		return false;
	for (int s = 0; s < SEC_COUNT; s++) {
		if (!(missing & KNOWN(s)) || !names[s])
			continue;
		size_t len = strlen(list);
		snprintf(list + len, sizeof(list) - len, "%s%s", len ? ", " : "",
		         names[s]);
	}
	diag_note(ctx, out, _("not checked: the snapshot lacks %s"), list);
	return true;
}

/* Worst first; a stable insertion sort keeps the rules' order within a
 * severity (a handful of findings). */
static void diag_sort(struct diag_report *r)
{
	for (size_t i = 1; i < r->count; i++) {
		struct diag_finding f = r->findings[i];
		size_t j = i;

		for (; j > 0 && r->findings[j - 1].severity < f.severity; j--)
			r->findings[j] = r->findings[j - 1];
		r->findings[j] = f;
	}
}

void diag_run(const struct snapshot *prev, const struct snapshot *cur,
              struct diag_report *out)
{
	struct diag_ctx ctx = { .prev = prev, .cur = cur };

	*out = (struct diag_report){ 0 };
	/* A replay may hold snapshots out of order or with equal times: no
	 * rates then, rather than divisions by zero or negative rates. */
	if (prev && cur->time > prev->time && isfinite(cur->time - prev->time))
		ctx.interval_s = cur->time - prev->time;
	else
		ctx.prev = NULL;
	out->interval_s = ctx.interval_s;
	for (size_t i = 0; i < ARRAY_SIZE(diag_rule_table); i++) {
		ctx.rule = &diag_rule_table[i];
		if (diag_missing(&ctx, out))
			continue;
		out->nrules++;
		ctx.rule->check(&ctx, out);
	}
	diag_sort(out);
}

void diag_report_free(struct diag_report *report)
{
	for (size_t i = 0; i < report->count; i++) {
		struct diag_finding *f = &report->findings[i];

		free(f->title);
		for (size_t e = 0; e < f->nevidence; e++)
			free(f->evidence[e]);
		free(f->evidence);
	}
	free(report->findings);
	for (size_t i = 0; i < report->nnotes; i++)
		free(report->notes[i].reason);
	free(report->notes);
	*report = (struct diag_report){ 0 };
}

int diag_worst(const struct diag_report *report)
{
	int worst = -1;

	for (size_t i = 0; i < report->count; i++)
		if ((int)report->findings[i].severity > worst)
			worst = (int)report->findings[i].severity;
	return worst;
}
