/*
 * diag.h - diagnostics (memlens --diagnose, the TUI's D key): rules that
 * read the current snapshot, the previous one for rates, and the engines'
 * results, and say what looks wrong, with the numbers that show it and the
 * section of memlens-diagnostics(7) that explains what to do.  Its parts are
 * one file each in src/diag/:
 *
 *   diag.c               the registry of rules, the report, shared helpers
 *   diag_memory.c        thrashing, kswapd, low_memory
 *   diag_swap.c          swap_cache, swappiness_zero, zswap_full,
 *                        commit_limit
 *   diag_fragmentation.c fragmentation, thp_fallback (the buddy engine's
 *                        fragmentation index)
 *   diag_kernel.c        slab_growth, numa_remote
 *   diag_oom.c           oom_victim (the oom engine's ranking)
 *   diag_cgroup.c        cgroup_limit
 *
 * The renderers (text and JSON for the batch output) are in
 * src/out/diag_out.c, the TUI's screen in src/ui/ui_diag.c.
 *
 * Must not: do I/O, use curses, or keep globals; the thresholds are the
 * ones memlens-diagnostics(7) states (change both together).
 */
#ifndef MEMLENS_DIAG_H
#define MEMLENS_DIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "snapshot.h"

/* Ordered: a report's worst finding decides memlens --diagnose's exit. */
enum diag_severity { DIAG_INFO, DIAG_WARNING, DIAG_CRITICAL };

/* One thing found: what, how bad, the numbers, and where to read more. */
struct diag_finding {
	const char *rule;           /* the rule's id: "thrashing" */
	const char *section;        /* its .SH in memlens-diagnostics(7) */
	enum diag_severity severity;
	char *title;                /* one line, translated */
	char **evidence;            /* lines with numbers and their sources */
	size_t nevidence;
};

/* A rule that could not be evaluated (or only in part), and why. */
struct diag_note {
	const char *rule;
	char *reason;               /* translated */
};

struct diag_report {
	double interval_s;          /* between the two snapshots, 0: one */
	size_t nrules;              /* rules evaluated */
	struct diag_finding *findings; /* worst first, then in rule order */
	size_t count;
	struct diag_note *notes;
	size_t nnotes;
};

struct diag_ctx;

struct diag_rule {
	const char *id;             /* stable, lower case: "fragmentation" */
	const char *section;        /* "FRAGMENTATION" (untranslated: a man
	                             * page section title) */
	const char *summary;        /* N_(): what it checks, one line */
	uint64_t sections;          /* KNOWN(SEC_*) it cannot do without */
	void (*check)(const struct diag_ctx *ctx, struct diag_report *out);
};

/* The rules, in the order they are evaluated and listed. */
const struct diag_rule *diag_rules(size_t *count);
/* The rule with this id, or NULL. */
const struct diag_rule *diag_rule(const char *id);

/* Sections every rule reads (what a collector must read for a diagnosis). */
uint64_t diag_sections(void);

/*
 * Evaluates every rule on cur, with rates against prev (NULL: the rate
 * parts say "needs two snapshots" in a note).  Fills *out; free it with
 * diag_report_free().
 */
void diag_run(const struct snapshot *prev, const struct snapshot *cur,
              struct diag_report *out);
void diag_report_free(struct diag_report *report);

/* The worst severity found, or -1 when nothing was found. */
int diag_worst(const struct diag_report *report);
/* "info", "warning", "critical" (also the JSON values). */
const char *diag_severity_name(enum diag_severity severity);

/* ---- renderers (src/out/diag_out.c) ------------------------------------ */

/* 0, or -errno when writing failed. */
int diag_output_text(FILE *out, const struct snapshot *cur,
                     const struct diag_report *report);
int diag_output_json(FILE *out, const struct snapshot *cur,
                     const struct diag_report *report);

#endif
