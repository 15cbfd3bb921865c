/*
 * lru_whatif.h - the lru engine's parsed what-ifs (lru_whatif.c).
 *
 * Must not: do I/O.
 */
#ifndef MEMLENS_LRU_WHATIF_H
#define MEMLENS_LRU_WHATIF_H

#include <stdbool.h>
#include <stdint.h>

#include "workload.h"

enum lru_whatif_kind {
	LRU_WHATIF_NEED, LRU_WHATIF_NODE, LRU_WHATIF_SWAPPINESS,
	LRU_WHATIF_WORKLOAD, LRU_WHATIF_CGROUP
};

struct lru_workload_cache;

struct lru_whatif {
	enum lru_whatif_kind kind;
	uint64_t bytes;            /* need */
	int64_t value;             /* node, swappiness */
	char *name;                /* the workload file; cgroup's PATH */
	struct workload workload;
	/* The last prediction of this workload and the start state it was
	 * played from (lru_cache.c): a run from the same start reuses it. */
	struct lru_workload_cache *cache;
};

/* sim_engine_info.parse_what_if and free_what_if of the lru engine. */
int lru_whatif_parse(const char *expr, void **parsed, char **error);
void lru_whatif_free(void *parsed);

/* Frees a workload's cached prediction (lru_cache.c); NULL is fine. */
void lru_cache_free(struct lru_workload_cache *cache);

#endif
