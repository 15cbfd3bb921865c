/*
 * oom_whatif.c - the oom engine's what-ifs, run in the model only (memlens
 * never writes /proc):
 *
 *   adj:PID=VALUE      oom_score_adj of PID (-1000..1000), as a write to
 *                      /proc/PID/oom_score_adj would set it
 *   grow:PID=SIZE      PID maps and touches SIZE more anonymous memory
 *   kill:PID           PID is gone (with the processes sharing its mm):
 *                      who is next
 *   commit:SIZE[@PID]  would committing SIZE (mmap, brk) succeed now under
 *                      each overcommit mode; @PID counts that process's
 *                      size against user_reserve_kbytes
 *   cpuset:NODES       an OOM of a task whose cpuset allows NODES
 *   mempolicy:NODES    an OOM of an allocation bound to NODES
 *
 * SIZE is bytes with an optional K, M, G or T suffix (powers of 1024).
 *
 * Must not: accept what it cannot run; it says why instead.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "oom_internal.h"
#include "util.h"

static const struct {
	const char *prefix;
	enum oom_whatif_kind kind;
} kinds[] = {
	{ "adj:", OWI_ADJ },       { "grow:", OWI_GROW },
	{ "kill:", OWI_KILL },     { "commit:", OWI_COMMIT },
	{ "cpuset:", OWI_CPUSET }, { "mempolicy:", OWI_MEMPOLICY },
};

static int parse_pid(const char *s, const char **end, int64_t *pid)
{
	char *e;
	long long v = strtoll(s, &e, 10);

	if (e == s || v <= 0 || v > INT32_MAX)
		return -EINVAL;
	*pid = v;
	*end = e;
	return 0;
}

/* SIZE: bytes, K, M, G or T (optionally followed by B or iB). */
static int parse_size(const char *s, const char **end, int64_t *bytes)
{
	static const char units[] = "KMGT";
	char *e;
	unsigned long long v = strtoull(s, &e, 10);
	const char *u;
	int shift = 0;

	if (e == s || *s == '-')
		return -EINVAL;
	if (*e && (u = strchr(units, *e)) != NULL) {
		shift = 10 * (int)(u - units + 1);
		e++;
		if (e[0] == 'i' && e[1] == 'B')
			e += 2;
		else if (e[0] == 'B')
			e++;
	}
	if (shift && v > (UINT64_MAX >> 2) >> shift)
		return -ERANGE;
	v <<= shift;
	if (v > (unsigned long long)INT64_MAX / 2)
		return -ERANGE;
	*bytes = (int64_t)v;
	*end = e;
	return 0;
}

static int parse_body(struct oom_whatif *w, const char *body)
{
	const char *p = body;
	char *e;
	long long adj;

	switch (w->kind) {
	case OWI_ADJ:
		if (parse_pid(p, &p, &w->pid) < 0 || *p++ != '=')
			return -EINVAL;
		adj = strtoll(p, &e, 10);
		if (e == p || *e || adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
			return -EINVAL;
		w->value = adj;
		return 0;
	case OWI_GROW:
		if (parse_pid(p, &p, &w->pid) < 0 || *p++ != '=' ||
		    parse_size(p, &p, &w->value) < 0)
			return -EINVAL;
		return *p ? -EINVAL : 0;
	case OWI_KILL:
		return parse_pid(p, &p, &w->pid) < 0 || *p ? -EINVAL : 0;
	case OWI_COMMIT:
		if (parse_size(p, &p, &w->value) < 0)
			return -EINVAL;
		if (*p == '@' && parse_pid(p + 1, &p, &w->pid) < 0)
			return -EINVAL;
		return *p ? -EINVAL : 0;
	default:
		return oom_nodes_parse(p, &w->nodes);
	}
}

static const char *usage_of(enum oom_whatif_kind kind)
{
	switch (kind) {
	case OWI_ADJ: return "adj:PID=VALUE (VALUE -1000..1000)";
	case OWI_GROW: return "grow:PID=SIZE";
	case OWI_KILL: return "kill:PID";
	case OWI_COMMIT: return "commit:SIZE[@PID]";
	case OWI_CPUSET: return "cpuset:NODES";
	default: return "mempolicy:NODES";
	}
}

int oom_whatif_parse(const char *expr, void **parsed, char **error)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		size_t n = strlen(kinds[i].prefix);
		struct oom_whatif *w;

		if (strncmp(expr, kinds[i].prefix, n) != 0)
			continue;
		w = xcalloc(1, sizeof(*w));
		w->kind = kinds[i].kind;
		w->text = xstrdup(expr);
		if (parse_body(w, expr + n) < 0) {
			*error = xasprintf(_("--what-if '%s': expected %s (SIZE in "
			                     "bytes, or with K, M, G or T; NODES like "
			                     "0-1,3)"), expr, usage_of(w->kind));
			oom_whatif_free(w);
			return -EINVAL;
		}
		*parsed = w;
		return 1;
	}
	return 0;
}

void oom_whatif_free(void *parsed)
{
	struct oom_whatif *w = parsed;

	if (!w)
		return;
	free(w->text);
	free(w);
}
