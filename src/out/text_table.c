/*
 * text_table.c - the column table of batch text: columns titled and
 * aligned (right, or left for names), widths from the widest cell, and no
 * line ending in white space; the cells for schema fields, n/a for what
 * was not read; and the COUNTER TOTAL /s table of vmstat counters that
 * several views print.
 *
 * Must not: take a cell that is not terminal-safe already (cells come from
 * text_value_safe() or are made here), or know about one view's layout.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "text_internal.h"
#include "util.h"

/* Columns past TEXT_TABLE_MAX_COLS are dropped (callers keep below it; this
 * only guards against input with more names than any kernel prints). */
size_t text_table_col_take(struct text_table *tb, char *title, bool left)
{
	if (tb->ncols == TEXT_TABLE_MAX_COLS) {
		free(title);
		return TEXT_TABLE_MAX_COLS;
	}
	tb->titles[tb->ncols] = title;
	tb->left[tb->ncols] = left;
	return tb->ncols++;
}

size_t text_table_col(struct text_table *tb, const char *title, bool left)
{
	return text_table_col_take(tb, xstrdup(title), left);
}

void text_table_field_cols(struct text_table *tb, const struct schema *s,
                           const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		text_table_col(tb, schema_field(s, names[i])->title, false);
}

size_t text_table_row(struct text_table *tb)
{
	xgrow((void **)&tb->cells, &tb->cap,
	      (tb->nrows + 1) * TEXT_TABLE_MAX_COLS, sizeof(*tb->cells));
	memset(&tb->cells[tb->nrows * TEXT_TABLE_MAX_COLS], 0,
	       TEXT_TABLE_MAX_COLS * sizeof(*tb->cells));
	return tb->nrows++;
}

void text_table_set(struct text_table *tb, size_t row, size_t col, char *cell)
{
	char **slot;

	if (col >= TEXT_TABLE_MAX_COLS) {
		free(cell);
		return;
	}
	slot = &tb->cells[row * TEXT_TABLE_MAX_COLS + col];
	free(*slot);
	*slot = cell;
}

void text_table_setf(struct text_table *tb, size_t row, size_t col,
                     const char *fmt, ...)
{
	va_list ap;
	char *cell;

	va_start(ap, fmt);
	if (vasprintf(&cell, fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
	text_table_set(tb, row, col, cell);
}

void text_table_field_cells(const struct text *t, struct text_table *tb,
                            size_t row, size_t *col, const struct schema *s,
                            const char *const *names, size_t n,
                            const void *entity)
{
	for (size_t i = 0; i < n; i++)
		text_table_set(tb, row, (*col)++,
		               text_table_entity(t, s, schema_field(s, names[i]),
		                                 entity, 0));
}

static const char *text_table_cell(const struct text_table *tb, size_t row,
                                   size_t col)
{
	const char *cell = tb->cells[row * TEXT_TABLE_MAX_COLS + col];

	return cell ? cell : "";
}

/* Blanks are held back until something follows them, so that no line ends
 * in white space whatever its last cells hold. */
static void text_table_print_cell(struct text *t, const struct text_table *tb,
                                  const char *cell, size_t col, int width,
                                  int *pending)
{
	int pad = width - escape_width(cell);

	*pending += col > 0;
	if (!tb->left[col])
		*pending += pad;
	if (*cell) {
		text_put_spaces(t, *pending);
		text_put(t, "%s", cell);
		*pending = 0;
	}
	if (tb->left[col])
		*pending += pad;
}

static void text_table_print_row(struct text *t, const struct text_table *tb,
                                 const int *width, size_t row, bool titles)
{
	int pending = 0;

	for (size_t c = 0; c < tb->ncols; c++)
		text_table_print_cell(t, tb,
		                      titles ? tb->titles[c]
		                             : text_table_cell(tb, row, c),
		                      c, width[c], &pending);
	text_put(t, "\n");
}

void text_table_print(struct text *t, const struct text_table *tb)
{
	int width[TEXT_TABLE_MAX_COLS];

	for (size_t c = 0; c < tb->ncols; c++) {
		width[c] = escape_width(tb->titles[c]);
		for (size_t r = 0; r < tb->nrows; r++) {
			int w = escape_width(text_table_cell(tb, r, c));

			if (w > width[c])
				width[c] = w;
		}
	}
	text_table_print_row(t, tb, width, 0, true);
	for (size_t r = 0; r < tb->nrows; r++)
		text_table_print_row(t, tb, width, r, false);
}

void text_table_free(struct text_table *tb)
{
	for (size_t i = 0; i < tb->nrows * TEXT_TABLE_MAX_COLS; i++)
		free(tb->cells[i]);
	for (size_t c = 0; c < tb->ncols; c++)
		free(tb->titles[c]);
	free(tb->cells);
	memset(tb, 0, sizeof(*tb));
}

char *text_table_na(void)
{
	return xstrdup("n/a");
}

char *text_table_int(bool known, int64_t value)
{
	return known ? xasprintf("%" PRId64, value) : text_table_na();
}

/* Cut at max_cols, with a '+' in the last column like top. */
static char *text_table_string(const struct text *t, const char *str,
                               int max_cols)
{
	bool cut = false;
	char *cell = escape_term_cols(str ? str : "", t->utf8,
	                              max_cols > 0 ? max_cols : -1, NULL, &cut);

	if (cut) {
		char *shorter = escape_term_cols(str, t->utf8, max_cols - 1, NULL,
		                                 NULL);

		free(cell);
		cell = xasprintf("%s+", shorter);
		free(shorter);
	}
	return cell;
}

char *text_table_entity(const struct text *t, const struct schema *s,
                        const struct field *f, const void *entity,
                        int max_cols)
{
	const void *ptr = field_ptr(f, entity);
	int64_t i;
	double d;

	if (!field_known(s, f, entity))
		return text_table_na();
	switch (f->type) {
	case FT_INT:
		memcpy(&i, ptr, sizeof(i));
		if ((f->flags & FF_LIMIT) && i == CGROUP_UNLIMITED)
			return xstrdup("max");
		return xasprintf("%" PRId64, i);
	case FT_DOUBLE:
		memcpy(&d, ptr, sizeof(d));
		return xasprintf(s == &psi_line_schema ? "%.2f" : "%.1f", d);
	case FT_STRING:
		return text_table_string(t, *(char *const *)ptr, max_cols);
	default:
		return text_table_na();
	}
}

void text_table_counters(struct text *t, const char *const *names, size_t n,
                         const char *prefix)
{
	const struct kvlist *vm = &t->cur->vmstat;
	struct text_table tb = { 0 };
	char buf[TEXT_VALUE_LEN];

	text_table_col(&tb, _("COUNTER"), true);
	text_table_col(&tb, _("TOTAL"), false);
	text_table_col(&tb, "/s", false);
	for (size_t i = 0; i < (prefix ? vm->count : n); i++) {
		const char *name = prefix ? vm->items[i].name : names[i];
		int64_t total;
		double rate = 0;
		bool has_rate;
		size_t r;

		if (prefix && strncmp(name, prefix, strlen(prefix)) != 0)
			continue;
		if (!kvlist_get(vm, name, &total))
			continue; /* not a counter of this kernel */
		r = text_table_row(&tb);
		text_table_set(&tb, r, 0, text_value_safe(t, name));
		text_table_setf(&tb, r, 1, "%" PRId64, total);
		has_rate = text_value_vmstat_rate1(t, name, &rate);
		text_table_set(&tb, r, 2,
		               xstrdup(text_value_rate(buf, has_rate, rate)));
	}
	if (tb.nrows)
		text_table_print(t, &tb);
	else
		text_put(t, "  %s\n", _("(none of these counters on this kernel)"));
	text_table_free(&tb);
}
