/*
 * text_lru.c - the lru view of batch text: the LRU lists from meminfo,
 * the reclaim and workingset counters, swappiness, memory pressure (PSI),
 * and the largest memory cgroups with their limits.
 *
 * Must not: print a cgroup path without escaping it (directory names are
 * anyone's choice), or list every cgroup (the largest LRU_TOP_CGROUPS).
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"
#include "util.h"

/* cgroups listed by the lru view: the largest by usage. */
#define LRU_TOP_CGROUPS 10

static void text_lru_lists(struct text *t)
{
	static const char *const lists[] = {
		"Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)",
		"Unevictable", "Mlocked",
	};
	struct text_table tb = { 0 };

	text_table_col(&tb, _("LIST"), true);
	text_table_col(&tb, "KIB", false);
	for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
		size_t r = text_table_row(&tb);
		struct text_kb size = text_value_meminfo(t->cur, lists[i]);

		text_table_set(&tb, r, 0, xstrdup(lists[i]));
		text_table_set(&tb, r, 1, text_table_int(size.known, size.kb));
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

/* The psi_line_schema columns for "some" and "full". */
static void text_lru_psi(struct text *t)
{
	const struct psi *p = &t->cur->psi;
	const struct psi_line *lines[] = { &p->some, &p->full };
	static const char *const kinds[] = { "some", "full" };
	struct text_table tb = { 0 };

	if (!text_has_section(t->cur, SEC_PSI)) {
		text_put_missing(t, "  ", "psi");
		return;
	}
	text_table_col(&tb, "PSI", true);
	for (size_t i = 0; i < psi_line_schema.nfields; i++)
		text_table_col(&tb, field_title(&psi_line_schema.fields[i]),
		               false);
	for (size_t l = 0; l < ARRAY_SIZE(lines); l++) {
		size_t r = text_table_row(&tb);

		text_table_set(&tb, r, 0, xstrdup(kinds[l]));
		for (size_t i = 0; i < psi_line_schema.nfields; i++)
			text_table_set(&tb, r, i + 1,
			               text_table_entity(t, &psi_line_schema,
			                                 &psi_line_schema.fields[i],
			                                 lines[l], 0));
	}
	/* xgettext:no-c-format */
	text_put(t, "%s\n", _("  memory pressure: % of time stalled, TOTAL in "
	                      "us"));
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static int text_lru_compare_usage(const void *x, const void *y)
{
	const struct cgroup_mem *a = *(const struct cgroup_mem *const *)x;
	const struct cgroup_mem *b = *(const struct cgroup_mem *const *)y;
	const struct field *f = schema_field(&cgroup_mem_schema, "usage_kb");
	int c = schema_compare(&cgroup_mem_schema, f, a, b, true);

	return c ? c : strcmp(a->path ? a->path : "", b->path ? b->path : "");
}

/* The named columns of cgroup_mem_schema, then the path. */
static void text_lru_cgroup_table(struct text *t,
                                  const struct cgroup_mem **groups, size_t n,
                                  const char *const *cols, size_t ncols)
{
	struct text_table tb = { 0 };

	text_table_field_cols(&tb, &cgroup_mem_schema, cols, ncols);
	text_table_col(&tb,
	               field_title(schema_field(&cgroup_mem_schema, "path")),
	               true);
	for (size_t i = 0; i < n; i++) {
		size_t r = text_table_row(&tb), col = 0;

		text_table_field_cells(t, &tb, r, &col, &cgroup_mem_schema, cols,
		                       ncols, groups[i]);
		text_table_set(&tb, r, col, text_value_safe(t, groups[i]->path));
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static void text_lru_cgroups(struct text *t)
{
	static const char *const v2[] = { "usage_kb", "limit_kb", "high_kb",
	                                  "swap_usage_kb", "swap_limit_kb" };
	static const char *const v1[] = { "usage_kb", "limit_kb",
	                                  "memsw_usage_kb", "memsw_limit_kb" };
	const struct cgroups *cg = &t->cur->cgroup;
	const struct cgroup_mem **groups;
	size_t shown;
	char *mount;

	if (!text_put_need_section(t, SEC_CGROUP))
		return;
	groups = xcalloc(cg->count + 1, sizeof(*groups));
	for (size_t i = 0; i < cg->count; i++)
		groups[i] = &cg->groups[i];
	qsort(groups, cg->count, sizeof(*groups), text_lru_compare_usage);
	shown = cg->count < LRU_TOP_CGROUPS ? cg->count : LRU_TOP_CGROUPS;
	mount = text_value_safe(t, cg->mount);
	text_put(t, _("  memory cgroups (v%" PRId64 " at %s): %zu, the %zu "
	              "largest by usage; KiB, \"max\" = no limit\n"),
	         cg->version, mount, cg->count, shown);
	free(mount);
	if (cg->version == 1)
		text_lru_cgroup_table(t, groups, shown, v1, ARRAY_SIZE(v1));
	else
		text_lru_cgroup_table(t, groups, shown, v2, ARRAY_SIZE(v2));
	free(groups);
}

void text_lru_view(struct text *t)
{
	static const char *const reclaim[] = {
		"pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd",
		"pgsteal_direct", "pgrefill", "pgactivate", "pgdeactivate",
		"workingset_refault_anon",
		"workingset_refault_file", "workingset_refault",
		"workingset_activate_anon", "workingset_activate_file",
		"workingset_restore_anon", "workingset_restore_file", "pswpin",
		"pswpout", "zswpin", "zswpout",
	};
	static const char *const sysctls[] = { "swappiness",
	                                       "vfs_cache_pressure" };

	if (text_put_need_section(t, SEC_MEMINFO))
		text_lru_lists(t);
	if (text_put_need_section(t, SEC_VMSTAT)) {
		text_put(t, "%s\n", _("  reclaim, pages"));
		text_table_counters(t, reclaim, ARRAY_SIZE(reclaim), NULL);
	}
	if (text_put_need_section(t, SEC_SYSCTL))
		text_put_sysctls(t, sysctls, ARRAY_SIZE(sysctls));
	text_lru_psi(t);
	text_lru_cgroups(t);
}
