/*
 * text_vmas.c - the vmas view of batch text: one process's mappings like
 * pmap -X, in address order: the range in hex, permissions, sizes (KiB),
 * the pages on each NUMA node (KiB, from numa_maps), VmFlags and what is
 * mapped; then a total line over every mapping.  A total is n/a when one
 * mapping's value is: a sum of what was read would pass for the whole.
 *
 * Must not: read files, or print a string from the kernel (path, flags,
 * policy, comm) without escaping it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"
#include "util.h"

/* The size columns: a field, or the sum of two (DIRTY). */
static const struct text_vmas_size {
	const char *title;
	const char *fields[2];
} text_vmas_sizes[] = {
	{ N_("SIZE"), { "size_kb", NULL } },
	{ N_("RSS"), { "rss_kb", NULL } },
	{ N_("PSS"), { "pss_kb", NULL } },
	{ N_("DIRTY"), { "shared_dirty_kb", "private_dirty_kb" } },
	{ N_("SWAP"), { "swap_kb", NULL } },
	{ N_("THP"), { "anon_huge_kb", NULL } },
	{ N_("LOCKED"), { "locked_kb", NULL } },
};

#define TEXT_VMAS_NSIZES ARRAY_SIZE(text_vmas_sizes)
/* ADDRESS, PERM, the sizes, FLAGS and PATH; the nodes take the rest. */
#define TEXT_VMAS_FIXED_COLS (TEXT_VMAS_NSIZES + 4)
#define TEXT_VMAS_MAX_NODES (TEXT_TABLE_MAX_COLS - TEXT_VMAS_FIXED_COLS)

struct text_vmas {
	const struct vmas *vmas;
	/* text_vmas_sizes' fields, looked up once rather than per mapping */
	const struct field *size_fields[TEXT_VMAS_NSIZES][2];
	int64_t nodes[TEXT_VMAS_MAX_NODES]; /* node ids with pages, ascending */
	char node_names[TEXT_VMAS_MAX_NODES][24]; /* "N3", as numa_maps says */
	size_t nnodes;
	bool nodes_left_out; /* more than the table has columns for */
	bool any_numa;         /* numa_maps was merged into some mapping */
	struct text_kb totals[TEXT_TABLE_MAX_COLS];
};

static bool text_vmas_known(const struct vma *v, int bit)
{
	return (v->known & KNOWN(bit)) != 0;
}

/* ---- values ------------------------------------------------------------ */

/* sum + kb, unknown when it would not fit (a replayed file may hold
 * anything). */
static struct text_kb text_vmas_add(struct text_kb sum, int64_t kb)
{
	if (!sum.known || (kb > 0 && sum.kb > INT64_MAX - kb) ||
	    (kb < 0 && sum.kb < INT64_MIN - kb))
		return (struct text_kb){ 0, false };
	return (struct text_kb){ sum.kb + kb, true };
}

static int64_t text_vmas_int(const struct field *f, const struct vma *v)
{
	int64_t value;

	memcpy(&value, field_ptr(f, v), sizeof(value));
	return value;
}

static void text_vmas_find_fields(struct text_vmas *tv)
{
	for (size_t i = 0; i < TEXT_VMAS_NSIZES; i++)
		for (size_t k = 0; k < 2 && text_vmas_sizes[i].fields[k]; k++)
			tv->size_fields[i][k] =
				schema_field(&vma_schema, text_vmas_sizes[i].fields[k]);
}

/* Size column col of v. */
static struct text_kb text_vmas_size(const struct text_vmas *tv, size_t col,
                                     const struct vma *v)
{
	struct text_kb size = { 0, true };

	for (size_t i = 0; i < 2 && text_vmas_sizes[col].fields[i]; i++) {
		const struct field *f = tv->size_fields[col][i];

		if (!f || !field_known(&vma_schema, f, v))
			return (struct text_kb){ 0, false };
		size = text_vmas_add(size, text_vmas_int(f, v));
	}
	return size;
}

/* "N3" -> 3; -1 for another name. */
static int64_t text_vmas_node_id(const char *name)
{
	char *end;
	long long id;

	if (name[0] != 'N' || name[1] < '0' || name[1] > '9')
		return -1;
	id = strtoll(name + 1, &end, 10);
	return *end ? -1 : id;
}

/* KiB on a node (name "N3"): pages times the page size numa_maps counts
 * in. */
static struct text_kb text_vmas_node_kb(const struct vma *v, const char *name)
{
	int64_t pages = 0, page_kb = v->numa_page_size_kb;

	if (!text_vmas_known(v, VMA_NODE_PAGES)) {
		/* Nothing resident is nothing on any node ([vsyscall] is in
		 * smaps but not in numa_maps: it is no mapping of the mm). */
		bool empty = text_vmas_known(v, VMA_RSS) && v->rss_kb == 0;

		return (struct text_kb){ 0, empty };
	}
	if (!kvlist_get(&v->node_pages, name, &pages) || pages == 0)
		return (struct text_kb){ 0, true };
	if (!text_vmas_known(v, VMA_NUMA_PAGE_SIZE))
		return (struct text_kb){ 0, false };
	if (pages < 0 || page_kb < 0 || (page_kb > 0 && pages > INT64_MAX / page_kb))
		return (struct text_kb){ 0, false };
	return (struct text_kb){ pages * page_kb, true };
}

/* ---- the node columns ------------------------------------------------- */

static int text_vmas_compare_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static bool text_vmas_has_node(const struct text_vmas *tv, int64_t id)
{
	for (size_t i = 0; i < tv->nnodes; i++)
		if (tv->nodes[i] == id)
			return true;
	return false;
}

/* Every node any mapping has pages on, lowest id first. */
static void text_vmas_find_nodes(struct text_vmas *tv)
{
	for (size_t i = 0; i < tv->vmas->count; i++) {
		const struct vma *v = &tv->vmas->mappings[i];

		if (!text_vmas_known(v, VMA_NODE_PAGES))
			continue;
		tv->any_numa = true;
		for (size_t k = 0; k < v->node_pages.count; k++) {
			int64_t id = text_vmas_node_id(v->node_pages.items[k].name);

			if (id < 0 || text_vmas_has_node(tv, id))
				continue;
			if (tv->nnodes == TEXT_VMAS_MAX_NODES)
				tv->nodes_left_out = true;
			else
				tv->nodes[tv->nnodes++] = id;
		}
	}
	qsort(tv->nodes, tv->nnodes, sizeof(*tv->nodes), text_vmas_compare_id);
	for (size_t i = 0; i < tv->nnodes; i++)
		snprintf(tv->node_names[i], sizeof(tv->node_names[i]),
		         "N%" PRId64, tv->nodes[i]);
}

/* ---- the table ---------------------------------------------------------- */

static void text_vmas_columns(struct text_table *tb, const struct text_vmas *tv)
{
	text_table_col(tb, _("ADDRESS"), true);
	text_table_col(tb, _("PERM"), true);
	for (size_t i = 0; i < TEXT_VMAS_NSIZES; i++)
		text_table_col(tb, _(text_vmas_sizes[i].title), false);
	for (size_t i = 0; i < tv->nnodes; i++)
		text_table_col(tb, tv->node_names[i], false);
	text_table_col(tb, _("FLAGS"), true);
	text_table_col(tb, _("PATH"), true);
}

static void text_vmas_range(struct text_table *tb, size_t r,
                            const struct vma *v)
{
	char range[2 * 16 + 2], *p;

	if (!text_vmas_known(v, VMA_START) || !text_vmas_known(v, VMA_END)) {
		text_table_set_str(tb, r, 0, "n/a");
		return;
	}
	p = format_hex(range, (uint64_t)v->start, 8);
	*p++ = '-';
	*format_hex(p, (uint64_t)v->end, 8) = '\0';
	text_table_set_str(tb, r, 0, range);
}

/* pmap's name for an anonymous mapping; the kernel's own names are in
 * brackets without blanks ([heap], [anon:name]). */
static void text_vmas_path(const struct text *t, struct text_table *tb,
                           size_t r, size_t c, const struct vma *v)
{
	if (text_vmas_known(v, VMA_PATH) && !v->path[0])
		text_table_set_str(tb, r, c, "[ anon ]");
	else
		text_table_set_safe(t, tb, r, c,
		                    text_vmas_known(v, VMA_PATH) ? v->path : NULL);
}

/* Sets a cell of a shown row; a row left out only counts in the totals. */
static void text_vmas_kb_cell(struct text_table *tb, size_t r, size_t c,
                              struct text_kb value, struct text_kb *total,
                              bool shown)
{
	*total = value.known ? text_vmas_add(*total, value.kb)
	                     : (struct text_kb){ 0, false };
	if (shown)
		text_table_set_int(tb, r, c, value.known, value.kb);
}

static void text_vmas_row(const struct text *t, struct text_vmas *tv,
                          struct text_table *tb, const struct vma *v,
                          bool shown)
{
	size_t r = shown ? text_table_row(tb) : 0, c = 2;
	struct text_kb *total = tv->totals;

	for (size_t i = 0; i < TEXT_VMAS_NSIZES; i++, c++)
		text_vmas_kb_cell(tb, r, c, text_vmas_size(tv, i, v), &total[c],
		                  shown);
	for (size_t i = 0; i < tv->nnodes; i++, c++)
		text_vmas_kb_cell(tb, r, c,
		                  text_vmas_node_kb(v, tv->node_names[i]),
		                  &total[c], shown);
	if (!shown)
		return;
	text_vmas_range(tb, r, v);
	text_table_set_safe(t, tb, r, 1,
	                    text_vmas_known(v, VMA_PERMS) ? v->perms : NULL);
	text_table_set_safe(t, tb, r, c++,
	                    text_vmas_known(v, VMA_VM_FLAGS) ? v->vm_flags
	                                                     : NULL);
	text_vmas_path(t, tb, r, c, v);
}

static void text_vmas_total_row(struct text_vmas *tv, struct text_table *tb)
{
	size_t r = text_table_row(tb);

	text_table_set_str(tb, r, 0, _("total"));
	for (size_t c = 2; c < 2 + TEXT_VMAS_NSIZES + tv->nnodes; c++)
		text_table_set_int(tb, r, c, tv->totals[c].known, tv->totals[c].kb);
}

/* The mappings up to max_rows, the total over all; returns how many were
 * left out. */
static size_t text_vmas_table(struct text *t, struct text_vmas *tv)
{
	struct text_table tb = { 0 };
	size_t n = tv->vmas->count, cut = 0;
	size_t limit = t->opts->max_rows > 0 ? (size_t)t->opts->max_rows : n;

	for (size_t c = 0; c < TEXT_TABLE_MAX_COLS; c++)
		tv->totals[c] = (struct text_kb){ 0, true };
	text_vmas_columns(&tb, tv);
	for (size_t i = 0; i < n; i++) {
		bool shown = i < limit;

		cut += !shown;
		text_vmas_row(t, tv, &tb, &tv->vmas->mappings[i], shown);
	}
	text_vmas_total_row(tv, &tb);
	text_table_print(t, &tb);
	text_table_free(&tb);
	return cut;
}

/* ---- the view ---------------------------------------------------------- */

static void text_vmas_heading(struct text *t, const struct text_vmas *tv)
{
	const struct proc *p = snapshot_find_proc(t->cur, tv->vmas->pid);
	char *comm = p && (p->known & KNOWN(PROC_COMM))
	                     ? text_value_safe(t, p->comm)
	                     : NULL;

	if (comm)
		text_put(t, _("  pid %" PRId64 " (%s): %zu mappings in address "
		              "order; sizes in KiB\n"),
		         tv->vmas->pid, comm, tv->vmas->count);
	else
		text_put(t, _("  pid %" PRId64 ": %zu mappings in address order; "
		              "sizes in KiB\n"),
		         tv->vmas->pid, tv->vmas->count);
	free(comm);
	if (tv->any_numa)
		text_put(t, "  %s\n", _("N<node>: resident KiB on each NUMA node "
		                        "(numa_maps)"));
	else
		text_put_missing(t, "  ", "vmas.numa_maps");
}

void text_vmas_view(struct text *t)
{
	struct text_vmas tv = { .vmas = &t->cur->vmas };
	size_t cut;

	if (!text_put_need_section(t, SEC_VMAS))
		return;
	text_vmas_find_fields(&tv);
	text_vmas_find_nodes(&tv);
	text_vmas_heading(t, &tv);
	cut = text_vmas_table(t, &tv);
	if (cut)
		text_put(t, _("  (%zu more mappings not shown; the total counts "
		              "them)\n"),
		         cut);
	if (tv.nodes_left_out)
		text_put(t, "  %s\n", _("(more NUMA nodes than columns; see -o json)"));
}
