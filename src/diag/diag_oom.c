/*
 * diag_oom.c - the rule oom_victim: runs the oom engine on the snapshot and
 * looks at whom the OOM killer would take first.  A process that someone
 * protected (oom_score_adj below 0) among the first three, or a system
 * service as the first victim, is a surprise worth knowing before the OOM
 * happens.  memlens-diagnostics(7), OOM VICTIM.
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "oom.h"
#include "sim.h"
#include "util.h"

#define OOM_TOP 3 /* the kills looked at: who dies first, second, third */

/* A systemd system service: its cgroup is /system.slice/NAME.service. */
static bool diag_is_service(const struct proc *p)
{
	size_t len;

	if (!p || !(p->known & KNOWN(PROC_CGROUP)) || !p->cgroup ||
	    !strstr(p->cgroup, "/system.slice/"))
		return false;
	len = strlen(p->cgroup);
	return len > 8 && strcmp(p->cgroup + len - 8, ".service") == 0;
}

static void oom_row_evidence(struct diag_finding *f, const struct oom_rank *r,
                             const struct proc *p)
{
	diag_evidence(f, _("rank %lld: pid %lld (%s), oom_score_adj %lld, "
	                   "badness %lld pages, oom_score %lld, cgroup %s "
	                   "(oom engine; /proc/PID/oom_score_adj)"),
	              (long long)r->rank, (long long)r->pid,
	              r->comm ? r->comm : "?", (long long)r->oom_score_adj,
	              (long long)r->badness, (long long)r->oom_score,
	              p && p->cgroup ? p->cgroup : "?");
}

/* The protected processes among the first kills; true when any. */
static bool oom_protected(const struct diag_ctx *ctx, struct diag_report *out,
                          const struct oom_result *r)
{
	struct diag_finding *f = NULL;

	for (size_t i = 0; i < r->nranking; i++) {
		const struct oom_rank *row = &r->ranking[i];

		if (!row->killable || row->rank < 1 || row->rank > OOM_TOP ||
		    !(row->known & KNOWN(ORK_ADJ)) || row->oom_score_adj >= 0)
			continue;
		if (!f)
			f = diag_find(ctx, out, DIAG_WARNING,
			              _("a protected process (oom_score_adj < 0) "
			                "would be among the first %d OOM kills"),
			              OOM_TOP);
		oom_row_evidence(f, row, snapshot_find_proc(ctx->cur, row->pid));
	}
	return f != NULL;
}

static void oom_service_victim(const struct diag_ctx *ctx,
                               struct diag_report *out,
                               const struct oom_result *r)
{
	const struct oom_rank *first = NULL;
	const struct proc *p;
	struct diag_finding *f;

	for (size_t i = 0; i < r->nranking && !first; i++)
		if (r->ranking[i].killable && r->ranking[i].rank == 1)
			first = &r->ranking[i];
	if (!first || !diag_is_service(p = snapshot_find_proc(ctx->cur,
	                                                       first->pid)))
		return;
	f = diag_find(ctx, out, DIAG_INFO,
	              _("the OOM killer would first kill the system service %s"),
	              p->cgroup);
	oom_row_evidence(f, first, p);
}

void diag_check_oom_victim(const struct diag_ctx *ctx, struct diag_report *out)
{
	struct sim_input in = { .prev = ctx->prev, .cur = ctx->cur };
	void *result = NULL;
	char *error = NULL;

	if (oom_engine.run(&in, &result, &error) < 0) {
		diag_note(ctx, out, _("not checked: the oom engine failed: %s"),
		          error ? error : "?");
		free(error);
		return;
	}
	if (!oom_protected(ctx, out, result))
		oom_service_victim(ctx, out, result);
	oom_engine.free_result(result);
}
