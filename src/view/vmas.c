/*
 * vmas.c - the vmas view (key 2, or Enter on a process): one process's
 * mappings from smaps and numa_maps, like pmap -X: range, permissions,
 * sizes (RSS, PSS, dirty, swap, THP, locked), THP eligibility, pages per
 * NUMA node, VmFlags and path; sortable, with a total line, and f folds
 * consecutive mappings of one file into one row.  Esc goes back.  Its
 * engine is lru (the ages of its pages).
 *
 * The node columns follow the nodes of the snapshot (or of the mappings),
 * so the columns are rebuilt when those change; sort, filter and hidden
 * columns are kept by name.
 *
 * Must not: read files (the collector reads smaps for the pid the UI sets).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "view_ops.h"

#define VMAS_MAX_NODES 16

struct vmas_state {
	struct ui_table table;
	bool fold;
	int64_t nodes[VMAS_MAX_NODES];
	size_t nnodes;
	char node_titles[VMAS_MAX_NODES][16]; /* "N0", the columns' titles */
	char node_names[VMAS_MAX_NODES][24];  /* "node0_kb" */
	bool built;
	int col_address, col_perm, col_dirty, col_node0;
	int field_col[VIEW_MAX_FIELDS]; /* vma_schema field -> column, -1 */
	/* The fields with a column, FT_INT and FT_STRING, listed once per
	 * build: a row of 100,000 need not look at the others, or by name. */
	const struct field *int_fields[VIEW_MAX_FIELDS];
	const struct field *text_fields[VIEW_MAX_FIELDS];
	size_t nint_fields, ntext_fields;
	const struct field *path_field, *perms_field;
	char *ranges; /* the rows' ADDRESS texts, one block per update */
	size_t ranges_used, ranges_cap;
	char *empty;
	size_t nmappings;
	int64_t pid;
	char *comm;
};

/* Shown, in this order; DIRTY and the node columns are made here. */
static const char *const vmas_shown[] = {
	"size_kb", "rss_kb", "pss_kb", "DIRTY", "swap_kb", "anon_huge_kb",
	"thp_eligible", "locked_kb", "NODES", "vm_flags", "path",
};

/* Fields past VIEW_MAX_FIELDS get no column. */
static size_t vmas_nfields(void)
{
	return vma_schema.nfields < VIEW_MAX_FIELDS ? vma_schema.nfields
	                                            : VIEW_MAX_FIELDS;
}

static bool vmas_known(const struct vma *v, int bit)
{
	return (v->known & KNOWN(bit)) != 0;
}

static int vmas_add_field(struct vmas_state *st, const char *name, bool hidden)
{
	const struct field *f = schema_field(&vma_schema, name);
	size_t index = f ? (size_t)(f - vma_schema.fields) : VIEW_MAX_FIELDS;
	struct ui_column col;

	if (index >= VIEW_MAX_FIELDS || ui_table_full(&st->table, 1))
		return -1;
	col = (struct ui_column){
		.title = f->title, .name = f->name, .schema = &vma_schema, .field = f,
		.kind = f->type == FT_STRING           ? UI_COL_TEXT
		        : strcmp(f->unit, "KiB") == 0 ? UI_COL_KB
		                                       : UI_COL_INT,
		.width = f->width ? f->width : 0, .left = f->type == FT_STRING,
		.hidden = hidden, .ascending_first = f->type == FT_STRING,
		.filter = strcmp(name, "path") == 0 || strcmp(name, "vm_flags") == 0,
		.sum = strcmp(f->unit, "KiB") == 0 &&
		       strcmp(name, "kernel_page_size_kb") != 0 &&
		       strcmp(name, "mmu_page_size_kb") != 0 &&
		       strcmp(name, "numa_page_size_kb") != 0,
	};
	if (strcmp(name, "vm_flags") == 0)
		col.width = 12;
	col.cut_left = strcmp(name, "path") == 0;
	if (col.kind == UI_COL_KB)
		col.width = UI_KB_WIDTH;
	st->field_col[index] = ui_table_add_col(&st->table, &col);
	return st->field_col[index];
}

static void vmas_add_nodes(struct vmas_state *st)
{
	st->col_node0 = (int)st->table.ncols;
	for (size_t i = 0; i < st->nnodes; i++) {
		snprintf(st->node_titles[i], sizeof(st->node_titles[i]),
		         "N%" PRId64, st->nodes[i]);
		snprintf(st->node_names[i], sizeof(st->node_names[i]),
		         "node%" PRId64 "_kb", st->nodes[i]);
	}
	for (size_t i = 0; i < st->nnodes; i++) {
		if (ui_table_full(&st->table, 1)) {
			st->nnodes = i;
			break;
		}
		struct ui_column col = {
			.title = st->node_titles[i], .name = st->node_names[i],
			.kind = UI_COL_KB, .width = UI_KB_WIDTH, .sum = true,
			/* One node holds everything: RSS says it already. */
			.hidden = st->nnodes < 2,
			.help = N_("KiB of the mapping's resident pages on this NUMA "
			           "node (numa_maps N<node>= pages x kernelpagesize_kB)."),
		};

		ui_table_add_col(&st->table, &col);
	}
}

static void vmas_list_fields(struct vmas_state *st)
{
	st->nint_fields = st->ntext_fields = 0;
	for (size_t i = 0; i < vmas_nfields(); i++) {
		const struct field *f = &vma_schema.fields[i];

		if (st->field_col[i] < 0)
			continue;
		if (f->type == FT_INT)
			st->int_fields[st->nint_fields++] = f;
		else if (f->type == FT_STRING)
			st->text_fields[st->ntext_fields++] = f;
	}
	st->path_field = schema_field(&vma_schema, "path");
	st->perms_field = schema_field(&vma_schema, "perms");
}

static void vmas_add_columns(struct vmas_state *st)
{
	const struct ui_column address = {
		.title = N_("ADDRESS"), .name = "address", .kind = UI_COL_TEXT,
		.width = 25, .left = true, .ascending_first = true,
		.help = N_("The mapping's range, start-end in hex (smaps): end is "
		           "the first address past it."),
	};
	const struct ui_column perm = {
		.title = N_("PERM"), .name = "perms", .kind = UI_COL_TEXT, .width = 4,
		.left = true, .ascending_first = true,
		.schema = &vma_schema, .field = schema_field(&vma_schema, "perms"),
	};
	const struct ui_column dirty = {
		.title = N_("DIRTY"), .name = "dirty_kb", .kind = UI_COL_KB,
		.width = UI_KB_WIDTH,
		.sum = true,
		.help = N_("Dirty resident pages: Shared_Dirty + Private_Dirty "
		           "(smaps), to be written back (files) or swapped "
		           "(anonymous) before they can be reclaimed."),
	};

	for (size_t i = 0; i < VIEW_MAX_FIELDS; i++)
		st->field_col[i] = -1;
	st->col_address = ui_table_add_col(&st->table, &address);
	st->col_perm = ui_table_add_col(&st->table, &perm);
	st->field_col[schema_field(&vma_schema, "perms") - vma_schema.fields] =
		st->col_perm;
	for (size_t i = 0; i < ARRAY_SIZE(vmas_shown); i++) {
		if (strcmp(vmas_shown[i], "DIRTY") == 0)
			st->col_dirty = ui_table_add_col(&st->table, &dirty);
		else if (strcmp(vmas_shown[i], "NODES") == 0)
			vmas_add_nodes(st);
		else
			vmas_add_field(st, vmas_shown[i],
			               strcmp(vmas_shown[i], "size_kb") == 0);
	}
	for (size_t i = 0; i < vmas_nfields(); i++) {
		const struct field *f = &vma_schema.fields[i];

		if (st->field_col[i] < 0 && (f->type == FT_INT || f->type == FT_STRING) &&
		    strcmp(f->name, "start") != 0 && strcmp(f->name, "end") != 0)
			vmas_add_field(st, f->name, true);
	}
	vmas_list_fields(st);
}

/* Sort, filter, cursor and shown columns, by name, across a rebuild. */
struct vmas_saved {
	char sort[64], cursor[64];
	bool descending;
	char filter[UI_FILTER_LEN];
	char shown[UI_TABLE_MAX_COLS][64];
	size_t nshown;
};

static void vmas_save(const struct ui_table *t, struct vmas_saved *s)
{
	memset(s, 0, sizeof(*s));
	if (t->sort_col >= 0)
		snprintf(s->sort, sizeof(s->sort), "%s", t->cols[t->sort_col].name);
	if (t->cursor_col >= 0 && t->cursor_col < (int)t->ncols)
		snprintf(s->cursor, sizeof(s->cursor), "%s",
		         t->cols[t->cursor_col].name);
	s->descending = t->descending;
	snprintf(s->filter, sizeof(s->filter), "%s", t->filter);
	for (size_t c = 0; c < t->ncols; c++)
		if (!t->cols[c].hidden)
			snprintf(s->shown[s->nshown++], sizeof(s->shown[0]), "%s",
			         t->cols[c].name);
}

static void vmas_restore(struct ui_table *t, const struct vmas_saved *s)
{
	int col;

	for (size_t i = 0; i < s->nshown; i++)
		ui_table_show_col(t, ui_table_find_col(t, s->shown[i]));
	if ((col = ui_table_find_col(t, s->sort)) >= 0) {
		t->sort_col = col;
		t->descending = s->descending;
	}
	if ((col = ui_table_find_col(t, s->cursor)) >= 0)
		t->cursor_col = col;
	snprintf(t->filter, sizeof(t->filter), "%s", s->filter);
}

static void vmas_build(struct vmas_state *st)
{
	struct vmas_saved saved;
	bool had = st->built;

	vmas_save(&st->table, &saved);
	ui_table_free(&st->table);
	ui_table_init(&st->table);
	vmas_add_columns(st);
	st->table.show_total = true;
	st->table.sort_col = st->col_address;
	st->table.descending = false;
	st->table.cursor_col = ui_table_find_col(&st->table, "rss_kb");
	if (had)
		vmas_restore(&st->table, &saved);
	st->built = true;
}

/* "N3" -> 3; -1 for another name. */
static int64_t vmas_node_id(const char *name)
{
	char *end;
	long long id;

	if (name[0] != 'N' || name[1] < '0' || name[1] > '9')
		return -1;
	id = strtoll(name + 1, &end, 10);
	return *end ? -1 : id;
}

static void vmas_node_add(int64_t *nodes, size_t *n, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if (nodes[i] == id)
			return;
	if (*n < VMAS_MAX_NODES)
		nodes[(*n)++] = id;
}

static int vmas_compare_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The snapshot's nodes, and any a mapping has pages on. */
static size_t vmas_nodes(const struct snapshot *s, int64_t *nodes)
{
	size_t n = 0;

	if (s->known & KNOWN(SEC_NUMA))
		for (size_t i = 0; i < s->numa.count; i++)
			vmas_node_add(nodes, &n, s->numa.nodes[i].node);
	for (size_t i = 0; i < s->vmas.count; i++) {
		const struct vma *v = &s->vmas.mappings[i];

		for (size_t k = 0; vmas_known(v, VMA_NODE_PAGES) &&
		                   k < v->node_pages.count; k++) {
			int64_t id = vmas_node_id(v->node_pages.items[k].name);

			if (id >= 0)
				vmas_node_add(nodes, &n, id);
		}
	}
	qsort(nodes, n, sizeof(*nodes), vmas_compare_id);
	return n;
}

/* ---- rows ------------------------------------------------------------------- */

/* A number of row r: one mapping's, or the sum over a run of them folded
 * (unknown when one of them is).  Cells not set stay unknown. */
static void vmas_sum_int(struct ui_table *t, size_t r, int col, bool known,
                         int64_t value, bool first)
{
	struct ui_cell *cell;

	if (col < 0)
		return;
	cell = ui_table_cell(t, r, col);
	if (first) {
		cell->known = known;
		cell->v.i = value;
	} else {
		cell->known = cell->known && known;
		cell->v.i += value;
	}
}

/* name: the node's "N3", as numa_maps says it. */
static int64_t vmas_node_kb(const struct vma *v, const char *name, bool *known)
{
	int64_t pages = 0;

	if (!vmas_known(v, VMA_NODE_PAGES)) {
		*known = vmas_known(v, VMA_RSS) && v->rss_kb == 0;
		return 0;
	}
	*known = true;
	if (!kvlist_get(&v->node_pages, name, &pages) || pages == 0)
		return 0;
	*known = vmas_known(v, VMA_NUMA_PAGE_SIZE);
	return pages * v->numa_page_size_kb;
}

static void vmas_sum_add(struct vmas_state *st, size_t r, const struct vma *v,
                         bool first)
{
	struct ui_table *t = &st->table;

	for (size_t i = 0; i < st->nint_fields; i++) {
		const struct field *f = st->int_fields[i];
		int64_t value = 0;

		memcpy(&value, field_ptr(f, v), sizeof(value));
		vmas_sum_int(t, r, st->field_col[f - vma_schema.fields],
		             field_known(&vma_schema, f, v), value, first);
	}
	vmas_sum_int(t, r, st->col_dirty,
	             vmas_known(v, VMA_SHARED_DIRTY) &&
	             vmas_known(v, VMA_PRIVATE_DIRTY),
	             v->shared_dirty_kb + v->private_dirty_kb, first);
	for (size_t n = 0; n < st->nnodes; n++) {
		bool known;
		int64_t kb = vmas_node_kb(v, st->node_titles[n], &known);

		vmas_sum_int(t, r, st->col_node0 + (int)n, known, kb, first);
	}
}

/* The longest range: two 64-bit addresses in hex, '-' and a NUL. */
#define VMAS_RANGE_LEN (2 * 16 + 2)

/* In st->ranges, which vmas_rows() sized for every row. */
static const char *vmas_range(struct vmas_state *st, const struct vma *first,
                              const struct vma *last)
{
	char *range = st->ranges + st->ranges_used, *p;

	if (!vmas_known(first, VMA_START) || !vmas_known(last, VMA_END))
		return NULL;
	p = format_hex(range, (uint64_t)first->start, 12);
	*p++ = '-';
	p = format_hex(p, (uint64_t)last->end, 12);
	*p++ = '\0';
	st->ranges_used = (size_t)(p - st->ranges);
	return range;
}

static void vmas_texts(struct vmas_state *st, size_t r, const struct vma *v,
                       size_t count)
{
	for (size_t i = 0; i < st->ntext_fields; i++) {
		const struct field *f = st->text_fields[i];
		const char *s;

		s = field_known(&vma_schema, f, v) ? *(char *const *)field_ptr(f, v)
		                                   : NULL;
		if (f == st->path_field && s && !*s)
			s = "[ anon ]";
		if (count > 1 && f != st->path_field)
			s = f == st->perms_field
			            ? ui_table_keep(&st->table,
			                            xasprintf("x%zu", count))
			            : "";
		ui_table_set_text(&st->table, r, st->field_col[f - vma_schema.fields],
		                  s);
	}
}

static void vmas_row(struct vmas_state *st, const struct vma *v, size_t count)
{
	size_t r = ui_table_add_row(&st->table, v->start);

	for (size_t i = 0; i < count; i++)
		vmas_sum_add(st, r, &v[i], i == 0);
	ui_table_row(&st->table, r)->entity = v;
	ui_table_set_text(&st->table, r, st->col_address,
	                  vmas_range(st, v, &v[count - 1]));
	vmas_texts(st, r, v, count);
	if (vmas_known(v, VMA_RSS) && v->rss_kb == 0 && count == 1)
		ui_table_row(&st->table, r)->style = UI_DIM;
}

/* Mappings folded with the one before: the same file, next to it. */
static size_t vmas_run(const struct vma *v, size_t left)
{
	size_t n = 1;

	if (!vmas_known(v, VMA_PATH) || v->path[0] != '/')
		return 1;
	while (n < left && vmas_known(&v[n], VMA_PATH) &&
	       strcmp(v[n].path, v->path) == 0)
		n++;
	return n;
}

static void vmas_rows(struct vmas_state *st, const struct vmas *vm)
{
	/* At most a range per mapping; the block is not moved while rows
	 * point into it. */
	xgrow((void **)&st->ranges, &st->ranges_cap,
	      vm->count * VMAS_RANGE_LEN, 1);
	st->ranges_used = 0;
	for (size_t i = 0; i < vm->count;) {
		size_t n = st->fold ? vmas_run(&vm->mappings[i], vm->count - i) : 1;

		vmas_row(st, &vm->mappings[i], n);
		i += n;
	}
}

/* ---- the view --------------------------------------------------------------- */

static void *vmas_init(const struct view_ctx *ctx)
{
	struct vmas_state *st = xcalloc(1, sizeof(*st));

	(void)ctx;
	ui_table_init(&st->table);
	vmas_build(st);
	return st;
}

static void vmas_free(void *state)
{
	struct vmas_state *st = state;

	ui_table_free(&st->table);
	free(st->ranges);
	free(st->empty);
	free(st->comm);
	free(st);
}

static bool vmas_same_nodes(const struct vmas_state *st, const int64_t *nodes,
                            size_t n)
{
	return n == st->nnodes &&
	       memcmp(nodes, st->nodes, n * sizeof(*nodes)) == 0;
}

static const char *vmas_why_empty(const struct view_ctx *ctx,
                                  const struct snapshot *s)
{
	const char *why = views_unavailable(ctx, "vmas");

	if (ctx->vmas_pid <= 0)
		return _("no process chosen: select one in the procs view and "
		         "press Enter");
	if (!(s->known & KNOWN(SEC_VMAS)))
		return why ? why : _("the mappings were not read");
	if (s->vmas.pid != ctx->vmas_pid)
		return ctx->replay ? _("the recording holds the mappings of "
		                       "another process only")
		                   : _("reading the mappings...");
	return NULL;
}

static void vmas_update(void *state, const struct view_ctx *ctx)
{
	struct vmas_state *st = state;
	const struct snapshot *s = ctx->cur;
	int64_t nodes[VMAS_MAX_NODES];
	size_t n = vmas_nodes(s, nodes);
	const char *why = vmas_why_empty(ctx, s);
	const struct proc *p = snapshot_find_proc(s, ctx->vmas_pid);

	if (!vmas_same_nodes(st, nodes, n)) {
		memcpy(st->nodes, nodes, n * sizeof(*nodes));
		st->nnodes = n;
		vmas_build(st);
	}
	ui_table_clear_rows(&st->table);
	free(st->empty);
	st->empty = why ? xstrdup(why) : NULL;
	st->table.empty_text = st->empty;
	st->nmappings = why ? 0 : s->vmas.count;
	if (st->pid != ctx->vmas_pid) {
		st->pid = ctx->vmas_pid;
		st->table.have_selected = false;
		st->table.selected = 0;
	}
	free(st->comm);
	st->comm = p && (p->known & KNOWN(PROC_COMM)) && p->comm ? xstrdup(p->comm)
	                                                         : NULL;
	if (!why)
		vmas_rows(st, &s->vmas);
	ui_table_finish(&st->table);
}

static int vmas_summary(void *state, const struct view_ctx *ctx,
                        struct ui_line *lines, int max)
{
	struct vmas_state *st = state;
	const char *numa = views_unavailable(ctx, "vmas.numa_maps");

	if (max < 1)
		return 0;
	ui_line_add(&lines[0], UI_LABEL, "%s ", _("pid"));
	if (st->pid > 0)
		ui_line_add(&lines[0], UI_VALUE, "%" PRId64, st->pid);
	else
		ui_line_add(&lines[0], UI_DIM, "%s", _("none"));
	if (st->comm) {
		ui_line_add(&lines[0], UI_NORMAL, " (");
		ui_line_add_safe(&lines[0], UI_VALUE, st->comm);
		ui_line_add(&lines[0], UI_NORMAL, ")");
	}
	ui_line_add(&lines[0], UI_NORMAL, _(": %zu mappings, %zu rows"),
	            st->nmappings, st->table.nshown);
	if (st->fold)
		ui_line_add(&lines[0], UI_NORMAL, ", %s", _("files folded"));
	if (st->table.filter[0]) {
		ui_line_add(&lines[0], UI_NORMAL, ", %s ", _("filter"));
		ui_line_add_safe(&lines[0], UI_WARN, st->table.filter);
	}
	ui_line_add(&lines[0], UI_DIM, "  %s", _("(Esc: back, f: fold)"));
	if (numa && max > 1 && st->nmappings) {
		ui_line_add(&lines[1], UI_DIM, "%s ", _("numa_maps:"));
		ui_line_add_safe(&lines[1], UI_DIM, numa);
		return 2;
	}
	return 1;
}

static struct ui_table *vmas_table(void *state)
{
	return &((struct vmas_state *)state)->table;
}

static bool vmas_key(void *state, struct view_ctx *ctx, int key)
{
	struct vmas_state *st = state;

	switch (key) {
	case 'f':
		st->fold = !st->fold;
		vmas_update(st, ctx);
		return true;
	case 27: case KEY_BACKSPACE: case 127:
		ctx->request = VIEW_REQ_BACK;
		return true;
	default:
		return false;
	}
}

static void vmas_explain(void *state, const struct view_ctx *ctx,
                         struct ui_explain *ex)
{
	struct vmas_state *st = state;
	const struct ui_row *row = ui_table_selected(&st->table);
	const struct vma *v = row ? row->entity : NULL;

	views_explain_column(&st->table, ctx, ex);
	if (v && vmas_known(v, VMA_VM_FLAGS))
		ui_explain_add(ex, UI_EX_NOTE, _("VmFlags: %s; policy %s"),
		               v->vm_flags,
		               vmas_known(v, VMA_MEMPOLICY) ? v->mempolicy : "n/a");
	ui_explain_add(ex, UI_EX_NOTE, "%s",
	               _("From /proc/PID/smaps and /proc/PID/numa_maps of this "
	                 "process only: each read walks its page tables, so "
	                 "they are read while this view is open."));
	views_explain_engine(&vmas_view, ctx, ex);
}

static void vmas_status(void *state, struct ui_line *line)
{
	struct vmas_state *st = state;

	if (st->fold)
		ui_line_add(line, UI_STATUS, " %s ", _("folded"));
}

static const char *const vmas_help[] = {
	N_("f\tfold consecutive mappings of one file into one row"),
	N_("Esc\tback to the view before"),
	NULL,
};

const struct view_ops vmas_view = {
	.id = VIEW_VMAS,
	.engine = SIM_LRU,
	.init = vmas_init,
	.free = vmas_free,
	.update = vmas_update,
	.summary = vmas_summary,
	.table = vmas_table,
	.key = vmas_key,
	.explain = vmas_explain,
	.status = vmas_status,
	.help = vmas_help,
};
