/*
 * ui_table.c - the generic table widget (see ui_table.h): rows of typed
 * cells, the sort (qsort_r over row indices; unknown values last whatever
 * the direction, ties by id so the order is the same every refresh), the
 * filter, selection that follows the entity, the column cursor, paging,
 * the total line, drawing only the rows on screen, and the mouse.
 *
 * Must not: know about snapshots or any one view; print a string without
 * escaping it (cells may hold raw kernel bytes).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "ui_draw.h"
#include "ui_table.h"
#include "util.h"

void ui_table_init(struct ui_table *t)
{
	memset(t, 0, sizeof(*t));
	t->sort_col = -1;
}

static void ui_table_drop_pool(struct ui_table *t)
{
	for (size_t i = 0; i < t->npool; i++)
		free(t->pool[i]);
	t->npool = 0;
}

void ui_table_free(struct ui_table *t)
{
	ui_table_drop_pool(t);
	free(t->pool);
	free(t->rows);
	free(t->cells);
	free(t->order);
	memset(t, 0, sizeof(*t));
}

int ui_table_add_col(struct ui_table *t, const struct ui_column *col)
{
	if (t->ncols == UI_TABLE_MAX_COLS || t->nrows)
		fatal("ui_table: no room for column %s", col->title);
	t->cols[t->ncols] = *col;
	/* Titles come in English (N_() text, or a name such as N0): the
	 * header, the sort menu and the explain panel all show this one. */
	if (*col->title)
		t->cols[t->ncols].title = _(col->title);
	t->display[t->ncols] = (int)t->ncols;
	return (int)t->ncols++;
}

int ui_table_find_col(const struct ui_table *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (t->cols[c].name && strcmp(t->cols[c].name, name) == 0)
			return (int)c;
	return -1;
}

void ui_table_clear_rows(struct ui_table *t)
{
	const struct ui_row *sel = ui_table_selected(t);

	if (sel) {
		t->selected_id = sel->id;
		t->have_selected = true;
	}
	t->nrows = 0;
	t->nshown = 0;
	ui_table_drop_pool(t);
}

size_t ui_table_add_row(struct ui_table *t, int64_t id)
{
	size_t r = t->nrows;

	xgrow((void **)&t->rows, &t->rows_cap, r + 1, sizeof(*t->rows));
	xgrow((void **)&t->cells, &t->cells_cap, (r + 1) * t->ncols + 1,
	      sizeof(*t->cells));
	t->rows[r] = (struct ui_row){ .id = id, .parent = -1 };
	memset(&t->cells[r * t->ncols], 0, t->ncols * sizeof(*t->cells));
	t->nrows++;
	return r;
}

struct ui_row *ui_table_row(struct ui_table *t, size_t row)
{
	return &t->rows[row];
}

struct ui_cell *ui_table_cell(struct ui_table *t, size_t row, int col)
{
	return &t->cells[row * t->ncols + (size_t)col];
}

static const struct ui_cell *ui_table_cell_c(const struct ui_table *t,
                                             size_t row, int col)
{
	return &t->cells[row * t->ncols + (size_t)col];
}

void ui_table_set_int(struct ui_table *t, size_t row, int col, bool known,
                      int64_t value)
{
	struct ui_cell *c = ui_table_cell(t, row, col);

	c->v.i = value;
	c->known = known;
}

void ui_table_set_double(struct ui_table *t, size_t row, int col, bool known,
                         double value)
{
	struct ui_cell *c = ui_table_cell(t, row, col);

	c->v.d = value;
	c->known = known;
}

void ui_table_set_text(struct ui_table *t, size_t row, int col,
                       const char *text)
{
	struct ui_cell *c = ui_table_cell(t, row, col);

	c->v.s = text;
	c->known = text != NULL;
}

const char *ui_table_keep(struct ui_table *t, char *owned)
{
	xgrow((void **)&t->pool, &t->pool_cap, t->npool + 1, sizeof(*t->pool));
	t->pool[t->npool++] = owned;
	return owned;
}

/* ---- sort and filter ----------------------------------------------------- */

static bool ui_col_is_double(enum ui_col_kind k)
{
	return k == UI_COL_RATE || k == UI_COL_DOUBLE || k == UI_COL_PERCENT;
}

static int ui_table_compare_cells(const struct ui_column *col,
                                  const struct ui_cell *a,
                                  const struct ui_cell *b, bool descending)
{
	int c;

	if (a->known != b->known)
		return a->known ? -1 : 1; /* unknown last, either direction */
	if (!a->known)
		return 0;
	if (col->kind == UI_COL_TEXT) {
		c = strcasecmp(a->v.s, b->v.s);
		if (c == 0)
			c = strcmp(a->v.s, b->v.s);
	} else if (ui_col_is_double(col->kind)) {
		c = (a->v.d > b->v.d) - (a->v.d < b->v.d);
	} else {
		c = (a->v.i > b->v.i) - (a->v.i < b->v.i);
	}
	return descending ? -c : c;
}

/* Compares two rows as the current sort does (<0, 0, >0). */
static int ui_table_compare(const struct ui_table *t, size_t a, size_t b)
{
	int c = 0;

	if (t->sort_col >= 0)
		c = ui_table_compare_cells(&t->cols[t->sort_col],
		                           ui_table_cell_c(t, a, t->sort_col),
		                           ui_table_cell_c(t, b, t->sort_col),
		                           t->descending);
	if (c == 0 && t->sort_col >= 0)
		c = (t->rows[a].id > t->rows[b].id) - (t->rows[a].id < t->rows[b].id);
	if (c == 0)
		c = (a > b) - (a < b);
	return c;
}

static int ui_table_qsort_compare(const void *x, const void *y, void *arg)
{
	return ui_table_compare(arg, *(const size_t *)x, *(const size_t *)y);
}

static bool ui_table_row_matches(const struct ui_table *t, size_t r)
{
	if (!t->filter[0])
		return true;
	if (t->rows[r].match && strcasestr(t->rows[r].match, t->filter))
		return true;
	for (size_t c = 0; c < t->ncols; c++) {
		const struct ui_cell *cell = ui_table_cell_c(t, r, (int)c);

		if (t->cols[c].filter && cell->known && cell->v.s &&
		    strcasestr(cell->v.s, t->filter))
			return true;
	}
	return false;
}

/* Row by row, each row's cells together: a column at a time would sweep
 * the whole cell array once per column (100 MB for 100,000 mappings). */
static void ui_table_sum(struct ui_table *t)
{
	memset(t->total, 0, sizeof(t->total));
	for (size_t c = 0; c < t->ncols; c++)
		t->total[c].known = t->cols[c].sum;
	for (size_t i = 0; i < t->nshown; i++) {
		const struct ui_cell *cells = ui_table_cell_c(t, t->order[i], 0);

		for (size_t c = 0; c < t->ncols; c++) {
			struct ui_cell *sum = &t->total[c];

			if (!sum->known)
				continue;
			/* A sum of what was read would pass for the whole. */
			if (!cells[c].known)
				sum->known = false;
			else if (ui_col_is_double(t->cols[c].kind))
				sum->v.d += cells[c].v.d;
			else
				sum->v.i += cells[c].v.i;
		}
	}
}

static void ui_table_reselect(struct ui_table *t)
{
	if (t->have_selected)
		for (size_t i = 0; i < t->nshown; i++)
			if (t->rows[t->order[i]].id == t->selected_id) {
				t->selected = i;
				return;
			}
	if (t->selected >= t->nshown)
		t->selected = t->nshown ? t->nshown - 1 : 0;
}

/* Whether the rows are in sort order as they were added (mappings come in
 * address order): then the sort, n log n compares, can be left out.  The
 * order is total (ties by id, then index), so the result is the same. */
static bool ui_table_in_order(const struct ui_table *t)
{
	for (size_t r = 1; r < t->nrows; r++)
		if (ui_table_compare(t, r - 1, r) > 0)
			return false;
	return true;
}

void ui_table_finish(struct ui_table *t)
{
	size_t n = 0;

	xgrow((void **)&t->order, &t->order_cap, t->nrows + 1, sizeof(*t->order));
	for (size_t r = 0; r < t->nrows; r++)
		t->order[r] = r;
	if (!ui_table_in_order(t))
		qsort_r(t->order, t->nrows, sizeof(*t->order), ui_table_qsort_compare,
		        t);
	t->nshown = t->nrows;
	if (t->arrange)
		t->nshown = t->arrange(t, t->order, t->nrows, t->arrange_arg);
	for (size_t i = 0; i < t->nshown; i++)
		if (ui_table_row_matches(t, t->order[i]))
			t->order[n++] = t->order[i];
	t->nshown = n;
	ui_table_reselect(t);
	if (t->show_total)
		ui_table_sum(t);
}

/* ---- changing the sort, the filter, the selection ------------------------ */

static void ui_table_remember(struct ui_table *t)
{
	const struct ui_row *sel = ui_table_selected(t);

	if (sel) {
		t->selected_id = sel->id;
		t->have_selected = true;
	}
}

void ui_table_set_sort(struct ui_table *t, int col, bool descending)
{
	if (col < -1 || col >= (int)t->ncols)
		return;
	ui_table_remember(t);
	t->sort_col = col;
	t->descending = descending;
	if (col >= 0)
		t->cursor_col = col;
	ui_table_finish(t);
}

void ui_table_sort_by(struct ui_table *t, int col)
{
	if (col < 0 || col >= (int)t->ncols || t->cols[col].no_sort)
		return;
	if (col == t->sort_col)
		ui_table_set_sort(t, col, !t->descending);
	else
		ui_table_set_sort(t, col, !t->cols[col].ascending_first);
}

void ui_table_set_filter(struct ui_table *t, const char *filter)
{
	ui_table_remember(t);
	snprintf(t->filter, sizeof(t->filter), "%s", filter ? filter : "");
	ui_table_finish(t);
}

static int ui_table_pos(const struct ui_table *t, int col)
{
	for (size_t p = 0; p < t->ncols; p++)
		if (t->display[p] == col)
			return (int)p;
	return -1;
}

void ui_table_show_col(struct ui_table *t, int col)
{
	int from, to = -1;

	if (col < 0 || col >= (int)t->ncols || !t->cols[col].hidden)
		return;
	t->cols[col].hidden = false;
	from = ui_table_pos(t, col);
	for (int p = (int)t->ncols - 1; p >= 0 && to < 0; p--)
		if (!t->cols[t->display[p]].hidden && t->display[p] != col)
			to = p;
	if (to < 0 || from < to)
		return; /* first shown, or before the last already */
	memmove(&t->display[to + 1], &t->display[to],
	        (size_t)(from - to) * sizeof(*t->display));
	t->display[to] = col;
}

const struct ui_cell *ui_table_selected_cell(const struct ui_table *t, int col)
{
	if (!t || t->selected >= t->nshown || col < 0 || col >= (int)t->ncols)
		return NULL;
	return ui_table_cell_c(t, t->order[t->selected], col);
}

const struct ui_row *ui_table_selected(const struct ui_table *t)
{
	if (!t || t->selected >= t->nshown)
		return NULL;
	return &t->rows[t->order[t->selected]];
}

bool ui_table_select_id(struct ui_table *t, int64_t id)
{
	for (size_t i = 0; i < t->nshown; i++)
		if (t->rows[t->order[i]].id == id) {
			t->selected = i;
			t->selected_id = id;
			t->have_selected = true;
			return true;
		}
	return false;
}

const struct ui_column *ui_table_cursor(const struct ui_table *t)
{
	if (!t || t->cursor_col < 0 || t->cursor_col >= (int)t->ncols)
		return NULL;
	return &t->cols[t->cursor_col];
}

static void ui_table_select(struct ui_table *t, long index)
{
	if (!t->nshown)
		return;
	if (index < 0)
		index = 0;
	if (index >= (long)t->nshown)
		index = (long)t->nshown - 1;
	t->selected = (size_t)index;
	ui_table_remember(t);
}

void ui_table_scroll(struct ui_table *t, int delta)
{
	ui_table_select(t, (long)t->selected + delta);
}

/* The next shown column after col on screen in direction step (+1, -1),
 * or col; col -1 starts before the first. */
static int ui_table_next_col(const struct ui_table *t, int col, int step,
                             bool sortable)
{
	int from = col < 0 ? (step > 0 ? -1 : (int)t->ncols)
	                   : ui_table_pos(t, col);

	for (int p = from + step; p >= 0 && p < (int)t->ncols; p += step) {
		int c = t->display[p];

		if (!t->cols[c].hidden && !(sortable && t->cols[c].no_sort))
			return c;
	}
	return col;
}

static bool ui_table_sort_key(struct ui_table *t, int step)
{
	int from = t->sort_col >= 0 ? t->sort_col : t->cursor_col;
	int col = ui_table_next_col(t, from, step, true);

	if (col != t->sort_col)
		ui_table_set_sort(t, col, !t->cols[col].ascending_first);
	return true;
}

bool ui_table_key(struct ui_table *t, int key)
{
	long page = t->rows_h > 1 ? t->rows_h - 1 : 1;

	switch (key) {
	case KEY_UP: case 'k': ui_table_scroll(t, -1); return true;
	case KEY_DOWN: case 'j': ui_table_scroll(t, 1); return true;
	case KEY_PPAGE: ui_table_select(t, (long)t->selected - page); return true;
	case KEY_NPAGE: ui_table_select(t, (long)t->selected + page); return true;
	case KEY_HOME: case 'g': ui_table_select(t, 0); return true;
	case KEY_END: case 'G': ui_table_select(t, (long)t->nshown - 1); return true;
	case KEY_LEFT:
		t->cursor_col = ui_table_next_col(t, t->cursor_col, -1, false);
		return true;
	case KEY_RIGHT:
		t->cursor_col = ui_table_next_col(t, t->cursor_col, 1, false);
		return true;
	case '<': return ui_table_sort_key(t, -1);
	case '>': return ui_table_sort_key(t, 1);
	case 'I':
		if (t->sort_col >= 0)
			ui_table_set_sort(t, t->sort_col, !t->descending);
		return true;
	default: return false;
	}
}

enum ui_table_hit ui_table_click(struct ui_table *t, int y, int x)
{
	if (x < t->last_x || x >= t->last_x + t->last_w)
		return UI_TABLE_MISS;
	if (y == t->last_y) {
		for (size_t c = 0; c < t->ncols; c++)
			if (t->col_on_screen[c] && x >= t->col_x[c] &&
			    x <= t->col_x[c] + t->col_w[c]) {
				ui_table_sort_by(t, (int)c);
				t->cursor_col = (int)c;
				return UI_TABLE_HIT_TITLE;
			}
		return UI_TABLE_MISS;
	}
	if (y >= t->rows_y && y < t->rows_y + t->rows_h &&
	    t->top + (size_t)(y - t->rows_y) < t->nshown) {
		ui_table_select(t, (long)(t->top + (size_t)(y - t->rows_y)));
		return UI_TABLE_HIT_ROW;
	}
	return UI_TABLE_MISS;
}

/* ---- drawing ------------------------------------------------------------- */

/* A column's width on screen: room for its title and the sort arrow. */
static int ui_table_col_width(const struct ui_table *t, int c)
{
	int title = ui_width(t->cols[c].title) + 1;

	return t->cols[c].width > title ? t->cols[c].width : title;
}

/* The last column shown when it is text (the command, the name, the
 * path): it keeps at least this many columns on a narrow screen.  -1 when
 * there is none. */
#define UI_TABLE_PINNED_MIN 12

static int ui_table_pinned(const struct ui_table *t)
{
	for (int p = (int)t->ncols - 1; p >= 0; p--) {
		int c = t->display[p];

		if (!t->cols[c].hidden)
			return t->cols[c].kind == UI_COL_TEXT ? c : -1;
	}
	return -1;
}

/* What the pinned column needs, or 0 when every column fits anyway. */
static int ui_table_reserve(const struct ui_table *t, int pinned, int w)
{
	int need = 0, min;

	if (pinned < 0)
		return 0;
	for (int p = t->left_pos; p < (int)t->ncols; p++)
		if (!t->cols[t->display[p]].hidden)
			need += ui_table_col_width(t, t->display[p]) + 1;
	if (need - 1 <= w)
		return 0;
	min = ui_width(t->cols[pinned].title) + 1;
	if (min < UI_TABLE_PINNED_MIN)
		min = UI_TABLE_PINNED_MIN;
	return min < w ? min : w;
}

/* Sets col_x/col_w from left_pos.  The pinned column comes last and takes
 * the rest of the line; columns before it that do not fit whole are left
 * out.  Without one, the last column is cut at the edge. */
static void ui_table_layout(struct ui_table *t, int x, int w)
{
	int pinned = ui_table_pinned(t), used = 0;
	int reserve = ui_table_reserve(t, pinned, w);

	for (size_t c = 0; c < t->ncols; c++)
		t->col_on_screen[c] = false;
	for (int p = t->left_pos; p < (int)t->ncols && used < w; p++) {
		int c = t->display[p], cw;

		if (t->cols[c].hidden || c == pinned)
			continue;
		cw = ui_table_col_width(t, c);
		if (reserve && used + cw + 1 > w - reserve)
			break;
		t->col_on_screen[c] = true;
		t->col_x[c] = x + used;
		t->col_w[c] = cw;
		used += cw + 1;
	}
	if (pinned >= 0 && used < w) {
		t->col_on_screen[pinned] = true;
		t->col_x[pinned] = x + used;
		t->col_w[pinned] = w - used;
	}
}

/* Keeps the cursor column on screen by moving the first column shown. */
static void ui_table_fit_cursor(struct ui_table *t, int x, int w)
{
	int cursor_pos;

	if (t->cursor_col < 0 || t->cursor_col >= (int)t->ncols ||
	    t->cols[t->cursor_col].hidden)
		t->cursor_col = ui_table_next_col(t, -1, 1, false);
	cursor_pos = ui_table_pos(t, t->cursor_col);
	/* From the first column each time: a wider screen shows it again. */
	t->left_pos = 0;
	for (;;) {
		ui_table_layout(t, x, w);
		if (cursor_pos < 0 || t->left_pos >= cursor_pos ||
		    (t->col_on_screen[t->cursor_col] &&
		     (t->cursor_col == ui_table_pinned(t) ||
		      t->col_x[t->cursor_col] +
		                      ui_table_col_width(t, t->cursor_col) <=
		              x + w)))
			return;
		t->left_pos++;
	}
}

/* Draws text in a column: right-aligned unless left; cut with a marker. */
static void ui_table_put(WINDOW *win, int y, int x, int w, const char *text,
                         bool left, attr_t attr)
{
	int cols = ui_width(text);

	if (cols > w) {
		int used = ui_put(win, y, x, text, w - 1, attr);

		ui_put(win, y, x + used, ui_glyph(UI_G_MORE), 1, attr);
		return;
	}
	ui_put(win, y, left ? x : x + w - cols, text, cols, attr);
}

static void ui_table_draw_title(struct ui_table *t, WINDOW *win, int y,
                                int x, int w)
{
	ui_blank(win, y, x, w, ui_style(UI_TITLE));
	for (size_t c = 0; c < t->ncols; c++) {
		char title[128];
		attr_t attr;

		if (!t->col_on_screen[c])
			continue;
		attr = ui_style((int)c == t->sort_col ? UI_TITLE_SORT : UI_TITLE);
		if ((int)c == t->cursor_col)
			attr |= A_UNDERLINE;
		snprintf(title, sizeof(title), "%s%s", t->cols[c].title,
		         (int)c != t->sort_col ? ""
		         : t->descending       ? ui_glyph(UI_G_SORT_DOWN)
		                               : ui_glyph(UI_G_SORT_UP));
		ui_table_put(win, y, t->col_x[c],
		             t->col_w[c] > x + w - t->col_x[c] ? x + w - t->col_x[c]
		                                              : t->col_w[c],
		             title, t->cols[c].left, attr);
	}
}

/* A number with its M/G/T suffix in the suffix's style. */
static void ui_table_put_kb(WINDOW *win, int y, int x, int w, int64_t kb,
                            attr_t attr, bool selected)
{
	char buf[UI_NUM_LEN];
	enum ui_style unit;
	int cols;

	ui_format_kb(buf, kb, &unit);
	cols = (int)strlen(buf);
	if (unit == UI_NORMAL || selected || cols > w) {
		ui_table_put(win, y, x, w, buf, false, attr);
		return;
	}
	buf[cols - 1] = '\0';
	ui_put(win, y, x + w - cols, buf, cols - 1, attr);
	ui_put(win, y, x + w - 1, (char[]){ "MGT"[unit - UI_UNIT_M], '\0' }, 1,
	       ui_style(unit));
}

static void ui_table_format(const struct ui_column *col,
                            const struct ui_cell *cell, char *buf)
{
	switch (col->kind) {
	case UI_COL_INT:
		snprintf(buf, UI_NUM_LEN, "%" PRId64, cell->v.i);
		break;
	case UI_COL_RATE:
		ui_format_rate(buf, cell->v.d);
		break;
	case UI_COL_PERCENT:
		snprintf(buf, UI_NUM_LEN, "%.1f%%", cell->v.d);
		break;
	default:
		snprintf(buf, UI_NUM_LEN, "%.1f", cell->v.d);
		break;
	}
}

struct ui_table_pen {
	WINDOW *win;
	int y;
	attr_t attr;
	bool selected;
	bool utf8;
	bool total; /* the total line: unknown cells are blank */
};

/* The last w columns of a safe string, after a marker. */
static void ui_table_put_tail(const struct ui_table_pen *p, int x, int w,
                              const char *safe)
{
	const char *s = safe;
	int cols = ui_width(safe);

	while (*s && cols > w - 1) {
		int before = cols;
		size_t n = ui_fit(s, 1, NULL);

		s += n ? n : 1;
		cols = ui_width(s);
		if (cols == before)
			break;
	}
	ui_put(p->win, p->y, x, ui_glyph(UI_G_MORE), 1, p->attr);
	ui_put(p->win, p->y, x + 1, s, w - 1, p->attr);
}

static void ui_table_draw_text(const struct ui_table_pen *p,
                               const struct ui_column *col, const char *s,
                               const char *prefix, int x, int w)
{
	int used = 0;
	char *safe;

	if (col->tree && prefix)
		used = ui_put(p->win, p->y, x, prefix, w,
		              p->selected ? p->attr : ui_style(UI_TREE));
	if (col->cut_left && w - used > 1) {
		safe = escape_term(s, p->utf8);
		if (ui_width(safe) > w - used) {
			ui_table_put_tail(p, x + used, w - used, safe);
			free(safe);
			return;
		}
	} else {
		safe = escape_term_cols(s, p->utf8, w - used + 1, NULL, NULL);
	}
	ui_table_put(p->win, p->y, x + used, w - used, safe, col->left, p->attr);
	free(safe);
}

static void ui_table_draw_cell(const struct ui_table_pen *p,
                               const struct ui_column *col,
                               const struct ui_cell *cell,
                               const char *prefix, int x, int w)
{
	char buf[UI_NUM_LEN];
	attr_t attr = p->attr;

	if (!cell->known) {
		if (!p->total && (col->kind != UI_COL_TEXT || !col->tree))
			ui_table_put(p->win, p->y, x, w, "n/a", col->left,
			             p->selected ? attr : ui_style(UI_DIM));
		return;
	}
	if (col->kind == UI_COL_TEXT) {
		ui_table_draw_text(p, col, cell->v.s, prefix, x, w);
		return;
	}
	if (col->kind == UI_COL_KB) {
		ui_table_put_kb(p->win, p->y, x, w, cell->v.i, attr, p->selected);
		return;
	}
	ui_table_format(col, cell, buf);
	if (col->kind == UI_COL_RATE && cell->v.d == 0 && !p->selected)
		attr = ui_style(UI_DIM);
	ui_table_put(p->win, p->y, x, w, buf, col->left, attr);
}

static void ui_table_draw_row(struct ui_table *t, const struct ui_table_pen *p,
                              const struct ui_cell *cells,
                              const struct ui_row *row, int x, int w)
{
	ui_blank(p->win, p->y, x, w, p->attr);
	for (size_t c = 0; c < t->ncols; c++) {
		int cw;

		if (!t->col_on_screen[c])
			continue;
		cw = t->col_w[c];
		if (t->col_x[c] + cw > x + w)
			cw = x + w - t->col_x[c];
		ui_table_draw_cell(p, &t->cols[c], &cells[c], row ? row->prefix : NULL,
		                   t->col_x[c], cw);
	}
}

/* The total line: the label in the first shown text column. */
static void ui_table_draw_total(struct ui_table *t, WINDOW *win, int y, int x,
                                int w, bool utf8)
{
	struct ui_cell cells[UI_TABLE_MAX_COLS];
	struct ui_table_pen pen = { win, y, ui_style(UI_TOTAL), false, utf8,
	                            true };
	bool labelled = false;

	memcpy(cells, t->total, sizeof(cells));
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->cols[c].sum)
			continue;
		/* Not summed: blank, but for the label in the first text one. */
		cells[c].known = false;
		if (!labelled && t->col_on_screen[c] &&
		    t->cols[c].kind == UI_COL_TEXT) {
			cells[c].known = true;
			cells[c].v.s = t->total_label ? t->total_label : _("total");
			labelled = true;
		}
	}
	ui_table_draw_row(t, &pen, cells, NULL, x, w);
}

static void ui_table_fit_rows(struct ui_table *t)
{
	size_t h = t->rows_h > 0 ? (size_t)t->rows_h : 1;

	if (t->selected < t->top)
		t->top = t->selected;
	if (t->selected >= t->top + h)
		t->top = t->selected - h + 1;
	if (t->nshown <= h)
		t->top = 0;
	else if (t->top > t->nshown - h)
		t->top = t->nshown - h;
}

void ui_table_draw(struct ui_table *t, WINDOW *win, int y, int x, int h,
                   int w, bool utf8)
{
	t->last_y = y, t->last_x = x, t->last_h = h, t->last_w = w;
	t->rows_y = y + 1;
	t->rows_h = h - 1 - (t->show_total ? 1 : 0);
	if (h < 1 || w < 1)
		return;
	ui_table_fit_cursor(t, x, w);
	ui_table_draw_title(t, win, y, x, w);
	if (t->rows_h < 1)
		return;
	ui_table_fit_rows(t);
	for (int i = 0; i < t->rows_h; i++) {
		size_t index = t->top + (size_t)i;
		const struct ui_row *row;
		struct ui_table_pen pen = { win, t->rows_y + i, 0, false, utf8,
		                            false };

		if (index >= t->nshown) {
			ui_blank(win, pen.y, x, w, ui_style(UI_NORMAL));
			continue;
		}
		row = &t->rows[t->order[index]];
		pen.selected = index == t->selected;
		pen.attr = ui_style(pen.selected ? UI_SELECTED : row->style);
		ui_table_draw_row(t, &pen, &t->cells[t->order[index] * t->ncols], row,
		                  x, w);
	}
	if (!t->nshown)
		ui_put(win, t->rows_y, x + 1,
		       t->empty_text ? t->empty_text
		       : t->filter[0] ? _("(no row matches the filter)")
		                      : _("(nothing to show)"),
		       w - 1, ui_style(UI_DIM));
	if (t->show_total && t->nshown)
		ui_table_draw_total(t, win, t->rows_y + t->rows_h, x, w, utf8);
}
