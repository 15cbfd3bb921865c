/*
 * oom_overcommit.c - the overcommit state and "would an allocation of SIZE
 * be committed now" under each vm.overcommit_memory mode (--what-if
 * commit:SIZE[@PID]), as __vm_enough_memory() of mm/util.c decides it
 * (5.15 to 6.18):
 *
 *   mode 1 (OVERCOMMIT_ALWAYS): always;
 *   mode 0 (OVERCOMMIT_GUESS): unless pages > totalram + total swap;
 *   mode 2 (OVERCOMMIT_NEVER): allowed = vm_commit_limit(), less
 *   admin_reserve_kbytes without CAP_SYS_ADMIN, less
 *   min(total_vm / 32, user_reserve_kbytes) of the process's mm; it passes
 *   when Committed_AS, with the pages already added, is below allowed.
 *
 * vm_commit_limit() = (totalram - hugetlb) * overcommit_ratio / 100 + swap,
 * or overcommit_kbytes + swap; meminfo prints it as CommitLimit, and the
 * model's is checked against it.  The kernel compares the approximate
 * per-CPU read of vm_committed_as; meminfo's Committed_AS is the exact sum,
 * so an answer within a few batches of the limit may differ.
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <stdlib.h>

#include "oom_internal.h"
#include "util.h"

static bool meminfo_kb(const struct snapshot *s, const char *name, int64_t *kb)
{
	return (s->known & KNOWN(SEC_MEMINFO)) && kvlist_get(&s->meminfo, name, kb);
}

/* vm_commit_limit() in kB, from the sysctls and meminfo. */
static bool model_commit_limit(const struct oom_ctx *ctx,
                               const struct oom_overcommit *o, int64_t *kb)
{
	int64_t hugetlb_kb = 0, allowed;

	if (!ctx->totals_known || !(o->known & KNOWN(OOC_RATIO)) ||
	    !(o->known & KNOWN(OOC_KBYTES)))
		return false;
	meminfo_kb(ctx->snap, "Hugetlb", &hugetlb_kb); /* absent: none */
	if (o->kbytes)
		allowed = oom_kb_to_pages(ctx, o->kbytes);
	else
		allowed = (ctx->ram_pages - oom_kb_to_pages(ctx, hugetlb_kb)) *
		          o->ratio / 100;
	allowed += ctx->swap_pages;
	*kb = allowed * (ctx->page_size / 1024);
	return true;
}

static void overcommit_state(const struct oom_ctx *ctx, struct oom_overcommit *o)
{
	const struct snapshot *s = ctx->snap;

	if (oom_sysctl_int(s, "overcommit_memory", &o->mode))
		o->known |= KNOWN(OOC_MODE);
	if (oom_sysctl_int(s, "overcommit_ratio", &o->ratio))
		o->known |= KNOWN(OOC_RATIO);
	if (oom_sysctl_int(s, "overcommit_kbytes", &o->kbytes))
		o->known |= KNOWN(OOC_KBYTES);
	if (meminfo_kb(s, "CommitLimit", &o->commit_limit_kb))
		o->known |= KNOWN(OOC_LIMIT);
	if (meminfo_kb(s, "Committed_AS", &o->committed_as_kb))
		o->known |= KNOWN(OOC_COMMITTED);
	if (oom_sysctl_int(s, "admin_reserve_kbytes", &o->admin_reserve_kb) &&
	    oom_sysctl_int(s, "user_reserve_kbytes", &o->user_reserve_kb))
		o->known |= KNOWN(OOC_RESERVES);
	if (model_commit_limit(ctx, o, &o->model_commit_limit_kb))
		o->known |= KNOWN(OOC_MODEL_LIMIT);
}

/* Mode 2's allowed pages for a process of total_vm pages, with or without
 * CAP_SYS_ADMIN. */
static int64_t never_allowed_pages(const struct oom_ctx *ctx,
                                   const struct oom_overcommit *o,
                                   int64_t total_vm, bool admin)
{
	int64_t allowed = oom_kb_to_pages(ctx, o->commit_limit_kb);
	int64_t reserve = oom_kb_to_pages(ctx, o->user_reserve_kb);

	if (!admin)
		allowed -= oom_kb_to_pages(ctx, o->admin_reserve_kb);
	allowed -= total_vm / 32 < reserve ? total_vm / 32 : reserve;
	return allowed;
}

/* The largest commit that mode 2 would pass: pages < allowed - committed. */
static int64_t headroom_kb(const struct oom_ctx *ctx,
                           const struct oom_overcommit *o, bool admin)
{
	int64_t pages = never_allowed_pages(ctx, o, 0, admin) -
	                oom_kb_to_pages(ctx, o->committed_as_kb) - 1;

	return pages > 0 ? pages * (ctx->page_size / 1024) : 0;
}

static void overcommit_headroom(const struct oom_ctx *ctx,
                                struct oom_overcommit *o)
{
	const uint64_t need = KNOWN(OOC_LIMIT) | KNOWN(OOC_COMMITTED) |
	                      KNOWN(OOC_RESERVES);

	if ((o->known & need) != need)
		return;
	o->headroom_admin_kb = headroom_kb(ctx, o, true);
	o->headroom_user_kb = headroom_kb(ctx, o, false);
	o->known |= KNOWN(OOC_HEADROOM);
}

/* The answers for commit:SIZE[@PID]. */
static void overcommit_ask(const struct oom_ctx *ctx, struct oom_overcommit *o)
{
	const struct oom_whatif *w = ctx->commit;
	const uint64_t need = KNOWN(OOC_LIMIT) | KNOWN(OOC_COMMITTED) |
	                      KNOWN(OOC_RESERVES) | KNOWN(OOC_MODE);
	int64_t pages = (w->value + ctx->page_size - 1) / ctx->page_size;
	int64_t committed, total_vm = 0;

	o->ask_kb = pages * (ctx->page_size / 1024);
	o->ask_pid = w->pid;
	o->known |= KNOWN(OOC_ASK);
	if (w->pid) {
		const struct oom_cand *c = oom_cand_find(ctx, w->pid);

		if (!c || !(c->proc->known & KNOWN(PROC_TOTAL_VM)))
			return;
		total_vm = c->proc->total_vm_pages;
		o->ask_total_vm_pages = total_vm;
		o->known |= KNOWN(OOC_ASK_TOTAL_VM);
	}
	if ((o->known & need) != need || !ctx->totals_known)
		return;
	committed = oom_kb_to_pages(ctx, o->committed_as_kb) + pages;
	o->ok_mode1 = 1;
	o->ok_mode0 = pages <= ctx->ram_pages + ctx->swap_pages;
	o->ok_mode2_admin = committed < never_allowed_pages(ctx, o, total_vm, true);
	o->ok_mode2_user = committed < never_allowed_pages(ctx, o, total_vm, false);
	o->ok_now = o->mode == 1 ? 1 : o->mode == 2 ? o->ok_mode2_user : o->ok_mode0;
	o->known |= KNOWN(OOC_ANSWERS);
}

void oom_overcommit_calc(struct oom_ctx *ctx, struct oom_result *r)
{
	struct oom_overcommit *o = &r->overcommit;

	overcommit_state(ctx, o);
	overcommit_headroom(ctx, o);
	if (ctx->commit)
		overcommit_ask(ctx, o);
}
