/*
 * oom_rows.c - the result's ranking rows: each process of the scope with
 * the parts of its badness, the model's oom_score beside the kernel's
 * /proc/PID/oom_score, and the count of those that differ.
 *
 * The kernel's score is compared only where the collector saw it stable
 * (oom_score_stable: the two reads around the other inputs agreed) and no
 * what-if changed the process: elsewhere a difference says nothing about
 * the model.
 *
 * Must not: do I/O, or compute badness (oom_rank.c does).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "oom_internal.h"
#include "util.h"

static char *copy_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

static void row_identity(const struct oom_cand *c, struct oom_rank *row)
{
	const struct proc *p = c->proc;

	row->pid = p->pid;
	row->comm = copy_or_empty(p->comm);
	if (p->known & KNOWN(PROC_COMM))
		row->known |= KNOWN(ORK_COMM);
	row->mm_group = c->mm_group;
	if (c->mm_group >= 0)
		row->known |= KNOWN(ORK_MM_GROUP);
}

/* The inputs as far as they are known, whatever the state. */
static void row_inputs(const struct oom_ctx *ctx, const struct oom_cand *c,
                       struct oom_rank *row)
{
	const struct proc *p = c->proc;
	const uint64_t parts = KNOWN(PROC_ANON) | KNOWN(PROC_FILE) |
	                       KNOWN(PROC_SHMEM);

	row->rss_pages = c->in.rss_pages;
	row->known |= (p->known & KNOWN(PROC_STAT_RSS)) ? KNOWN(ORK_RSS) : 0;
	if ((p->known & parts) == parts) {
		row->anon_pages = oom_kb_to_pages(ctx, p->anon_kb) + c->grow_pages;
		row->file_pages = oom_kb_to_pages(ctx, p->file_kb);
		row->shmem_pages = oom_kb_to_pages(ctx, p->shmem_kb);
		row->known |= KNOWN(ORK_PARTS);
	}
	row->swap_pages = c->in.swap_pages;
	row->known |= (p->known & KNOWN(PROC_SWAP)) ? KNOWN(ORK_SWAP) : 0;
	row->pgtables_pages = c->in.pgtables_pages;
	row->known |= (p->known & KNOWN(PROC_PGTABLES)) ? KNOWN(ORK_PGTABLES) : 0;
	row->oom_score_adj = c->in.oom_score_adj;
	if (!(p->known & KNOWN(PROC_OOM_SCORE_ADJ)) && !c->altered)
		return;
	row->known |= KNOWN(ORK_ADJ);
	if (ctx->totalpages_known) {
		row->adj_pages = oom_adj_pages(c->in.oom_score_adj, ctx->totalpages);
		row->known |= KNOWN(ORK_ADJ_PAGES);
	}
}

static void row_scores(const struct oom_ctx *ctx, const struct oom_cand *c,
                       struct oom_rank *row)
{
	row->killable = c->state == CAND_KILLABLE;
	if (c->state != CAND_UNKNOWN)
		row->known |= KNOWN(ORK_KILLABLE);
	if (c->reason) {
		row->reason = xstrdup(_(c->reason));
		row->known |= KNOWN(ORK_REASON);
	}
	row->rank = c->rank;
	if (c->rank > 0)
		row->known |= KNOWN(ORK_RANK);
	if (c->badness_known) {
		row->badness = c->badness;
		row->share_permille =
			oom_share_permille(c->badness, ctx->totalpages);
		row->known |= KNOWN(ORK_BADNESS) | KNOWN(ORK_SHARE);
	}
	row->oom_score = c->score;
	if (c->score_known)
		row->known |= KNOWN(ORK_SCORE);
	if (c->historic >= 0) {
		row->historic_points = c->historic;
		row->historic_rank = c->historic_rank;
		row->known |= KNOWN(ORK_HISTORIC) | KNOWN(ORK_HISTORIC_RANK);
	}
}

/* The kernel's number, and whether it matches where it may be compared. */
static void row_compare(const struct oom_cand *c, struct oom_rank *row,
                        struct oom_result *r)
{
	const struct proc *p = c->proc;
	bool stable = (p->known & KNOWN(PROC_OOM_SCORE_STABLE)) &&
	              p->oom_score_stable == 1;

	if (p->known & KNOWN(PROC_OOM_SCORE)) {
		row->kernel_oom_score = p->oom_score;
		row->known |= KNOWN(ORK_KERNEL_SCORE);
	}
	if (!stable || !c->score_known || c->altered ||
	    !(p->known & KNOWN(PROC_OOM_SCORE))) {
		r->not_compared++;
		return;
	}
	r->compared++;
	row->score_match = c->score == p->oom_score;
	row->known |= KNOWN(ORK_MATCH);
	if (!row->score_match)
		r->mismatches++;
}

static void add_row(const struct oom_ctx *ctx, const struct oom_cand *c,
                    struct oom_result *r)
{
	struct oom_rank *row = &r->ranking[r->nranking++];

	row_identity(c, row);
	row_inputs(ctx, c, row);
	row_scores(ctx, c, row);
	row_compare(c, row, r);
}

void oom_rank_rows(struct oom_ctx *ctx, struct oom_result *r)
{
	r->ranking = xcalloc(ctx->ncands + 1, sizeof(*r->ranking));
	for (size_t k = 0; k < ctx->nranked; k++)
		add_row(ctx, &ctx->cands[ctx->ranked[k]], r);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < ctx->ncands; i++) {
			const struct oom_cand *c = &ctx->cands[i];

			if (!c->in_scope || c->rank > 0)
				continue;
			if ((pass == 0) != (c->state != CAND_UNKILLABLE))
				continue;
			add_row(ctx, c, r);
		}
	}
	r->known |= KNOWN(ORS_COMPARED);
}
