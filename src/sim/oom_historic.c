/*
 * oom_historic.c - the 2.6-era OOM heuristic as a teaching model, computed
 * from live data beside today's ranking: badness() of mm/oom_kill.c in its
 * 2.6.31/32 form (2.6.2x to 2.6.35; kernel-spec.md 1.9):
 *
 *   points = total_vm (virtual size, not RSS)
 *          + for each child with its own mm: its total_vm / 2 + 1;
 *   points /= int_sqrt(cpu_time), cpu_time = CPU jiffies >> (SHIFT_HZ + 3);
 *   points /= int_sqrt(int_sqrt(run_time)), run_time = seconds alive >> 10;
 *   nice > 0: points *= 2;  CAP_SYS_ADMIN or CAP_SYS_RESOURCE: points /= 4;
 *   CAP_SYS_RAWIO: points /= 4;  then oom_adj shifts: << adj or >> -adj;
 *   oom_adj -17 (OOM_DISABLE), init and kernel threads are never chosen.
 *
 * The model assumes HZ = 1000 (SHIFT_HZ 10) and every cpuset overlapping,
 * reads the capabilities from status CapEff (a root process usually holds
 * all three: points / 16), and takes oom_adj from oom_score_adj as the
 * kernel's compatibility file does (adj * 17 / 1000, 15 for 1000).
 * Of equal points the first in the walk wins (points > best), the opposite
 * of today.
 *
 * Must not: do I/O, or present its numbers as the running kernel's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "oom_internal.h"
#include "util.h"

#define OOM_DISABLE (-17)
#define HISTORIC_SHIFT_HZ 10 /* HZ 1000 */
#define CAP_SYS_RAWIO_BIT 17 /* include/uapi/linux/capability.h */
#define CAP_SYS_ADMIN_BIT 21
#define CAP_SYS_RESOURCE_BIT 24

static bool has_cap(const struct proc *p, int bit)
{
	return (p->cap_eff >> bit) & 1;
}

/* int_sqrt() of lib/math/int_sqrt.c: floor(sqrt(x)), bit by bit. */
static uint64_t int_sqrt(uint64_t x)
{
	uint64_t b, m, y = 0;

	if (x <= 1)
		return x;
	m = UINT64_C(1) << ((63 - __builtin_clzll(x)) & ~1);
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

/* oom_adj as /proc/PID/oom_adj reads it from oom_score_adj. */
static int legacy_oom_adj(int64_t oom_score_adj)
{
	int64_t adj = oom_score_adj == OOM_SCORE_ADJ_MAX
	                      ? 15 : oom_score_adj * 17 / OOM_SCORE_ADJ_MAX;

	return adj > 15 ? 15 : (int)adj;
}

static bool has_own_mm(const struct proc *p)
{
	return (p->known & KNOWN(PROC_TOTAL_VM)) && p->total_vm_pages > 0 &&
	       (p->known & KNOWN(PROC_TASK_FLAGS)) &&
	       !(p->task_flags & OOM_PF_KTHREAD);
}

/*
 * Each parent's share of its children: total_vm / 2 + 1 for every child
 * with an mm of its own (an unknown sharing counts as its own), into
 * kids[parent index].
 */
static void children_points(const struct oom_ctx *ctx, uint64_t *kids)
{
	for (size_t i = 0; i < ctx->ncands; i++) {
		const struct oom_cand *child = &ctx->cands[i];
		const struct oom_cand *parent;

		if (!has_own_mm(child->proc))
			continue;
		parent = child->parent;
		if (!parent || (child->mm_group >= 0 &&
		                child->mm_group == parent->mm_group))
			continue;
		kids[parent - ctx->cands] +=
			(uint64_t)child->proc->total_vm_pages / 2 + 1;
	}
}

static bool historic_inputs_known(const struct proc *p)
{
	const uint64_t need = KNOWN(PROC_TOTAL_VM) | KNOWN(PROC_CPU_TIME) |
	                      KNOWN(PROC_AGE) | KNOWN(PROC_NICE) |
	                      KNOWN(PROC_CAP_EFF) | KNOWN(PROC_OOM_SCORE_ADJ);

	return (p->known & need) == need;
}

/* The time and privilege divisors, then oom_adj. */
static uint64_t historic_scale(const struct proc *p, int64_t oom_score_adj,
                               uint64_t points)
{
	uint64_t cpu_time = (uint64_t)(p->cpu_time_s * OOM_HISTORIC_HZ) >>
	                    (HISTORIC_SHIFT_HZ + 3);
	uint64_t run_time = (uint64_t)(p->age_s > 0 ? p->age_s : 0) >> 10;
	int adj = legacy_oom_adj(oom_score_adj);

	if (cpu_time)
		points /= int_sqrt(cpu_time);
	if (run_time)
		points /= int_sqrt(int_sqrt(run_time));
	if (p->nice > 0)
		points *= 2;
	if (has_cap(p, CAP_SYS_ADMIN_BIT) || has_cap(p, CAP_SYS_RESOURCE_BIT))
		points /= 4;
	if (has_cap(p, CAP_SYS_RAWIO_BIT))
		points /= 4;
	if (adj > 0) {
		if (!points)
			points = 1;
		points <<= adj;
	} else if (adj < 0) {
		points >>= -adj;
	}
	return points;
}

static int64_t historic_points(const struct oom_cand *c, uint64_t kids)
{
	const struct proc *p = c->proc;
	uint64_t points;

	if (!c->in_scope || p->pid == 1 || !has_own_mm(p) ||
	    !historic_inputs_known(p) || c->killed ||
	    legacy_oom_adj(c->in.oom_score_adj) == OOM_DISABLE)
		return -1;
	points = (uint64_t)p->total_vm_pages + kids;
	points = historic_scale(p, c->in.oom_score_adj, points);
	return points > INT64_MAX ? INT64_MAX : (int64_t)points;
}

void oom_historic_rank(struct oom_ctx *ctx, struct oom_result *r)
{
	size_t n = 0;
	uint64_t *kids = xcalloc(ctx->ncands + 1, sizeof(*kids));
	struct oom_key *order = xcalloc(ctx->ncands + 1, sizeof(*order));

	children_points(ctx, kids);
	for (size_t i = 0; i < ctx->ncands; i++) {
		struct oom_cand *c = &ctx->cands[i];

		c->historic = historic_points(c, kids[i]);
		if (c->historic >= 0)
			order[n++] = (struct oom_key){ c->historic, i };
	}
	/* of equal points the first in the walk wins (points > best) */
	oom_sort_keys(order, n, ctx->cands, false);
	for (size_t k = 0; k < n; k++)
		ctx->cands[order[k].index].historic_rank = (int64_t)k + 1;
	r->historic_hz = OOM_HISTORIC_HZ;
	if (n > 0) {
		const struct proc *p = ctx->cands[order[0].index].proc;

		r->historic_victim = p->pid;
		r->historic_victim_comm = xstrdup(p->comm ? p->comm : "");
		r->known |= KNOWN(ORS_HISTORIC_VICTIM);
	}
	free(order);
	free(kids);
}
