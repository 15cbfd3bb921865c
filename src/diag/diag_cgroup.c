/*
 * diag_cgroup.c - the rule cgroup_limit: memory cgroups at their limit
 * (usage against memory.max or memory.limit_in_bytes) and the OOM kills
 * inside them (memory.events oom_kill in v2, memory.oom_control oom_kill
 * in v1).  A container killed "for no reason" on a machine with memory to
 * spare is this.  Thresholds: memlens-diagnostics(7), CGROUP LIMIT.
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include <string.h>

#include "diag_internal.h"
#include "util.h"

#define CG_FULL_PERCENT 95.0 /* usage, percent of the limit */
#define CG_LISTED 5          /* groups named in the evidence */

struct cg_state {
	const struct cgroup_mem *cg;
	double usage_pct;          /* -1: no limit */
	int64_t kills;             /* oom_kill since the group was made */
	int64_t new_kills;         /* in the interval, -1: no rate */
	enum diag_severity severity;
	bool found;
};

static const struct cgroup_mem *cg_prev_of(const struct snapshot *s,
                                           const char *path)
{
	for (size_t i = 0; s && i < s->cgroup.count; i++)
		if (s->cgroup.groups[i].path &&
		    strcmp(s->cgroup.groups[i].path, path) == 0)
			return &s->cgroup.groups[i];
	return NULL;
}

static void cg_read(const struct diag_ctx *ctx, const struct cgroup_mem *cg,
                    struct cg_state *st)
{
	const uint64_t limit = KNOWN(CG_USAGE) | KNOWN(CG_LIMIT);
	const struct cgroup_mem *p = ctx->prev && cg->path
	                                     ? cg_prev_of(ctx->prev, cg->path)
	                                     : NULL;
	int64_t before;

	*st = (struct cg_state){ .cg = cg, .usage_pct = -1, .new_kills = -1 };
	if ((cg->known & limit) == limit && cg->limit_kb > 0 &&
	    cg->limit_kb != CGROUP_UNLIMITED)
		st->usage_pct = diag_percent((double)cg->usage_kb,
		                             (double)cg->limit_kb);
	kvlist_get(&cg->events, "oom_kill", &st->kills);
	if (p && kvlist_get(&p->events, "oom_kill", &before) &&
	    st->kills >= before)
		st->new_kills = st->kills - before;
	st->found = st->new_kills > 0 || st->usage_pct >= CG_FULL_PERCENT ||
	            st->kills > 0;
	st->severity = st->new_kills > 0 ? DIAG_CRITICAL
	               : st->usage_pct >= CG_FULL_PERCENT ? DIAG_WARNING
	                                                  : DIAG_INFO;
}

static void cg_evidence(struct diag_finding *f, const struct cg_state *st)
{
	const struct cgroup_mem *cg = st->cg;

	if (st->usage_pct >= 0)
		diag_evidence(f, _("%s: usage %lld kB of limit %lld kB (%.1f%%; "
		                   "warning from %.0f%%), oom_kill %lld"),
		              cg->path, (long long)cg->usage_kb,
		              (long long)cg->limit_kb, st->usage_pct,
		              CG_FULL_PERCENT, (long long)st->kills);
	else
		diag_evidence(f, _("%s: no limit, oom_kill %lld"), cg->path,
		              (long long)st->kills);
	if (st->new_kills > 0)
		diag_evidence(f, _("%s: %lld OOM kills in the interval (memory."
		                   "events or memory.oom_control oom_kill)"),
		              cg->path, (long long)st->new_kills);
}

static const char *cg_title(enum diag_severity s)
{
	switch (s) {
	case DIAG_CRITICAL: return _("the OOM killer killed inside a memory "
	                             "cgroup");
	case DIAG_WARNING: return _("a memory cgroup is at its limit");
	default: return _("memory cgroups had OOM kills since they were made");
	}
}

void diag_check_cgroup_limit(const struct diag_ctx *ctx,
                             struct diag_report *out)
{
	struct cg_state found[CG_LISTED], st;
	size_t n = 0, more = 0;
	enum diag_severity worst = DIAG_INFO;
	struct diag_finding *f;

	if (!ctx->prev)
		diag_note(ctx, out, "%s", _("OOM kills in the interval need two "
		                            "snapshots: earlier kills are info"));
	for (size_t i = 0; i < ctx->cur->cgroup.count; i++) {
		cg_read(ctx, &ctx->cur->cgroup.groups[i], &st);
		if (!st.found || !st.cg->path)
			continue;
		if (st.severity > worst)
			worst = st.severity;
		if (n < CG_LISTED)
			found[n++] = st;
		else
			more++;
	}
	if (!n)
		return;
	f = diag_find(ctx, out, worst, "%s", cg_title(worst));
	for (size_t i = 0; i < n; i++)
		cg_evidence(f, &found[i]);
	if (more)
		diag_evidence(f, _("and %zu more groups"), more);
}
