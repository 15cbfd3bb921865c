/*
 * sim.h - the simulation engines' common interface (DESIGN.md "Simulation
 * engines"): oom, buddy and lru.  An engine is pure C: it reads snapshots and
 * its what-if parameters and returns a result, an entity described by a
 * field table (schema.h), so that JSON, batch text and the TUI render every
 * engine with the same code.  Each engine cites the kernel function it
 * mirrors; where the kernel publishes the same number, it must match.
 *
 * Adding an engine is a file in src/sim/ that defines a struct
 * sim_engine_info, and a line in the registry of src/sim/sim.c.
 *
 * Must not: do I/O, use curses, or keep globals (engines are run on live
 * and replayed snapshots alike).
 */
#ifndef MEMLENS_SIM_H
#define MEMLENS_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "schema.h"
#include "snapshot.h"

enum sim_engine { SIM_OOM, SIM_BUDDY, SIM_LRU, SIM_COUNT };

/* What an engine is given for one run. */
struct sim_input {
	const struct snapshot *prev; /* NULL for the first snapshot */
	const struct snapshot *cur;
	void *const *what_ifs;       /* this engine's parsed what-ifs, in order */
	size_t nwhat_ifs;
	const char *cgroup;          /* --cgroup PATH, or NULL for the machine */
};

struct sim_engine_info {
	const char *name;             /* --sim name and the key under "sim" */
	uint64_t sections;            /* KNOWN(SEC_*) it reads */
	const struct schema *schema;  /* describes its result */
	/*
	 * Whether expr is one of this engine's what-ifs ("adj:PID=VALUE" for
	 * oom): 1 with *parsed set, 0 when it belongs to another engine, or
	 * -EINVAL with *error set (caller frees) when it is this engine's but
	 * malformed.  NULL: the engine takes no what-ifs.
	 */
	int (*parse_what_if)(const char *expr, void **parsed, char **error);
	void (*free_what_if)(void *parsed);
	/* 0 with *result set, or -errno with *error (caller frees). */
	int (*run)(const struct sim_input *in, void **result, char **error);
	void (*free_result)(void *result);
};

/* The engines, one file each in src/sim/. */
extern const struct sim_engine_info buddy_engine;
extern const struct sim_engine_info oom_engine;
extern const struct sim_engine_info lru_engine;

/* The engines of this build, by enum sim_engine; NULL: not built yet. */
const struct sim_engine_info *sim_engine(enum sim_engine e);

/* "oom,buddy" into 1u << SIM_* bits; -EINVAL with the bad name, or
 * -ENOSYS with the name of an engine this build does not have. */
int sim_parse_list(const char *list, unsigned *engines, const char **bad,
                   size_t *bad_len);

/* Sections the given engines read. */
uint64_t sim_sections(unsigned engines);

/* The engines to run and their parsed what-ifs, checked once at start. */
struct sim_plan;

/*
 * Parses every what-if for the asked engines.  -EINVAL with *error (caller
 * frees) for a malformed what-if or one no asked engine takes.
 */
int sim_plan_new(struct sim_plan **out, unsigned engines,
                 const char *const *what_ifs, size_t nwhat_ifs,
                 const char *cgroup, char **error);
void sim_plan_free(struct sim_plan *plan);
unsigned sim_plan_engines(const struct sim_plan *plan);

/* The results of one run of a plan; renderers read it, never change it. */
struct sim_results {
	unsigned asked;               /* 1u << SIM_* */
	void *result[SIM_COUNT];      /* entity of sim_engine(e)->schema */
	char *error[SIM_COUNT];       /* why an asked engine has no result */
};

void sim_plan_run(const struct sim_plan *plan, const struct snapshot *prev,
                  const struct snapshot *cur, struct sim_results *out);
void sim_results_free(struct sim_results *results);

#endif
