/*
 * lru_whatif.c - the lru engine's what-ifs:
 *
 *   need:SIZE          if SIZE more memory were needed now in the scope
 *                      (the machine, --cgroup's group, or node:N)
 *   node:N             scope the engine to NUMA node N
 *   swappiness:N       take swappiness N instead of the snapshot's
 *   workload:FILE      play the workload in FILE (workload.h); memlens
 *                      reads the file when it starts (src/collect/
 *                      workload.c) and hands its text on after a newline
 *   cgroup:PATH        scope the engine to a memory cgroup, as --cgroup
 *                      does (the TUI's lru view asks this for the group
 *                      under the cursor); it wins over --cgroup, and the
 *                      last of cgroup:PATH and node:N wins
 *
 * Must not: do I/O (a workload what-if without its text is refused).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lru_whatif.h"
#include "util.h"

static bool has_prefix(const char *s, const char *prefix, const char **rest)
{
	size_t len = strlen(prefix);

	if (strncmp(s, prefix, len) != 0)
		return false;
	*rest = s + len;
	return true;
}

static int parse_number(const char *s, int64_t max, int64_t *out)
{
	char *end;

	if (parse_int64(s, &end, out) < 0 || *end || *out < 0 || *out > max)
		return -EINVAL;
	return 0;
}

static int bad(const char *expr, const char *what, char **error)
{
	*error = xasprintf(_("--what-if '%s': %s"), expr, _(what));
	return -EINVAL;
}

static int parse_workload_what_if(const char *expr, const char *rest,
                                  struct lru_whatif *w, char **error)
{
	const char *nl = strchr(rest, '\n');
	char *parse_error = NULL;

	if (!nl)
		return bad(expr, N_("the workload file was not read (memlens "
		                    "reads it when it starts)"), error);
	w->name = xstrndup(rest, (size_t)(nl - rest));
	if (parse_workload(nl + 1, &w->workload, &parse_error) < 0) {
		*error = xasprintf(_("--what-if workload:%s: %s"), w->name,
		                   parse_error);
		free(parse_error);
		return -EINVAL;
	}
	return 0;
}

static int parse_kind(const char *expr, struct lru_whatif *w, char **error)
{
	const char *rest;

	if (has_prefix(expr, "need:", &rest)) {
		w->kind = LRU_WHATIF_NEED;
		if (workload_parse_size(rest, &w->bytes) < 0 || w->bytes == 0)
			return bad(expr, N_("need takes a SIZE (400M, 2G)"), error);
		return 0;
	}
	if (has_prefix(expr, "node:", &rest)) {
		w->kind = LRU_WHATIF_NODE;
		if (parse_number(rest, 1 << 20, &w->value) < 0)
			return bad(expr, N_("node takes a node number"), error);
		return 0;
	}
	if (has_prefix(expr, "swappiness:", &rest)) {
		w->kind = LRU_WHATIF_SWAPPINESS;
		if (parse_number(rest, 200, &w->value) < 0)
			return bad(expr, N_("swappiness takes 0 to 200"), error);
		return 0;
	}
	if (has_prefix(expr, "cgroup:", &rest)) {
		w->kind = LRU_WHATIF_CGROUP;
		if (rest[0] != '/' || strchr(rest, '\n'))
			return bad(expr, N_("cgroup takes a path from the "
			                    "hierarchy's root (/system.slice)"),
			           error);
		w->name = xstrdup(rest);
		return 0;
	}
	w->kind = LRU_WHATIF_WORKLOAD;
	return parse_workload_what_if(expr, expr + strlen("workload:"), w,
	                              error);
}

int lru_whatif_parse(const char *expr, void **parsed, char **error)
{
	static const char *const prefixes[] = { "need:", "node:",
	                                        "swappiness:", "workload:",
	                                        "cgroup:" };
	struct lru_whatif *w;
	const char *rest;
	bool ours = false;

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		ours |= has_prefix(expr, prefixes[i], &rest);
	if (!ours)
		return 0;
	w = xcalloc(1, sizeof(*w));
	if (parse_kind(expr, w, error) < 0) {
		lru_whatif_free(w);
		return -EINVAL;
	}
	*parsed = w;
	return 1;
}

void lru_whatif_free(void *parsed)
{
	struct lru_whatif *w = parsed;

	if (!w)
		return;
	lru_cache_free(w->cache);
	workload_clear(&w->workload);
	free(w->name);
	free(w);
}
