/*
 * ui_text.h - a scrollable page of text lines with a cursor line: the
 * system views that show the batch renderer's block (numa, thp, buddy,
 * lru) and the help screen.  The filter keeps the lines that contain it.
 *
 * Lines are made terminal-safe when they are set (control bytes shown as
 * escapes), so any text may be given.  A line has one style, or is made of
 * styled segments (a ui_line: the cells of a map, each in its colour); the
 * filter and the cursor line see its plain text, and the cursor line is
 * drawn in the selection's style throughout.
 *
 * Must not: know about snapshots or views.
 */
#ifndef MEMLENS_UI_TEXT_H
#define MEMLENS_UI_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <curses.h>

#include "ui_color.h"

struct ui_line;

/* The segments of a line added as a ui_line: where each starts in the
 * line's text, and its attributes. */
struct ui_text_spans {
	size_t n;
	struct {
		size_t start;
		attr_t attr;
	} span[];
};

struct ui_text {
	char **lines;      /* terminal-safe */
	enum ui_style *styles;
	struct ui_text_spans **spans; /* per line: NULL when it has one style */
	size_t nlines, cap, styles_cap, spans_cap;
	size_t *shown;     /* indices of the lines that pass the filter */
	size_t nshown;
	size_t cursor;     /* index into shown */
	size_t top;
	int hscroll;       /* columns scrolled to the right */
	char filter[128];
	int last_y, last_h;
	bool cursor_visible; /* highlight the cursor line */
};

void ui_text_init(struct ui_text *t);
void ui_text_free(struct ui_text *t);
/* Drops the lines; keeps the position so a refresh does not jump. */
void ui_text_clear(struct ui_text *t);
void ui_text_add(struct ui_text *t, enum ui_style style, const char *line);
/* The same, formatted (a line of at most UI_LINE_BYTES). */
void ui_text_vaddf(struct ui_text *t, enum ui_style style, const char *fmt,
                   va_list ap) __attribute__((format(printf, 3, 0)));
/* Adds a line of styled segments (each made terminal-safe here too). */
void ui_text_add_line(struct ui_text *t, const struct ui_line *line);
/* Adds every line of a block of text (a memstream of batch output). */
void ui_text_add_block(struct ui_text *t, const char *text, size_t len);
/* Applies the filter and clamps the position; call after adding lines. */
void ui_text_finish(struct ui_text *t);
void ui_text_set_filter(struct ui_text *t, const char *filter);
/* The line under the cursor, or NULL. */
const char *ui_text_cursor_line(const struct ui_text *t);
/* Arrows, pages, Home/End, Left/Right (horizontal scroll). */
bool ui_text_key(struct ui_text *t, int key);
void ui_text_scroll(struct ui_text *t, int delta);
/* A click selects the line under it; returns true when it hit one. */
bool ui_text_click(struct ui_text *t, int y);
void ui_text_draw(struct ui_text *t, WINDOW *win, int y, int x, int h, int w);

#endif
