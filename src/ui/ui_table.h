/*
 * ui_table.h - THE table widget of the TUI: rows of typed cells under
 * column titles, sorted by any column (unknown values last, ties by row
 * id), filtered by text, with a selected row that stays on the same entity
 * across refreshes, a column cursor (the field the explain panel
 * explains), scrolling, an optional total line, and mouse hit-testing.
 * Every table view (procs, vmas, faults, slab, oom) is this widget filled
 * by its view.
 *
 * Cells hold values, not text: numbers are formatted, and strings escaped,
 * only for the rows on screen.  Text cells borrow their strings (from the
 * snapshot, or from the table's pool), which must outlive the rows.
 *
 * Must not: know about snapshots, processes or any one view.
 */
#ifndef MEMLENS_UI_TABLE_H
#define MEMLENS_UI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "schema.h"
#include "ui_color.h"

#define UI_TABLE_MAX_COLS 96
/* Sizes never take more than this (see ui_format_kb): "99999", "999.9M". */
#define UI_KB_WIDTH 6
#define UI_FILTER_LEN 128

enum ui_col_kind {
	UI_COL_INT,     /* int64 */
	UI_COL_KB,      /* int64 KiB, shown with M, G, T past 99999 */
	UI_COL_RATE,    /* double per second */
	UI_COL_DOUBLE,  /* double, one decimal */
	UI_COL_PERCENT, /* double 0-100 */
	UI_COL_TEXT,    /* borrowed string (raw kernel bytes allowed) */
};

struct ui_column {
	const char *title;          /* terminal-safe, English (N_() text);
	                             * ui_table_add_col translates it */
	const char *name;           /* field name: sort status, explain */
	const struct schema *schema; /* the field's table, or NULL */
	const struct field *field;  /* the field shown, or NULL */
	const char *help;           /* when there is no field: N_() text */
	enum ui_col_kind kind;
	int width;                  /* display columns; the last column shown
	                             * takes the rest of the line when it is
	                             * text */
	bool left;                  /* left-aligned (text) */
	bool hidden;                /* not shown until chosen */
	bool ascending_first;       /* first sort on it is ascending (names) */
	bool tree;                  /* draws the row's tree prefix first */
	bool filter;                /* the filter looks at this text */
	bool sum;                   /* summed in the total line */
	bool cut_left;              /* too long: keep the end (paths) */
	bool no_sort;
};

struct ui_cell {
	union {
		int64_t i;
		double d;
		const char *s;
	} v;
	bool known;
};

struct ui_row {
	int64_t id;          /* the entity's identity: pid, start address */
	int64_t parent;      /* tree: the parent's id (-1: none) */
	const void *entity;  /* for the view (explain), not read here */
	const char *match;   /* more text the filter looks at, or NULL */
	const char *prefix;  /* tree lines drawn before the tree column */
	enum ui_style style; /* UI_NORMAL, or UI_DIM for rows of less note */
};

struct ui_table;
/* Reorders the sorted rows (the tree of processes); may set prefixes. */
typedef size_t (*ui_table_arrange_fn)(struct ui_table *t, size_t *order,
                                      size_t n, void *arg);

struct ui_table {
	struct ui_column cols[UI_TABLE_MAX_COLS];
	size_t ncols;
	int display[UI_TABLE_MAX_COLS]; /* columns in screen order */
	struct ui_row *rows;
	size_t nrows, rows_cap;
	struct ui_cell *cells; /* nrows * UI_TABLE_MAX_COLS */
	size_t cells_cap;
	size_t *order;         /* the rows shown, in order */
	size_t nshown, order_cap;

	int sort_col;          /* -1: the order rows were added in */
	bool descending;
	int cursor_col;        /* the column the explain panel explains */
	int64_t selected_id;
	bool have_selected;
	size_t selected;       /* index into order */
	size_t top;            /* first row on screen */
	int left_pos;          /* display position of the first column shown */
	char filter[UI_FILTER_LEN];
	const char *empty_text; /* shown when no row is left; NULL: default */

	ui_table_arrange_fn arrange;
	void *arrange_arg;

	bool show_total;
	const char *total_label; /* in the first text column of the total */
	struct ui_cell total[UI_TABLE_MAX_COLS];

	char **pool;           /* strings the rows borrow, freed on clear */
	size_t npool, pool_cap;

	/* Where the last draw put things, for the mouse and paging. */
	int last_y, last_x, last_h, last_w, rows_y, rows_h;
	int col_x[UI_TABLE_MAX_COLS], col_w[UI_TABLE_MAX_COLS];
	bool col_on_screen[UI_TABLE_MAX_COLS];
};

void ui_table_init(struct ui_table *t);
void ui_table_free(struct ui_table *t);

/* Adds a column; returns its index (fatal past UI_TABLE_MAX_COLS: check
 * ui_table_full first when the columns come from a growing table). */
int ui_table_add_col(struct ui_table *t, const struct ui_column *col);
/* Whether n more columns would not fit. */
static inline bool ui_table_full(const struct ui_table *t, size_t n)
{
	return t->ncols + n > UI_TABLE_MAX_COLS;
}
/* The column with this name, or -1. */
int ui_table_find_col(const struct ui_table *t, const char *name);

/* Drops the rows (and the pool) before a rebuild; keeps columns, sort,
 * filter and which entity is selected. */
void ui_table_clear_rows(struct ui_table *t);
/* Adds a row; its cells start unknown.  Returns its index. */
size_t ui_table_add_row(struct ui_table *t, int64_t id);
struct ui_row *ui_table_row(struct ui_table *t, size_t row);
struct ui_cell *ui_table_cell(struct ui_table *t, size_t row, int col);
void ui_table_set_int(struct ui_table *t, size_t row, int col, bool known,
                      int64_t value);
void ui_table_set_double(struct ui_table *t, size_t row, int col, bool known,
                         double value);
void ui_table_set_text(struct ui_table *t, size_t row, int col,
                       const char *text);
/* A copy of s kept until the rows are cleared. */
const char *ui_table_keep(struct ui_table *t, char *owned);

/* Sorts, arranges, filters and finds the selected row again. */
void ui_table_finish(struct ui_table *t);

void ui_table_set_sort(struct ui_table *t, int col, bool descending);
/* Sorts on col, or turns the direction round when it is the sort already. */
void ui_table_sort_by(struct ui_table *t, int col);
void ui_table_set_filter(struct ui_table *t, const char *filter);
/* Shows a hidden column, placed before the last shown one (the name
 * column, which keeps the rest of the line). */
void ui_table_show_col(struct ui_table *t, int col);

/* The selected row, or NULL when none is shown. */
const struct ui_row *ui_table_selected(const struct ui_table *t);
/* Selects the row with this id if it is shown. */
bool ui_table_select_id(struct ui_table *t, int64_t id);
/* The column under the cursor, or NULL. */
const struct ui_column *ui_table_cursor(const struct ui_table *t);

/* Arrows, pages, Home/End, Left/Right (column cursor), < > (sort column),
 * I (invert).  Returns true when the key was the table's. */
/* The selected cell of column col, or NULL when no row is selected. */
const struct ui_cell *ui_table_selected_cell(const struct ui_table *t,
                                             int col);
bool ui_table_key(struct ui_table *t, int key);
/* Moves the selection by delta rows (mouse wheel). */
void ui_table_scroll(struct ui_table *t, int delta);

enum ui_table_hit { UI_TABLE_MISS, UI_TABLE_HIT_TITLE, UI_TABLE_HIT_ROW };
/* A click at screen (y, x): sorts on a title, selects a row. */
enum ui_table_hit ui_table_click(struct ui_table *t, int y, int x);

/* Draws in the h x w area at (y, x) of win; utf8 decides escaping. */
void ui_table_draw(struct ui_table *t, WINDOW *win, int y, int x, int h,
                   int w, bool utf8);

#endif
