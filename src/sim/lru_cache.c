/*
 * lru_cache.c - the last prediction of a workload what-if, kept with the
 * start state it was played from (see lru_internal.h).  The key is the
 * whole start state: the model's configuration and the background lists,
 * which is everything lru_workload_run() reads besides the workload itself
 * (the what-if the cache hangs on).
 *
 * Must not: do I/O, or return a cached answer for a different start.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lru_internal.h"
#include "lru_whatif.h"
#include "util.h"

struct lru_workload_cache {
	struct lru_start start;
	struct lru_prediction prediction;
	char *why_not; /* the run failed: why */
};

static bool same_config(const struct lru_model_config *a,
                        const struct lru_model_config *b)
{
	return a->rules == b->rules && a->page_shift == b->page_shift &&
	       a->global == b->global && a->limit_pages == b->limit_pages &&
	       a->other_pages == b->other_pages &&
	       a->free_pages == b->free_pages && a->min_pages == b->min_pages &&
	       a->low_pages == b->low_pages && a->high_pages == b->high_pages &&
	       a->swap_total == b->swap_total && a->swap_used == b->swap_used &&
	       a->swappiness == b->swappiness &&
	       a->folio_pages == b->folio_pages &&
	       a->max_events == b->max_events;
}

static bool same_start(const struct lru_start *a, const struct lru_start *b)
{
	return a->has_limit == b->has_limit &&
	       strcmp(a->label ? a->label : "", b->label ? b->label : "") == 0 &&
	       memcmp(a->lists, b->lists, sizeof(a->lists)) == 0 &&
	       same_config(&a->cfg, &b->cfg);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* A deep copy: the strings and the timeline are the copy's own. */
static void copy_prediction(struct lru_prediction *to,
                            const struct lru_prediction *from)
{
	*to = *from;
	to->workload = dup_or_null(from->workload);
	to->start = dup_or_null(from->start);
	to->timeline = NULL;
	if (from->nsteps == 0)
		return;
	to->timeline = xcalloc(from->nsteps, sizeof(*to->timeline));
	for (size_t i = 0; i < from->nsteps; i++) {
		to->timeline[i] = from->timeline[i];
		to->timeline[i].step = dup_or_null(from->timeline[i].step);
		to->timeline[i].branch = dup_or_null(from->timeline[i].branch);
	}
}

bool lru_cache_get(struct lru_workload_cache *cache,
                   const struct lru_start *start, struct lru_prediction *out,
                   char **why_not)
{
	if (!cache || !same_start(&cache->start, start))
		return false;
	if (cache->why_not)
		*why_not = xstrdup(cache->why_not);
	else
		copy_prediction(out, &cache->prediction);
	return true;
}

void lru_cache_put(struct lru_workload_cache **cache,
                   const struct lru_start *start,
                   const struct lru_prediction *result, const char *why_not)
{
	struct lru_workload_cache *c;

	lru_cache_free(*cache);
	c = xcalloc(1, sizeof(*c));
	c->start = *start; /* label points at a static string */
	if (why_not)
		c->why_not = xstrdup(why_not);
	else
		copy_prediction(&c->prediction, result);
	*cache = c;
}

void lru_cache_free(struct lru_workload_cache *cache)
{
	if (!cache)
		return;
	schema_free_entity(&lru_prediction_schema, &cache->prediction);
	free(cache->why_not);
	free(cache);
}
