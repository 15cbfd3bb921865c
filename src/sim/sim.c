/*
 * sim.c - the registry of engines, and running a plan of them on snapshots.
 * The engines themselves are one file each (oom.c, buddy.c, lru.c).
 *
 * Must not: do I/O, or know any engine's internals.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util.h"

/* An engine is registered by one line here once it exists. */
static const struct sim_engine_info *const engines[SIM_COUNT] = {
	[SIM_OOM] = &oom_engine,
	[SIM_BUDDY] = &buddy_engine,
	[SIM_LRU] = &lru_engine,
};

/* Names of every engine, built or not, so that messages can tell an
 * unknown name from an engine that is not in this version yet. */
static const char *const engine_names[SIM_COUNT] = {
	[SIM_OOM] = "oom", [SIM_BUDDY] = "buddy", [SIM_LRU] = "lru",
};

struct sim_plan {
	unsigned engines;
	void **what_ifs[SIM_COUNT];
	size_t nwhat_ifs[SIM_COUNT];
	char *cgroup;
};

const struct sim_engine_info *sim_engine(enum sim_engine e)
{
	return (unsigned)e < SIM_COUNT ? engines[e] : NULL;
}

static int engine_by_name(const char *name, size_t len)
{
	for (int e = 0; e < SIM_COUNT; e++)
		if (strlen(engine_names[e]) == len &&
		    strncmp(engine_names[e], name, len) == 0)
			return e;
	return -1;
}

int sim_parse_list(const char *list, unsigned *out, const char **bad,
                   size_t *bad_len)
{
	const char *p = list;

	*out = 0;
	do {
		size_t len = strcspn(p, ",");
		int e = engine_by_name(p, len);

		*bad = p;
		*bad_len = len;
		if (e < 0)
			return -EINVAL;
		if (!engines[e])
			return -ENOSYS;
		*out |= 1u << e;
		p += len;
	} while (*p++ == ',');
	return 0;
}

uint64_t sim_sections(unsigned asked)
{
	uint64_t sections = 0;

	for (int e = 0; e < SIM_COUNT; e++)
		if ((asked & (1u << e)) && engines[e])
			sections |= engines[e]->sections;
	return sections;
}

static void plan_add_what_if(struct sim_plan *plan, int e, void *parsed)
{
	plan->what_ifs[e] = xrealloc(plan->what_ifs[e],
	                             (plan->nwhat_ifs[e] + 1) * sizeof(void *));
	plan->what_ifs[e][plan->nwhat_ifs[e]++] = parsed;
}

/* Offers expr to each asked engine in turn; the first that knows it wins. */
static int plan_parse_what_if(struct sim_plan *plan, const char *expr,
                              char **error)
{
	for (int e = 0; e < SIM_COUNT; e++) {
		const struct sim_engine_info *info = engines[e];
		void *parsed = NULL;
		int rc;

		if (!(plan->engines & (1u << e)) || !info->parse_what_if)
			continue;
		rc = info->parse_what_if(expr, &parsed, error);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			plan_add_what_if(plan, e, parsed);
			return 0;
		}
	}
	*error = xasprintf(_("--what-if '%s': no engine asked with --sim "
	                     "takes this what-if"), expr);
	return -EINVAL;
}

int sim_plan_new(struct sim_plan **out, unsigned asked,
                 const char *const *what_ifs, size_t nwhat_ifs,
                 const char *cgroup, char **error)
{
	struct sim_plan *plan = xcalloc(1, sizeof(*plan));

	*error = NULL;
	for (int e = 0; e < SIM_COUNT; e++)
		if ((asked & (1u << e)) && engines[e])
			plan->engines |= 1u << e;
	plan->cgroup = cgroup ? xstrdup(cgroup) : NULL;
	for (size_t i = 0; i < nwhat_ifs; i++) {
		int rc = plan_parse_what_if(plan, what_ifs[i], error);

		if (rc < 0) {
			sim_plan_free(plan);
			*out = NULL;
			return rc;
		}
	}
	*out = plan;
	return 0;
}

void sim_plan_free(struct sim_plan *plan)
{
	if (!plan)
		return;
	for (int e = 0; e < SIM_COUNT; e++) {
		for (size_t i = 0; i < plan->nwhat_ifs[e]; i++)
			if (engines[e]->free_what_if)
				engines[e]->free_what_if(plan->what_ifs[e][i]);
		free(plan->what_ifs[e]);
	}
	free(plan->cgroup);
	free(plan);
}

unsigned sim_plan_engines(const struct sim_plan *plan)
{
	return plan ? plan->engines : 0;
}

void sim_plan_run(const struct sim_plan *plan, const struct snapshot *prev,
                  const struct snapshot *cur, struct sim_results *out)
{
	memset(out, 0, sizeof(*out));
	if (!plan)
		return;
	out->asked = plan->engines;
	for (int e = 0; e < SIM_COUNT; e++) {
		struct sim_input in = {
			.prev = prev, .cur = cur, .what_ifs = plan->what_ifs[e],
			.nwhat_ifs = plan->nwhat_ifs[e], .cgroup = plan->cgroup,
		};

		if (!(plan->engines & (1u << e)))
			continue;
		if (engines[e]->run(&in, &out->result[e], &out->error[e]) < 0 &&
		    !out->error[e])
			out->error[e] = xstrdup(_("the engine failed"));
	}
}

void sim_results_free(struct sim_results *results)
{
	for (int e = 0; e < SIM_COUNT; e++) {
		if (results->result[e] && engines[e])
			engines[e]->free_result(results->result[e]);
		free(results->error[e]);
	}
	memset(results, 0, sizeof(*results));
}
