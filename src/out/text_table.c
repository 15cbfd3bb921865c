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

/* A block of cell text; cells are never freed one by one. */
struct text_table_chunk {
	struct text_table_chunk *next;
	size_t used;
	size_t cap;
	char text[];
};

#define TEXT_TABLE_CHUNK_BYTES (64u << 10)

/* Room for len + 1 bytes of cell text, kept until text_table_free(). */
static char *text_table_alloc(struct text_table *tb, size_t len)
{
	struct text_table_chunk *ch = tb->chunks;

	if (!ch || ch->cap - ch->used < len + 1) {
		size_t cap = len + 1 > TEXT_TABLE_CHUNK_BYTES
		                     ? len + 1
		                     : TEXT_TABLE_CHUNK_BYTES;

		ch = xmalloc(sizeof(*ch) + cap);
		ch->used = 0;
		ch->cap = cap;
		ch->next = tb->chunks;
		tb->chunks = ch;
	}
	ch->used += len + 1;
	return ch->text + ch->used - len - 1;
}

/* Rows take stride cells; a column added (or set) past it after rows exist
 * widens every row to the most a table can have. */
static void text_table_widen(struct text_table *tb)
{
	char **cells;

	if (tb->stride == TEXT_TABLE_MAX_COLS || tb->nrows == 0) {
		tb->stride = TEXT_TABLE_MAX_COLS;
		return;
	}
	cells = xcalloc(tb->nrows * TEXT_TABLE_MAX_COLS, sizeof(*cells));
	for (size_t r = 0; r < tb->nrows; r++)
		memcpy(&cells[r * TEXT_TABLE_MAX_COLS], &tb->cells[r * tb->stride],
		       tb->stride * sizeof(*cells));
	free(tb->cells);
	tb->cells = cells;
	tb->cap = tb->nrows * TEXT_TABLE_MAX_COLS;
	tb->stride = TEXT_TABLE_MAX_COLS;
}

/* Columns past TEXT_TABLE_MAX_COLS are dropped (callers keep below it; this
 * only guards against input with more names than any kernel prints). */
size_t text_table_col_take(struct text_table *tb, char *title, bool left)
{
	if (tb->ncols == TEXT_TABLE_MAX_COLS) {
		free(title);
		return TEXT_TABLE_MAX_COLS;
	}
	if (tb->nrows && tb->ncols == tb->stride)
		text_table_widen(tb);
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
		text_table_col(tb, field_title(schema_field(s, names[i])),
		               false);
}

size_t text_table_row(struct text_table *tb)
{
	if (tb->nrows == 0)
		tb->stride = tb->ncols ? tb->ncols : 1;
	xgrow((void **)&tb->cells, &tb->cap, (tb->nrows + 1) * tb->stride,
	      sizeof(*tb->cells));
	memset(&tb->cells[tb->nrows * tb->stride], 0,
	       tb->stride * sizeof(*tb->cells));
	return tb->nrows++;
}

void text_table_set_str(struct text_table *tb, size_t row, size_t col,
                        const char *cell)
{
	size_t len;

	if (col >= TEXT_TABLE_MAX_COLS)
		return;
	if (col >= tb->stride)
		text_table_widen(tb);
	len = strlen(cell);
	tb->cells[row * tb->stride + col] =
		memcpy(text_table_alloc(tb, len), cell, len + 1);
}

void text_table_set(struct text_table *tb, size_t row, size_t col, char *cell)
{
	text_table_set_str(tb, row, col, cell);
	free(cell);
}

/* Printable ASCII is its own escape: most kernel strings skip the copy. */
void text_table_set_safe(const struct text *t, struct text_table *tb,
                         size_t row, size_t col, const char *s)
{
	const char *p = s ? s : "n/a";

	while (*p >= 0x20 && *p < 0x7f)
		p++;
	if (*p)
		text_table_set(tb, row, col, text_value_safe(t, s));
	else
		text_table_set_str(tb, row, col, s ? s : "n/a");
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
	const char *cell = tb->cells[row * tb->stride + col];

	return cell ? cell : "";
}

/* One line of output, built in memory and written at once. */
struct text_table_line {
	char *text;
	size_t len;
	size_t cap;
	int pending; /* blanks not written yet */
};

static void text_table_line_add(struct text_table_line *line, const char *s,
                                size_t len, int blanks)
{
	size_t pad = blanks > 0 ? (size_t)blanks : 0;

	xgrow((void **)&line->text, &line->cap, line->len + pad + len + 1, 1);
	memset(line->text + line->len, ' ', pad);
	memcpy(line->text + line->len + pad, s, len);
	line->len += pad + len;
}

/* Blanks are held back until something follows them, so that no line ends
 * in white space whatever its last cells hold. */
static void text_table_print_cell(struct text_table_line *line,
                                  const struct text_table *tb,
                                  const char *cell, int cell_width, size_t col,
                                  int width)
{
	int pad = width - cell_width;

	line->pending += col > 0;
	if (!tb->left[col])
		line->pending += pad;
	if (*cell) {
		text_table_line_add(line, cell, strlen(cell), line->pending);
		line->pending = 0;
	}
	if (tb->left[col])
		line->pending += pad;
}

/* row (SIZE_MAX: the titles), with the columns of each cell in cell_width. */
static void text_table_print_row(struct text *t, const struct text_table *tb,
                                 struct text_table_line *line,
                                 const int *width, const int *cell_width,
                                 size_t row)
{
	line->len = 0;
	line->pending = 0;
	for (size_t c = 0; c < tb->ncols; c++)
		text_table_print_cell(line, tb,
		                      row == SIZE_MAX ? tb->titles[c]
		                                      : text_table_cell(tb, row, c),
		                      cell_width[c], c, width[c]);
	text_table_line_add(line, "\n", 1, 0);
	text_put_bytes(t, line->text, line->len);
}

void text_table_print(struct text *t, const struct text_table *tb)
{
	int width[TEXT_TABLE_MAX_COLS], title_width[TEXT_TABLE_MAX_COLS];
	/* Each cell's columns, counted once for the widths and the padding. */
	int *cell_width = xcalloc(tb->nrows * tb->ncols + 1, sizeof(int));
	struct text_table_line line = { 0 };

	for (size_t c = 0; c < tb->ncols; c++) {
		width[c] = title_width[c] = escape_width(tb->titles[c]);
		for (size_t r = 0; r < tb->nrows; r++) {
			int w = escape_width(text_table_cell(tb, r, c));

			cell_width[r * tb->ncols + c] = w;
			if (w > width[c])
				width[c] = w;
		}
	}
	text_table_print_row(t, tb, &line, width, title_width, SIZE_MAX);
	for (size_t r = 0; r < tb->nrows; r++)
		text_table_print_row(t, tb, &line, width,
		                     &cell_width[r * tb->ncols], r);
	free(line.text);
	free(cell_width);
}

void text_table_free(struct text_table *tb)
{
	while (tb->chunks) {
		struct text_table_chunk *next = tb->chunks->next;

		free(tb->chunks);
		tb->chunks = next;
	}
	for (size_t c = 0; c < tb->ncols; c++)
		free(tb->titles[c]);
	free(tb->cells);
	memset(tb, 0, sizeof(*tb));
}

char *text_table_na(void)
{
	return xstrdup("n/a");
}

/* Room for INT64_MIN and its NUL. */
#define TEXT_TABLE_INT_LEN 21

/* value in decimal, as "%" PRId64 prints it, without printf's cost. */
static const char *text_table_format_int(char *buf, int64_t value)
{
	char *p = buf + TEXT_TABLE_INT_LEN - 1;
	uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;

	*p = '\0';
	do {
		*--p = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude);
	if (value < 0)
		*--p = '-';
	return p;
}

char *text_table_int(bool known, int64_t value)
{
	char buf[TEXT_TABLE_INT_LEN];

	return known ? xstrdup(text_table_format_int(buf, value))
	             : text_table_na();
}

void text_table_set_int(struct text_table *tb, size_t row, size_t col,
                        bool known, int64_t value)
{
	char buf[TEXT_TABLE_INT_LEN];

	text_table_set_str(tb, row, col,
	                   known ? text_table_format_int(buf, value) : "n/a");
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
