/*
 * proctable.c - process tables (see proctable.h): columns from the field
 * table, rows from the snapshot, the first sort chosen the way batch text
 * chooses it, so the TUI and `memlens -b` agree.
 *
 * Must not: read files, or print a kernel string (the table escapes).
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "proctable.h"
#include "util.h"

/* smaps_time is a time stamp: the table shows how old it is instead. */
static bool proctable_is_stamp(const struct field *f)
{
	return strcmp(f->name, "smaps_time") == 0;
}

/* Fields a table cell can show: numbers and strings. */
static bool proctable_shows(const struct field *f)
{
	return f->type == FT_INT || f->type == FT_DOUBLE || f->type == FT_RATE ||
	       f->type == FT_STRING;
}

/* Fields past VIEW_MAX_FIELDS get no column. */
static size_t proctable_nfields(void)
{
	return proc_schema.nfields < VIEW_MAX_FIELDS ? proc_schema.nfields
	                                             : VIEW_MAX_FIELDS;
}

static enum ui_col_kind proctable_kind(const struct field *f)
{
	switch (f->type) {
	case FT_RATE: return UI_COL_RATE;
	case FT_STRING: return UI_COL_TEXT;
	case FT_DOUBLE: return proctable_is_stamp(f) ? UI_COL_INT : UI_COL_DOUBLE;
	default: return strcmp(f->unit, "KiB") == 0 ? UI_COL_KB : UI_COL_INT;
	}
}

static void proctable_add_field(struct proctable *pt, size_t index,
                                bool hidden)
{
	const struct field *f = &proc_schema.fields[index];
	struct ui_column col = {
		.title = f->title, .name = f->name, .schema = &proc_schema,
		.field = f, .kind = proctable_kind(f), .width = f->width,
		.left = (f->flags & FF_LEFT) != 0, .hidden = hidden,
		.ascending_first = f->type == FT_STRING ||
		                   strcmp(f->name, "pid") == 0 ||
		                   strcmp(f->name, "ppid") == 0,
		.filter = strcmp(f->name, "comm") == 0 ||
		          strcmp(f->name, "user") == 0,
		.no_sort = (f->flags & FF_NO_SORT) != 0 || f->type == FT_KVLIST,
	};

	if (strcmp(f->name, "comm") == 0)
		col.tree = true;
	if (col.kind == UI_COL_KB)
		col.width = UI_KB_WIDTH;
	pt->field_col[index] = ui_table_add_col(&pt->table, &col);
}

void proctable_init(struct proctable *pt, const char *const *shown,
                    size_t nshown)
{
	memset(pt, 0, sizeof(*pt));
	ui_table_init(&pt->table);
	for (size_t i = 0; i < VIEW_MAX_FIELDS; i++)
		pt->field_col[i] = -1;
	for (size_t s = 0; shown && s < nshown; s++)
		for (size_t i = 0; i < proctable_nfields(); i++)
			if (strcmp(proc_schema.fields[i].name, shown[s]) == 0)
				proctable_add_field(pt, i, false);
	/* The rest hidden, leaving room for a view's own columns. */
	for (size_t i = 0; i < proctable_nfields(); i++) {
		const struct field *f = &proc_schema.fields[i];

		if (pt->field_col[i] >= 0 || !proctable_shows(f) ||
		    ui_table_full(&pt->table, 4))
			continue;
		proctable_add_field(pt, i, shown || !(f->flags & FF_DEFAULT));
	}
}

void proctable_free(struct proctable *pt)
{
	ui_table_free(&pt->table);
	free(pt->empty);
}

int proctable_col(const struct proctable *pt, const char *field)
{
	return ui_table_find_col(&pt->table, field);
}

static void proctable_cell(struct proctable *pt, size_t row, size_t index,
                           const struct proc *p, const struct proc *prev,
                           const struct view_ctx *ctx)
{
	const struct field *f = &proc_schema.fields[index];
	int col = pt->field_col[index];
	bool known = field_known(&proc_schema, f, p);
	double rate;
	int64_t value;

	switch (f->type) {
	case FT_RATE:
		known = field_rate(&proc_schema, f, p, prev, ctx->interval, &rate);
		ui_table_set_double(&pt->table, row, col, known, rate);
		break;
	case FT_STRING:
		ui_table_set_text(&pt->table, row, col,
		                  known ? *(char *const *)field_ptr(f, p) : NULL);
		break;
	case FT_DOUBLE:
		memcpy(&rate, field_ptr(f, p), sizeof(rate));
		if (proctable_is_stamp(f)) /* how many seconds old PSS is */
			ui_table_set_int(&pt->table, row, col, known,
			                 (int64_t)fmax(0, ctx->cur->time - rate));
		else
			ui_table_set_double(&pt->table, row, col, known, rate);
		break;
	default:
		memcpy(&value, field_ptr(f, p), sizeof(value));
		ui_table_set_int(&pt->table, row, col, known, value);
		break;
	}
}

static bool proctable_wanted(const struct view_ctx *ctx, const struct proc *p)
{
	if (!ctx->user)
		return true;
	return (p->known & KNOWN(PROC_USER)) && p->user &&
	       strcmp(p->user, ctx->user) == 0;
}

size_t proctable_add(struct proctable *pt, const struct proc *p,
                     const struct view_ctx *ctx)
{
	const struct snapshot *prev = ctx->prev;
	const struct proc *before = NULL;
	size_t row;
	struct ui_row *r;

	if (!proctable_wanted(ctx, p))
		return PROCTABLE_NO_ROW;
	row = ui_table_add_row(&pt->table, p->pid);
	r = ui_table_row(&pt->table, row);
	if (prev && prev->processes)
		before = proc_schema.find_prev(prev->processes, prev->nprocesses, p);
	r->entity = p;
	r->parent = (p->known & KNOWN(PROC_PPID)) ? p->ppid : -1;
	r->match = (p->known & KNOWN(PROC_CMDLINE)) ? p->cmdline : NULL;
	if ((p->known & KNOWN(PROC_STATE)) && p->state && p->state[0] == 'Z')
		r->style = UI_DIM;
	for (size_t i = 0; i < proctable_nfields(); i++)
		if (pt->field_col[i] >= 0)
			proctable_cell(pt, row, i, p, before, ctx);
	if (pt->extra)
		pt->extra(pt, row, p, before, ctx);
	return row;
}

static bool proctable_any_known(const struct proctable *pt, int col)
{
	for (size_t r = 0; r < pt->table.nrows; r++)
		if (pt->table.cells[r * pt->table.ncols + (size_t)col].known)
			return true;
	return false;
}

/* The first sort: -s, else the view's default, else RSS (as batch). */
static void proctable_first_sort(struct proctable *pt,
                                 const struct view_ctx *ctx,
                                 const char *default_sort)
{
	int col = ctx->sort_field ? proctable_col(pt, ctx->sort_field) : -1;
	bool descending = !ctx->sort_ascending;

	if (col < 0) {
		col = proctable_col(pt, default_sort);
		descending = true;
		if (col >= 0 && !proctable_any_known(pt, col) &&
		    strcmp(default_sort, "pss_kb") == 0)
			col = proctable_col(pt, "rss_kb");
	}
	if (col < 0)
		return;
	ui_table_show_col(&pt->table, col);
	pt->table.sort_col = col;
	pt->table.descending = descending;
	pt->table.cursor_col = col;
	pt->sorted_once = true;
}

void proctable_begin(struct proctable *pt, const struct view_ctx *ctx)
{
	const struct snapshot *s = ctx->cur;
	const char *why = views_unavailable(ctx, "processes");

	ui_table_clear_rows(&pt->table);
	free(pt->empty);
	pt->empty = why && !(s->known & KNOWN(SEC_PROCESSES))
	                    ? xasprintf(_("processes unavailable: %s"), why)
	                    : NULL;
	pt->table.empty_text = pt->empty;
	pt->total = s ? s->nprocesses : 0;
}

void proctable_end(struct proctable *pt, const struct view_ctx *ctx,
                   const char *default_sort)
{
	if (!pt->sorted_once && pt->table.nrows)
		proctable_first_sort(pt, ctx, default_sort);
	ui_table_finish(&pt->table);
}

void proctable_fill(struct proctable *pt, const struct view_ctx *ctx,
                    const char *default_sort)
{
	const struct snapshot *s = ctx->cur;

	proctable_begin(pt, ctx);
	for (size_t i = 0; s && i < s->nprocesses; i++)
		proctable_add(pt, &s->processes[i], ctx);
	proctable_end(pt, ctx, default_sort);
}

const struct proc *proctable_selected(const struct proctable *pt)
{
	const struct ui_row *r = ui_table_selected(&pt->table);

	return r ? r->entity : NULL;
}

bool proctable_key_open(const struct proctable *pt, struct view_ctx *ctx,
                        int key)
{
	const struct proc *p;

	if (key != '\n' && key != '\r' && key != KEY_ENTER)
		return false;
	p = proctable_selected(pt);
	if (p) {
		ctx->request = VIEW_REQ_OPEN_VMAS;
		ctx->request_pid = p->pid;
	}
	return true;
}

void proctable_summary(const struct proctable *pt, const struct view_ctx *ctx,
                       struct ui_line *line)
{
	ui_line_add(line, UI_VALUE, "%zu", pt->table.nshown);
	ui_line_add(line, UI_NORMAL, _(" of %zu processes"), pt->total);
	if (ctx->user) {
		ui_line_add(line, UI_NORMAL, ", %s ", _("user"));
		ui_line_add_safe(line, UI_WARN, ctx->user);
	}
	if (pt->table.filter[0]) {
		ui_line_add(line, UI_NORMAL, ", %s ", _("filter"));
		ui_line_add_safe(line, UI_WARN, pt->table.filter);
	}
	if (pt->table.sort_col >= 0)
		ui_line_add(line, UI_NORMAL, _(", by %s %s"),
		            pt->table.cols[pt->table.sort_col].title,
		            pt->table.descending ? ui_glyph(UI_G_SORT_DOWN)
		                                 : ui_glyph(UI_G_SORT_UP));
}

void proctable_explain_process(const struct proctable *pt,
                               struct ui_explain *ex)
{
	const struct proc *p = proctable_selected(pt);

	if (!p)
		return;
	ui_explain_add(ex, UI_EX_NOTE, _("Process %" PRId64 " (%s), user %s, "
	                                 "state %s: %s"),
	               p->pid, (p->known & KNOWN(PROC_COMM)) && p->comm ? p->comm : "?",
	               (p->known & KNOWN(PROC_USER)) && p->user ? p->user : "n/a",
	               (p->known & KNOWN(PROC_STATE)) && p->state ? p->state : "?",
	               (p->known & KNOWN(PROC_CMDLINE)) && p->cmdline && *p->cmdline
	                       ? p->cmdline
	                       : _("(no command line: a kernel thread or a "
	                           "zombie)"));
}
