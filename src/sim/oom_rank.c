/*
 * oom_rank.c - the candidates and select_bad_process() of mm/oom_kill.c
 * (5.15 to 6.18, kernel-spec.md 1.2 and 1.5):
 *
 *   who is unkillable: the global init (pid 1), kernel threads
 *   (PF_KTHREAD), processes without an mm (zombies, exiting), adj -1000 and
 *   vfork children (oom_unkillable_task, oom_badness); MMF_OOM_SKIP (set
 *   only on an mm the OOM reaper has already reaped) cannot be seen;
 *   the inputs oom_badness() reads: get_mm_rss() as stat field 24 prints
 *   it (the same approximate read of the per-CPU counters), MM_SWAPENTS
 *   from status VmSwap, page tables from status VmPTE, oom_score_adj;
 *   the choice: the highest badness, and of equal ones the last in the
 *   kernel's walk (oom_evaluate_task skips only points < chosen_points);
 *   the kill order: the victim and every process sharing its mm die
 *   together (__oom_kill_process, process_shares_mm); the next OOM picks
 *   the next, and badness does not depend on other processes' memory, so
 *   the order is the ranking with mm groups merged.
 *
 * Must not: do I/O; guess a killability it cannot see (it says unknown and
 * why instead).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "oom_internal.h"
#include "util.h"

/* ---- the candidates --------------------------------------------------- */

static void cand_inputs(const struct oom_ctx *ctx, struct oom_cand *c)
{
	const struct proc *p = c->proc;
	const uint64_t need = KNOWN(PROC_STAT_RSS) | KNOWN(PROC_SWAP) |
	                      KNOWN(PROC_PGTABLES) | KNOWN(PROC_OOM_SCORE_ADJ);

	c->inputs_known = (p->known & need) == need;
	c->in = (struct oom_badness_inputs){
		.rss_pages = p->stat_rss_pages,
		.swap_pages = oom_kb_to_pages(ctx, p->swap_kb),
		/* VmPTE is whole pages of bytes >> 10: exactly bytes / PAGE_SIZE */
		.pgtables_pages = oom_kb_to_pages(ctx, p->pgtables_kb),
		.oom_score_adj = p->oom_score_adj,
	};
}

/* An open-addressing table of pid -> candidate index + 1 (0: empty),
 * twice as large as the candidates at least. */
static size_t pid_slot(const struct oom_ctx *ctx, int64_t pid)
{
	return (size_t)((uint64_t)pid * UINT64_C(0x9e3779b97f4a7c15) >> 20) &
	       (ctx->npid_slots - 1);
}

static void pid_table_build(struct oom_ctx *ctx)
{
	ctx->npid_slots = 64;
	while (ctx->npid_slots < 2 * ctx->ncands)
		ctx->npid_slots *= 2;
	ctx->pid_slots = xcalloc(ctx->npid_slots, sizeof(*ctx->pid_slots));
	for (size_t i = 0; i < ctx->ncands; i++) {
		size_t s = pid_slot(ctx, ctx->cands[i].proc->pid);

		while (ctx->pid_slots[s])
			s = (s + 1) & (ctx->npid_slots - 1);
		ctx->pid_slots[s] = (uint32_t)i + 1;
	}
}

struct oom_cand *oom_cand_find(const struct oom_ctx *ctx, int64_t pid)
{
	size_t s = pid_slot(ctx, pid);

	for (; ctx->pid_slots[s]; s = (s + 1) & (ctx->npid_slots - 1)) {
		struct oom_cand *c = &ctx->cands[ctx->pid_slots[s] - 1];

		if (c->proc->pid == pid)
			return c;
	}
	return NULL;
}

void oom_cands_build(struct oom_ctx *ctx)
{
	const struct snapshot *s = ctx->snap;

	ctx->ncands = (s->known & KNOWN(SEC_PROCESSES)) ? s->nprocesses : 0;
	ctx->cands = xcalloc(ctx->ncands + 1, sizeof(*ctx->cands));

	for (size_t i = 0; i < ctx->ncands; i++) {
		struct oom_cand *c = &ctx->cands[i];
		const struct proc *p = &s->processes[i];

		c->proc = p;
		c->mm_group = (p->known & KNOWN(PROC_MM_GROUP)) ? p->mm_group : -1;
		c->historic = -1;
		cand_inputs(ctx, c);
	}
	pid_table_build(ctx);
	for (size_t i = 0; i < ctx->ncands; i++) {
		const struct proc *p = ctx->cands[i].proc;

		if (p->known & KNOWN(PROC_PPID))
			ctx->cands[i].parent = oom_cand_find(ctx, p->ppid);
	}
}

/* ---- what-ifs ---------------------------------------------------------- */

/* Calls fn on the candidate and on every other sharing its mm. */
static void each_sharer(struct oom_ctx *ctx, struct oom_cand *target,
                        void (*fn)(struct oom_cand *, const struct oom_whatif *,
                                   int64_t),
                        const struct oom_whatif *w, int64_t arg)
{
	fn(target, w, arg);
	if (target->mm_group < 0)
		return;
	for (size_t i = 0; i < ctx->ncands; i++)
		if (&ctx->cands[i] != target &&
		    ctx->cands[i].mm_group == target->mm_group)
			fn(&ctx->cands[i], w, arg);
}

static void set_adj(struct oom_cand *c, const struct oom_whatif *w,
                    int64_t unused)
{
	(void)unused;
	c->in.oom_score_adj = w->value;
	c->altered = true;
}

static void grow(struct oom_cand *c, const struct oom_whatif *w,
                 int64_t pages)
{
	(void)w;
	c->in.rss_pages += pages;
	c->grow_pages += pages;
	c->altered = true;
}

static void mark_killed(struct oom_cand *c, const struct oom_whatif *w,
                 int64_t unused)
{
	(void)w;
	(void)unused;
	c->killed = true;
	c->altered = true;
}

static void whatif_note(struct oom_ctx *ctx, size_t i, const char *text)
{
	char *key = xasprintf("what-if %zu", i + 1);

	skvlist_add(&ctx->notes, key, text);
	free(key);
}

static void whatif_one(struct oom_ctx *ctx, size_t i,
                       const struct oom_whatif *w)
{
	struct oom_cand *c = w->pid ? oom_cand_find(ctx, w->pid) : NULL;
	char *msg = NULL;

	if (w->kind == OWI_COMMIT) {
		ctx->commit = w;
		return;
	}
	if (w->kind == OWI_CPUSET || w->kind == OWI_MEMPOLICY)
		return; /* the scope: oom_scope.c */
	if (!c) {
		msg = xasprintf(_("%s: no process %lld in the snapshot; nothing "
		                  "changed"), w->text, (long long)w->pid);
	} else if (w->kind == OWI_ADJ) {
		each_sharer(ctx, c, set_adj, w, 0);
		msg = xasprintf(_("%s: oom_score_adj of %lld (and of the processes "
		                  "sharing its memory, as the kernel propagates "
		                  "it) set to %lld in the model"), w->text,
		                (long long)w->pid, (long long)w->value);
	} else if (w->kind == OWI_GROW) {
		int64_t pages = (w->value + ctx->page_size - 1) / ctx->page_size;

		each_sharer(ctx, c, grow, w, pages);
		msg = xasprintf(_("%s: %lld more resident pages for %lld in the "
		                  "model"), w->text, (long long)pages,
		                (long long)w->pid);
	} else {
		each_sharer(ctx, c, mark_killed, w, 0);
		msg = xasprintf(_("%s: %lld (and the processes sharing its memory) "
		                  "killed in the model; the ranking shows who is "
		                  "next"), w->text, (long long)w->pid);
	}
	whatif_note(ctx, i, msg);
	free(msg);
}

void oom_whatifs_apply(struct oom_ctx *ctx, void *const *what_ifs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		whatif_one(ctx, i, what_ifs[i]);
}

/* ---- killable or not --------------------------------------------------- */

static bool is_kthread(const struct proc *p)
{
	return (p->known & KNOWN(PROC_TASK_FLAGS)) &&
	       (p->task_flags & OOM_PF_KTHREAD);
}

/* No mm: status was read but printed no memory lines. */
static bool has_no_mm(const struct proc *p)
{
	return p->source_err[PROC_SRC_STATUS] == 0 && !(p->known & KNOWN(PROC_RSS));
}

/* A vfork child the collector could not ask about: the same total_vm as
 * its parent (vfork borrows the parent's mm) and sharing unknown. */
static bool may_be_vfork_child(const struct oom_cand *c)
{
	const struct proc *p = c->proc;
	const struct proc *parent = c->parent ? c->parent->proc : NULL;

	if (p->known & KNOWN(PROC_IN_VFORK))
		return false;
	if (!(p->known & KNOWN(PROC_PPID)) || !(p->known & KNOWN(PROC_TOTAL_VM)))
		return true;
	if (!parent || is_kthread(parent))
		return false;
	return !(parent->known & KNOWN(PROC_TOTAL_VM)) ||
	       parent->total_vm_pages == p->total_vm_pages;
}

static const char *unknown_input(const struct proc *p)
{
	if (!(p->known & KNOWN(PROC_STAT_RSS)))
		return N_("stat's rss could not be read");
	if (!(p->known & KNOWN(PROC_OOM_SCORE_ADJ)))
		return N_("oom_score_adj could not be read");
	if (p->source_err[PROC_SRC_STATUS] != 0)
		return N_("status (VmSwap, VmPTE) could not be read");
	return N_("status lacks VmSwap or VmPTE");
}

/* Whether the process lost its mm: why (unkillable) or NULL; *unknown for a
 * zombie leader whose threads may still hold the mm. */
static const char *no_mm_reason(const struct proc *p, bool *unknown)
{
	*unknown = false;
	if (!has_no_mm(p))
		return NULL;
	if (p->state && p->state[0] == 'Z' && (p->known & KNOWN(PROC_THREADS)) &&
	    p->threads > 1) {
		*unknown = true;
		return N_("a zombie leader with live threads: the kernel weighs "
		          "their mm, which status does not show");
	}
	return N_("no memory of its own (a zombie, or exiting)");
}

/* Killable, or unkillable or unknown with *why, in oom_badness()'s order. */
static enum oom_cand_state classify(const struct oom_cand *c, const char **why)
{
	const struct proc *p = c->proc;
	bool unknown;

	*why = NULL;
	if (c->killed)
		*why = N_("killed by a what-if");
	else if (is_kthread(p))
		*why = N_("a kernel thread");
	else if (p->pid == 1)
		*why = N_("the global init process");
	if (*why)
		return CAND_UNKILLABLE;
	if (!(p->known & KNOWN(PROC_TASK_FLAGS))) {
		*why = N_("stat could not be read");
		return CAND_UNKNOWN;
	}
	if ((*why = no_mm_reason(p, &unknown)))
		return unknown ? CAND_UNKNOWN : CAND_UNKILLABLE;
	if ((p->known & KNOWN(PROC_OOM_SCORE_ADJ)) &&
	    c->in.oom_score_adj == OOM_SCORE_ADJ_MIN)
		*why = N_("oom_score_adj is -1000");
	else if ((p->known & KNOWN(PROC_IN_VFORK)) && p->in_vfork)
		*why = N_("a vfork child, borrowing its parent's memory");
	if (*why)
		return CAND_UNKILLABLE;
	if (may_be_vfork_child(c))
		*why = N_("may be a vfork child: it has its parent's size, and "
		          "kcmp could not tell whether it shares its parent's "
		          "memory (it is asked with --sim oom, for one's own "
		          "processes or as root)");
	else if (!c->inputs_known)
		*why = unknown_input(p);
	return *why ? CAND_UNKNOWN : CAND_KILLABLE;
}

void oom_cands_classify(struct oom_ctx *ctx)
{
	for (size_t i = 0; i < ctx->ncands; i++) {
		struct oom_cand *c = &ctx->cands[i];

		c->state = classify(c, &c->reason);
	}
}

void oom_cands_weigh(struct oom_ctx *ctx)
{
	for (size_t i = 0; i < ctx->ncands; i++) {
		struct oom_cand *c = &ctx->cands[i];

		c->score_known = c->state == CAND_UNKILLABLE ||
		                 (c->state == CAND_KILLABLE && ctx->totals_known);
		c->score = 0;
		if (c->state != CAND_KILLABLE)
			continue;
		c->badness_known = ctx->totalpages_known;
		c->badness = oom_badness(&c->in, ctx->totalpages, ctx->rules);
		c->badness_global =
			oom_badness(&c->in, ctx->totalpages_global, ctx->rules);
		c->score = oom_proc_score(c->badness_global,
		                          ctx->totalpages_global, ctx->rules);
	}
}

/* ---- select_bad_process ------------------------------------------------ */

/* The value as an unsigned number that sorts highest first. */
static uint64_t radix_of(int64_t value)
{
	return ~((uint64_t)value ^ (UINT64_C(1) << 63));
}

/* One pass of the LSD radix sort on byte b; false when every key has the
 * same byte there (nothing to do). */
static bool radix_pass(const struct oom_key *from, struct oom_key *to,
                       size_t n, int b)
{
	size_t count[256] = { 0 }, pos = 0;

	for (size_t i = 0; i < n; i++)
		count[radix_of(from[i].value) >> (8 * b) & 0xff]++;
	for (int d = 0; d < 256; d++) {
		size_t c = count[d];

		if (c == n)
			return false;
		count[d] = pos;
		pos += c;
	}
	for (size_t i = 0; i < n; i++)
		to[count[radix_of(from[i].value) >> (8 * b) & 0xff]++] = from[i];
	return true;
}

/* Orders each run of equal values by the walk (runs are short). */
static void sort_ties(struct oom_key *keys, size_t n,
                      const struct oom_cand *cands, bool later_wins)
{
	for (size_t i = 1; i < n; i++) {
		struct oom_key k = keys[i];
		size_t j = i;

		while (j > 0 && keys[j - 1].value == k.value) {
			int walk = oom_walk_compare(&cands[keys[j - 1].index].walk,
			                            &cands[k.index].walk);

			if (later_wins ? walk >= 0 : walk <= 0)
				break;
			keys[j] = keys[j - 1];
			j--;
		}
		keys[j] = k;
	}
}

void oom_sort_keys(struct oom_key *keys, size_t n,
                   const struct oom_cand *cands, bool later_wins)
{
	struct oom_key *tmp = xcalloc(n + 1, sizeof(*tmp)), *from = keys,
	               *to = tmp, *swap;

	for (int b = 0; b < 8; b++) {
		if (!radix_pass(from, to, n, b))
			continue;
		swap = from;
		from = to;
		to = swap;
	}
	if (from != keys)
		memcpy(keys, from, n * sizeof(*keys));
	free(tmp);
	sort_ties(keys, n, cands, later_wins);
}

static void count_states(struct oom_ctx *ctx, struct oom_result *r)
{
	for (size_t i = 0; i < ctx->ncands; i++) {
		const struct oom_cand *c = &ctx->cands[i];

		if (!c->in_scope)
			continue;
		if (c->state == CAND_KILLABLE && c->badness_known)
			r->nkillable++;
		else if (c->state == CAND_UNKILLABLE)
			r->nunkillable++;
		else
			r->nunknown++;
	}
	r->known |= KNOWN(ORS_COUNTS);
}

static void victim_unknown(struct oom_ctx *ctx, struct oom_result *r)
{
	const struct oom_cand *example = NULL;

	for (size_t i = 0; i < ctx->ncands && !example; i++)
		if (ctx->cands[i].in_scope && ctx->cands[i].state == CAND_UNKNOWN)
			example = &ctx->cands[i];
	if (!ctx->totalpages_known)
		r->victim_note = xstrdup(_("totalpages is unknown, so is every "
		                           "badness"));
	else if (example)
		r->victim_note = xasprintf(
			_("%lld processes cannot be weighed (e.g. %lld: %s); the "
			  "victim could be one of them"),
			(long long)r->nunknown, (long long)example->proc->pid,
			_(example->reason));
	else
		r->victim_note = xstrdup(
			_("no killable process: the kernel prints \"Out of memory "
			  "and no killable processes...\" and, for a global OOM, "
			  "panics"));
}

void oom_rank_select(struct oom_ctx *ctx, struct oom_result *r)
{
	struct oom_key *keys = xcalloc(ctx->ncands + 1, sizeof(*keys));

	ctx->ranked = xcalloc(ctx->ncands + 1, sizeof(*ctx->ranked));
	for (size_t i = 0; i < ctx->ncands; i++) {
		const struct oom_cand *c = &ctx->cands[i];

		if (c->in_scope && c->state == CAND_KILLABLE && c->badness_known)
			keys[ctx->nranked++] = (struct oom_key){ c->badness, i };
	}
	/* equal points: the later in the walk wins (points < chosen skips) */
	oom_sort_keys(keys, ctx->nranked, ctx->cands, true);
	for (size_t k = 0; k < ctx->nranked; k++) {
		ctx->ranked[k] = keys[k].index;
		ctx->cands[keys[k].index].rank = (int64_t)k + 1;
	}
	free(keys);
	count_states(ctx, r);
	if (ctx->nranked > 0 && r->nunknown == 0 && ctx->totalpages_known) {
		const struct proc *p = ctx->cands[ctx->ranked[0]].proc;

		r->victim = p->pid;
		r->victim_comm = xstrdup(p->comm ? p->comm : "");
		r->known |= KNOWN(ORS_VICTIM);
	} else {
		victim_unknown(ctx, r);
	}
}

/* ---- the kill order ----------------------------------------------------- */

/* Kills the victim's mm group: the others' pids go to k->with_pids.  A
 * scan per kill: the order is at most OOM_KILL_ORDER_MAX long. */
static void kill_group(struct oom_ctx *ctx, size_t victim, bool *dead,
                       struct oom_kill *k)
{
	const struct oom_cand *v = &ctx->cands[victim];

	dead[victim] = true;
	if (v->mm_group < 0)
		return; /* sharing unknown: with_pids stays unknown */
	k->with_pids = xcalloc(1, sizeof(*k->with_pids));
	for (size_t i = 0; i < ctx->ncands; i++) {
		if (i == victim || dead[i] || ctx->cands[i].mm_group != v->mm_group)
			continue;
		dead[i] = true;
		k->with_pids = xrealloc(k->with_pids,
		                        (k->nwith + 1) * sizeof(*k->with_pids));
		k->with_pids[k->nwith++] = ctx->cands[i].proc->pid;
	}
	k->known |= KNOWN(OKL_WITH);
}

void oom_rank_kill_order(struct oom_ctx *ctx, struct oom_result *r)
{
	bool *dead;
	int64_t total = 0;

	if (!(r->known & KNOWN(ORS_VICTIM)))
		return;
	dead = xcalloc(ctx->ncands + 1, sizeof(*dead));
	r->kill_order = xcalloc(OOM_KILL_ORDER_MAX, sizeof(*r->kill_order));
	for (size_t k = 0; k < ctx->nranked && r->nkill_order < OOM_KILL_ORDER_MAX;
	     k++) {
		size_t i = ctx->ranked[k];
		const struct oom_cand *c = &ctx->cands[i];
		struct oom_kill *kill_entry = &r->kill_order[r->nkill_order];

		if (dead[i])
			continue;
		kill_entry->order = (int64_t)++r->nkill_order;
		kill_entry->pid = c->proc->pid;
		kill_entry->comm = xstrdup(c->proc->comm ? c->proc->comm : "");
		kill_entry->badness = c->badness;
		kill_group(ctx, i, dead, kill_entry);
		kill_entry->freed_pages =
			c->in.rss_pages + c->in.swap_pages + c->in.pgtables_pages;
		total += kill_entry->freed_pages;
		kill_entry->freed_total_pages = total;
		kill_entry->known |= KNOWN(OKL_FREED);
	}
	free(dead);
}
