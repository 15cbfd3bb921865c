/*
 * lru_workload.c - plays a workload (workload.h) on the model, step by
 * step, from a start state (an empty cgroup with the workload's limit, a
 * cgroup's memory.stat, or the machine's lists and watermarks), and
 * reports the end state and a timeline: what tests/live/lru_workload.sh
 * compares with the kernel's memory.stat.
 *
 * Steps become the kernel's events (lru_model.c): anon faults, write
 * faults on the oldest anonymous pages (swap-ins when swapped), unmaps,
 * sequential reads folio by folio, memory.limit_in_bytes writes (reclaim
 * down to the new limit, as mem_cgroup_resize_max() does), and time.
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lru_internal.h"
#include "util.h"

struct player {
	struct lru_model m;
	const struct workload *w;
	struct lru_prediction *out;
	uint64_t page_kb;
	size_t *file_of_step; /* model file index of each read step */
};

static uint64_t to_pages(const struct lru_model *m, uint64_t bytes)
{
	uint64_t page = UINT64_C(1) << m->page_shift;

	return (bytes + page - 1) / page;
}

/* Whether a "file" step declares name, and its size. */
static bool declared_bytes(const struct workload *w, const char *name,
                           uint64_t *bytes)
{
	for (size_t i = 0; i < w->count; i++)
		if (w->steps[i].op == WL_FILE &&
		    strcmp(w->steps[i].file, name) == 0) {
			*bytes = w->steps[i].bytes;
			return true;
		}
	return false;
}

/* The model file a read step reads: the same name is the same file. */
static int file_for(struct player *p, size_t step, char **why_not)
{
	const struct workload_step *s = &p->w->steps[step];
	uint64_t bytes = s->bytes;
	int rc;

	for (size_t i = 0; s->file && i < step; i++)
		if (p->w->steps[i].op == WL_READ && p->w->steps[i].file &&
		    strcmp(p->w->steps[i].file, s->file) == 0) {
			p->file_of_step[step] = p->file_of_step[i];
			return 0;
		}
	if (s->file && !declared_bytes(p->w, s->file, &bytes)) {
		*why_not = xasprintf(_("line %u: the size of %s is not known "
		                       "(add 'file %s SIZE')"), s->line, s->file,
		                     s->file);
		return -EINVAL;
	}
	rc = lru_model_add_file(&p->m, s->file, bytes, &p->file_of_step[step]);
	if (rc < 0)
		*why_not = xasprintf(_("line %u: the workload touches more than "
		                       "%llu pages, more than the model holds"),
		                     s->line,
		                     (unsigned long long)LRU_MAX_WORKLOAD_PAGES);
	return rc;
}

static int play_read(struct player *p, size_t step)
{
	const struct workload_step *s = &p->w->steps[step];
	const struct lru_file *f = &p->m.files[p->file_of_step[step]];
	uint32_t folios = f->folios;
	size_t file = p->file_of_step[step];

	for (int64_t r = 0; r < s->count; r++)
		for (uint32_t i = 0; i < folios; i++) {
			int rc = lru_model_read_folio(&p->m, file, i);

			if (rc < 0)
				return rc;
		}
	return 0;
}

static int play_anon(struct player *p, const struct workload_step *s)
{
	uint64_t n = to_pages(&p->m, s->bytes);
	struct lru_model *m = &p->m;

	for (uint64_t i = 0; i < n; i++) {
		int rc = lru_model_anon_fault(m);

		if (rc < 0)
			return rc;
	}
	return 0;
}

static int play_touch(struct player *p, const struct workload_step *s)
{
	struct lru_model *m = &p->m;
	uint64_t n = to_pages(m, s->bytes), end = m->anon_lo + n;

	if (end > m->anon_hi)
		end = m->anon_hi;
	for (uint64_t i = m->anon_lo; i < end; i++) {
		int rc = lru_model_touch_anon(m, i);

		if (rc < 0)
			return rc;
	}
	return 0;
}

static void play_free(struct player *p, const struct workload_step *s)
{
	struct lru_model *m = &p->m;
	uint64_t n = to_pages(m, s->bytes), end = m->anon_lo + n;

	if (end > m->anon_hi)
		end = m->anon_hi;
	for (uint64_t i = m->anon_lo; i < end; i++)
		lru_model_free_anon(m, i);
	m->anon_lo = end;
}

/* memory.limit_in_bytes / memory.max: reclaim down to the new limit. */
static int play_limit(struct player *p, const struct workload_step *s)
{
	struct lru_model *m = &p->m;
	int retries = LRU_MAX_RECLAIM_RETRIES;

	m->limit_pages = to_pages(m, s->bytes);
	while (lru_model_usage(m) > m->limit_pages) {
		if (lru_reclaim_memcg(m, 1) == 0 && --retries == 0) {
			m->oom = true;
			return -ENOMEM;
		}
	}
	return 0;
}

static int play_step(struct player *p, size_t i, char **why_not)
{
	const struct workload_step *s = &p->w->steps[i];
	struct lru_model *m = &p->m;

	switch (s->op) {
	case WL_LIMIT:
		return m->global ? 0 : play_limit(p, s);
	case WL_SWAP:
		m->swap_total = m->swap_background + to_pages(m, s->bytes);
		if (m->swap_total < m->swap_used)
			m->swap_total = m->swap_used;
		return 0;
	case WL_SWAPPINESS:
		m->swappiness = (int)s->count;
		return 0;
	case WL_ANON:
		return play_anon(p, s);
	case WL_TOUCH_ANON:
		return play_touch(p, s);
	case WL_FREE_ANON:
		play_free(p, s);
		return 0;
	case WL_READ:
		return file_for(p, i, why_not) < 0 ? -EINVAL : play_read(p, i);
	case WL_FOLIO:
		m->folio_pages = (uint32_t)to_pages(m, s->bytes);
		return 0;
	case WL_WAIT:
		lru_model_tick(m, (double)s->count);
		return 0;
	case WL_FILE:
		return 0;
	}
	return 0;
}

/* ---- the report --------------------------------------------------------- */

static int64_t kb(const struct player *p, uint64_t pages)
{
	return (int64_t)(pages * p->page_kb);
}

static enum lru_branch main_branch(const uint64_t before[LB_COUNT],
                                   const uint64_t after[LB_COUNT],
                                   bool *any)
{
	enum lru_branch best = LB_FRACTION;
	uint64_t most = 0;

	for (int b = 0; b < LB_COUNT; b++)
		if (after[b] - before[b] > most) {
			most = after[b] - before[b];
			best = (enum lru_branch)b;
		}
	*any = most > 0;
	return best;
}

static void fill_step(struct player *p, size_t i, struct lru_step *st,
                      const struct lru_counters *before)
{
	const struct lru_model *m = &p->m;
	bool any;
	enum lru_branch b = main_branch(before->passes, m->c.passes, &any);

	st->known = KNOWN(LT_STEP);
	st->line = p->w->steps[i].line;
	st->step = workload_step_text(&p->w->steps[i]);
	st->inactive_anon_kb = kb(p, m->lists[LRU_INACTIVE_ANON].pages);
	st->active_anon_kb = kb(p, m->lists[LRU_ACTIVE_ANON].pages);
	st->inactive_file_kb = kb(p, m->lists[LRU_INACTIVE_FILE].pages);
	st->active_file_kb = kb(p, m->lists[LRU_ACTIVE_FILE].pages);
	st->anon_kb = st->inactive_anon_kb + st->active_anon_kb;
	st->file_kb = st->inactive_file_kb + st->active_file_kb;
	st->swap_kb = kb(p, m->swap_used);
	st->refault_anon = (int64_t)m->c.refault[0];
	st->refault_file = (int64_t)m->c.refault[1];
	st->scan_anon = (int64_t)(m->c.pgscan[0] - before->pgscan[0]);
	st->scan_file = (int64_t)(m->c.pgscan[1] - before->pgscan[1]);
	st->branch = xstrdup(any ? lru_branch_name(b) : "none");
	st->seconds = m->clock_us / 1e6;
}

static void fill_prediction(struct player *p)
{
	const struct lru_model *m = &p->m;
	const struct lru_counters *c = &m->c;
	struct lru_prediction *o = p->out;

	o->known |= KNOWN(LD_PREDICTION);
	o->inactive_anon_kb = kb(p, m->lists[LRU_INACTIVE_ANON].pages);
	o->active_anon_kb = kb(p, m->lists[LRU_ACTIVE_ANON].pages);
	o->inactive_file_kb = kb(p, m->lists[LRU_INACTIVE_FILE].pages);
	o->active_file_kb = kb(p, m->lists[LRU_ACTIVE_FILE].pages);
	o->anon_kb = o->inactive_anon_kb + o->active_anon_kb;
	o->file_kb = o->inactive_file_kb + o->active_file_kb;
	o->swap_kb = kb(p, m->swap_used);
	o->refault_anon = (int64_t)c->refault[0];
	o->refault_file = (int64_t)c->refault[1];
	o->activate_anon = (int64_t)c->activate[0];
	o->activate_file = (int64_t)c->activate[1];
	o->restore_anon = (int64_t)c->restore[0];
	o->restore_file = (int64_t)c->restore[1];
	o->pgscan_anon = (int64_t)c->pgscan[0];
	o->pgscan_file = (int64_t)c->pgscan[1];
	o->pgsteal_anon = (int64_t)c->pgsteal[0];
	o->pgsteal_file = (int64_t)c->pgsteal[1];
	o->pgrefill = (int64_t)c->pgrefill;
	o->pgactivate = (int64_t)c->pgactivate;
	o->pgdeactivate = (int64_t)c->pgdeactivate;
	o->pswpin = (int64_t)c->pswpin;
	o->pswpout = (int64_t)c->pswpout;
	o->reclaim_runs = (int64_t)c->reclaim_runs;
	o->passes_file = (int64_t)(c->passes[LB_NO_SWAP] +
	                           c->passes[LB_CGROUP_SWAPPINESS_0] +
	                           c->passes[LB_CACHE_TRIM]);
	o->passes_anon = (int64_t)(c->passes[LB_FILE_IS_TINY] +
	                           c->passes[LB_ANON_ONLY]);
	o->passes_equal = (int64_t)c->passes[LB_PRIORITY_0];
	o->passes_fraction = (int64_t)c->passes[LB_FRACTION];
	o->stats_flushes = (int64_t)c->flushes;
	o->oom = m->oom;
	o->seconds = m->clock_us / 1e6;
	o->page_events = (int64_t)c->page_events;
}

static void seed(struct lru_model *m, const struct lru_start *start)
{
	for (int l = 0; l < LRU_NR_LISTS; l++)
		if (start->lists[l])
			lru_model_seed(m, l, start->lists[l], 0);
	lru_model_flush(m);
	m->c.flushes = 0;
}

static int play_all(struct player *p, char **why_not)
{
	const struct workload *w = p->w;

	p->out->timeline = xcalloc(w->count, sizeof(*p->out->timeline));
	for (size_t i = 0; i < w->count; i++) {
		struct lru_counters before = p->m.c;
		int rc = play_step(p, i, why_not);

		if (w->steps[i].op != WL_FILE) /* a declaration, not a step */
			fill_step(p, i, &p->out->timeline[p->out->nsteps++],
			          &before);
		if (rc == -ENOMEM) {
			p->out->timeline[p->out->nsteps - 1].oom = 1;
			p->out->oom_line = w->steps[i].line;
			return 0;
		}
		if (rc == -ETIME)
			*why_not = xasprintf(_("line %u: the model stopped after "
			                       "%llu million page events"),
			                     w->steps[i].line,
			                     (unsigned long long)(p->m.max_events >> 20));
		if (rc < 0)
			return rc;
	}
	return 0;
}

int lru_workload_run(const struct lru_start *start, const char *name,
                     const struct workload *w, struct lru_prediction *out,
                     char **why_not)
{
	struct player p = { .w = w, .out = out };
	int rc;

	*why_not = NULL;
	lru_model_init(&p.m, &start->cfg);
	p.page_kb = (UINT64_C(1) << p.m.page_shift) / 1024;
	p.file_of_step = xcalloc(w->count, sizeof(*p.file_of_step));
	seed(&p.m, start);
	out->workload = xstrdup(name);
	out->start = xstrdup(start->label);
	rc = play_all(&p, why_not);
	if (rc == 0)
		fill_prediction(&p);
	else if (!*why_not)
		*why_not = xstrdup(_("the model could not play the workload"));
	free(p.file_of_step);
	lru_model_free(&p.m);
	return rc;
}
