/*
 * ui_explain.h - the explain panel: a list of styled lines that a view, or
 * an engine's result, fills, drawn word-wrapped in a box below the view
 * (toggle `e`).  Until a view's engine exists, the view fills it with the
 * field under the cursor: what it means, where the kernel gets it, its
 * unit, and the selected row's value; engines add their results with the
 * same calls, so the panel is one place any of them can render into.
 *
 * Every line is made terminal-safe when it is added.
 *
 * Must not: know about snapshots, views or engines.
 */
#ifndef MEMLENS_UI_EXPLAIN_H
#define MEMLENS_UI_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "ui_color.h"

enum ui_explain_kind {
	UI_EX_TITLE,   /* a heading */
	UI_EX_TEXT,    /* prose, word-wrapped */
	UI_EX_VALUE,   /* "name: value" facts */
	UI_EX_NOTE,    /* dim remarks: costs, sources, man page sections */
	UI_EX_WARN,    /* why a value is n/a */
	UI_EX_CODE,    /* preformatted (an engine's table): cut, not wrapped */
};

struct ui_explain_line {
	enum ui_explain_kind kind;
	char *text;
};

struct ui_explain {
	struct ui_explain_line *lines;
	size_t count, cap;
	int scroll; /* first wrapped line shown */
};

void ui_explain_init(struct ui_explain *ex);
void ui_explain_free(struct ui_explain *ex);
/* Empties the panel (keeps the scroll when keep_scroll). */
void ui_explain_clear(struct ui_explain *ex, bool keep_scroll);
void ui_explain_add(struct ui_explain *ex, enum ui_explain_kind kind,
                    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Every line of text (a memstream of batch output) as UI_EX_CODE. */
void ui_explain_add_block(struct ui_explain *ex, const char *text, size_t len);
/* Scrolls the panel by delta wrapped lines. */
void ui_explain_scroll(struct ui_explain *ex, int delta);

/* Draws the panel, its box included, in the h x w area at (y, x). */
void ui_explain_draw(struct ui_explain *ex, WINDOW *win, int y, int x, int h,
                     int w);

#endif
