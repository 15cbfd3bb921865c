/*
 * oom.c - the oom engine (--sim oom): reproduces, from a snapshot's
 * processes, meminfo, cgroups, zones and vm sysctls, the OOM killer's
 * ranking (oom_badness() and select_bad_process() of mm/oom_kill.c) and
 * every /proc/PID/oom_score (proc_oom_score() of fs/proc/base.c), for
 * Linux 5.15 to 6.18 and the pre-5.9 form; names the victim and the kill
 * order, runs the what-ifs, answers the overcommit question, sets the
 * 2.6-era heuristic beside today's rules and ranks the kernel log's past
 * OOM kills again.  Which kernel function each part mirrors is said in its
 * file (oom.h lists them; kernel-spec.md 1).
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "oom_internal.h"
#include "sim.h"
#include "util.h"

static void oom_free_result(void *result)
{
	if (!result)
		return;
	schema_free_entity(&oom_schema, result);
	free(result);
}

static void ctx_free(struct oom_ctx *ctx)
{
	free(ctx->cands);
	free(ctx->pid_slots);
	free(ctx->ranked);
	free(ctx->scope_name);
	free(ctx->scope_note);
	skvlist_free(&ctx->notes);
}

/* vm.panic_on_oom: 2 panics on every OOM, 1 on an unconstrained one. */
static void result_panic(const struct oom_ctx *ctx, struct oom_result *r)
{
	int64_t panic;

	if (!oom_sysctl_int(ctx->snap, "panic_on_oom", &panic))
		return;
	r->panic = panic == 2 || (panic == 1 && ctx->scope == OOM_SCOPE_GLOBAL);
	r->known |= KNOWN(ORS_PANIC);
}

static void result_header(const struct oom_ctx *ctx, struct oom_result *r)
{
	r->kernel_rules = xstrdup(oom_rules_name(ctx->rules));
	r->scope = xstrdup(ctx->scope_name ? ctx->scope_name : "?");
	r->constraint = xstrdup(ctx->constraint);
	r->known |= KNOWN(ORS_RULES) | KNOWN(ORS_SCOPE);
	r->totalpages = ctx->totalpages;
	if (ctx->totalpages_known)
		r->known |= KNOWN(ORS_TOTALPAGES);
	r->totalpages_global = ctx->totalpages_global;
	r->ram_pages = ctx->ram_pages;
	r->swap_pages = ctx->swap_pages;
	if (ctx->totals_known)
		r->known |= KNOWN(ORS_GLOBAL_TOTALPAGES);
	r->memcg_max_pages = ctx->memcg_max_pages;
	r->memcg_swap_pages = ctx->memcg_swap_pages;
	if (ctx->scope == OOM_SCOPE_MEMCG && ctx->totalpages_known)
		r->known |= KNOWN(ORS_MEMCG);
	result_panic(ctx, r);
}

static int no_processes(const struct snapshot *snap, char **error)
{
	const char *why = snap ? skvlist_get(&snap->unavailable, "processes")
	                       : NULL;

	*error = xasprintf(_("no processes in the snapshot (%s)"),
	                   why ? why : _("not read"));
	return -ENODATA;
}

static int oom_run(const struct sim_input *in, void **result, char **error)
{
	const struct snapshot *snap = in->cur;
	struct oom_ctx ctx = { .snap = snap };
	struct oom_result *r;
	int rc;

	*result = NULL;
	if (!snap || !(snap->known & KNOWN(SEC_PROCESSES)))
		return no_processes(snap, error);
	ctx.rules = oom_rules_of_release(snap->kernel, &ctx.rules_known);
	rc = oom_scope_init(&ctx, in, error);
	if (rc < 0) {
		ctx_free(&ctx);
		return rc;
	}
	r = xcalloc(1, sizeof(*r));
	oom_cands_build(&ctx);
	oom_whatifs_apply(&ctx, in->what_ifs, in->nwhat_ifs);
	oom_cands_classify(&ctx);
	oom_scope_filter(&ctx);
	oom_cands_weigh(&ctx);
	oom_scope_walk(&ctx);
	oom_rank_select(&ctx, r);
	oom_rank_kill_order(&ctx, r);
	oom_historic_rank(&ctx, r);
	oom_rank_rows(&ctx, r);
	oom_overcommit_calc(&ctx, r);
	oom_postmortem(&ctx, r);
	result_header(&ctx, r);
	oom_explain_result(&ctx, r);
	ctx_free(&ctx);
	*result = r;
	return 0;
}

const struct sim_engine_info oom_engine = {
	.name = "oom",
	.sections = KNOWN(SEC_PROCESSES) | KNOWN(SEC_MEMINFO) |
	            KNOWN(SEC_CGROUP) | KNOWN(SEC_SYSCTL) | KNOWN(SEC_ZONES) |
	            KNOWN(SEC_OOM_LOG),
	.schema = &oom_schema,
	.parse_what_if = oom_whatif_parse,
	.free_what_if = oom_whatif_free,
	.run = oom_run,
	.free_result = oom_free_result,
};
