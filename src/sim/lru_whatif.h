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
	LRU_WHATIF_WORKLOAD
};

struct lru_whatif {
	enum lru_whatif_kind kind;
	uint64_t bytes;            /* need */
	int64_t value;             /* node, swappiness */
	char *name;                /* the workload file */
	struct workload workload;
};

/* sim_engine_info.parse_what_if and free_what_if of the lru engine. */
int lru_whatif_parse(const char *expr, void **parsed, char **error);
void lru_whatif_free(void *parsed);

#endif
