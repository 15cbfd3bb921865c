/*
 * ui_text.c - the scrollable text page (see ui_text.h).
 *
 * Must not: draw a line that was not made terminal-safe here.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "ui_draw.h"
#include "ui_text.h"
#include "util.h"

void ui_text_init(struct ui_text *t)
{
	memset(t, 0, sizeof(*t));
	t->cursor_visible = true;
}

void ui_text_clear(struct ui_text *t)
{
	for (size_t i = 0; i < t->nlines; i++) {
		free(t->lines[i]);
		free(t->spans[i]);
	}
	t->nlines = 0;
	t->nshown = 0;
}

void ui_text_free(struct ui_text *t)
{
	ui_text_clear(t);
	free(t->lines);
	free(t->styles);
	free(t->spans);
	free(t->shown);
	memset(t, 0, sizeof(*t));
}

/* Appends a line that is terminal-safe already; takes spans (may be NULL). */
static void ui_text_push(struct ui_text *t, enum ui_style style, char *safe,
                         struct ui_text_spans *spans)
{
	xgrow((void **)&t->lines, &t->cap, t->nlines + 1, sizeof(*t->lines));
	xgrow((void **)&t->styles, &t->styles_cap, t->nlines + 1,
	      sizeof(*t->styles));
	xgrow((void **)&t->spans, &t->spans_cap, t->nlines + 1,
	      sizeof(*t->spans));
	t->lines[t->nlines] = safe;
	t->spans[t->nlines] = spans;
	t->styles[t->nlines++] = style;
}

void ui_text_add(struct ui_text *t, enum ui_style style, const char *line)
{
	ui_text_push(t, style, escape_term(line, escape_locale_utf8()), NULL);
}

void ui_text_vaddf(struct ui_text *t, enum ui_style style, const char *fmt,
                   va_list ap)
{
	char line[UI_LINE_BYTES];

	vsnprintf(line, sizeof(line), fmt, ap);
	ui_text_add(t, style, line);
}

void ui_text_add_line(struct ui_text *t, const struct ui_line *line)
{
	size_t n = line->nsegs, len = 0, cap = 0;
	struct ui_text_spans *spans =
	        xmalloc(sizeof(*spans) + (n ? n : 1) * sizeof(spans->span[0]));
	bool utf8 = escape_locale_utf8();
	char *text = NULL;

	xgrow((void **)&text, &cap, 1, 1);
	text[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t end = i + 1 < n ? line->segs[i + 1].start : line->len;
		char *piece = xstrndup(line->text + line->segs[i].start,
		                       end - line->segs[i].start);
		char *safe = escape_term(piece, utf8);
		size_t m = strlen(safe);

		/* Escaping may lengthen a segment: its start moves along. */
		spans->span[i].start = len;
		spans->span[i].attr = line->segs[i].attr;
		xgrow((void **)&text, &cap, len + m + 1, 1);
		memcpy(text + len, safe, m + 1);
		len += m;
		free(safe);
		free(piece);
	}
	spans->n = n;
	ui_text_push(t, UI_NORMAL, text, spans);
}

void ui_text_add_block(struct ui_text *t, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, n);

		ui_text_add(t, UI_NORMAL, line);
		free(line);
		p += n + (nl != NULL);
	}
}

void ui_text_finish(struct ui_text *t)
{
	size_t cap = 0;

	free(t->shown);
	t->shown = NULL;
	xgrow((void **)&t->shown, &cap, t->nlines + 1, sizeof(*t->shown));
	t->nshown = 0;
	for (size_t i = 0; i < t->nlines; i++)
		if (!t->filter[0] || strcasestr(t->lines[i], t->filter))
			t->shown[t->nshown++] = i;
	if (t->cursor >= t->nshown)
		t->cursor = t->nshown ? t->nshown - 1 : 0;
}

void ui_text_set_filter(struct ui_text *t, const char *filter)
{
	snprintf(t->filter, sizeof(t->filter), "%s", filter ? filter : "");
	ui_text_finish(t);
}

const char *ui_text_cursor_line(const struct ui_text *t)
{
	return t->cursor < t->nshown ? t->lines[t->shown[t->cursor]] : NULL;
}

static void ui_text_move(struct ui_text *t, long to)
{
	if (!t->nshown)
		return;
	if (to < 0)
		to = 0;
	if (to >= (long)t->nshown)
		to = (long)t->nshown - 1;
	t->cursor = (size_t)to;
}

/* Up and Down move the cursor; the page follows it when it leaves. */
static void ui_text_move_by(struct ui_text *t, long delta)
{
	ui_text_move(t, (long)t->cursor + delta);
}

/* The first line of the last page: the page never scrolls past the end. */
static size_t ui_text_last_top(const struct ui_text *t, size_t h)
{
	return t->nshown > h ? t->nshown - h : 0;
}

/* Scrolls by delta lines as less(1) does: the page moves at once and the
 * cursor with it, keeping its place on the screen (moving only the cursor
 * made the first PgDn seem to do nothing).  Where the page cannot move as
 * far, at either end, the cursor goes the rest of the way. */
static void ui_text_page(struct ui_text *t, long delta)
{
	size_t h = t->last_h > 0 ? (size_t)t->last_h : 1;
	long top = (long)t->top + delta;
	long last_top = (long)ui_text_last_top(t, h);

	t->top = (size_t)(top < 0 ? 0 : top > last_top ? last_top : top);
	ui_text_move(t, (long)t->cursor + delta);
}

/* The mouse wheel scrolls the page, like PgDn in smaller steps. */
void ui_text_scroll(struct ui_text *t, int delta)
{
	ui_text_page(t, delta);
}

bool ui_text_key(struct ui_text *t, int key)
{
	long page = t->last_h > 0 ? t->last_h : 1;

	switch (key) {
	case KEY_UP: case 'k': ui_text_move_by(t, -1); return true;
	case KEY_DOWN: case 'j': ui_text_move_by(t, 1); return true;
	case KEY_PPAGE: ui_text_page(t, -page); return true;
	case KEY_NPAGE: ui_text_page(t, page); return true;
	case KEY_HOME: case 'g': ui_text_move(t, 0); return true;
	case KEY_END: case 'G': ui_text_move(t, (long)t->nshown - 1); return true;
	case KEY_LEFT:
		t->hscroll = t->hscroll > 8 ? t->hscroll - 8 : 0;
		return true;
	case KEY_RIGHT:
		if (t->hscroll < 400)
			t->hscroll += 8;
		return true;
	default: return false;
	}
}

bool ui_text_click(struct ui_text *t, int y)
{
	size_t index;

	if (y < t->last_y || y >= t->last_y + t->last_h)
		return false;
	index = t->top + (size_t)(y - t->last_y);
	if (index >= t->nshown)
		return false;
	t->cursor = index;
	return true;
}

/* The part of a line right of the horizontal scroll. */
static const char *ui_text_from_col(const char *line, int col)
{
	size_t skip = ui_fit(line, col, NULL);

	return line + skip;
}

/* A line of segments, right of the horizontal scroll, in w columns. */
static void ui_text_draw_spans(WINDOW *win, int y, int x, int w,
                               const char *line,
                               const struct ui_text_spans *spans, int hscroll)
{
	size_t skip = ui_fit(line, hscroll, NULL), len = strlen(line);
	int col = 0;

	ui_blank(win, y, x, w, ui_style(UI_NORMAL));
	for (size_t i = 0; i < spans->n && col < w; i++) {
		size_t start = spans->span[i].start > skip ? spans->span[i].start
		                                           : skip;
		size_t end = i + 1 < spans->n ? spans->span[i + 1].start : len;
		char *piece;
		int drawn;

		if (start >= end)
			continue;
		piece = xstrndup(line + start, end - start);
		drawn = ui_put(win, y, x + col, piece, w - col, spans->span[i].attr);
		col += drawn;
		/* a wide character that did not fit ends the line */
		if (drawn < ui_width(piece))
			col = w;
		free(piece);
	}
}

void ui_text_draw(struct ui_text *t, WINDOW *win, int y, int x, int h, int w)
{
	size_t hh = h > 0 ? (size_t)h : 1;

	t->last_y = y;
	t->last_h = h;
	/* No blank space past the end (fewer lines after a filter or a
	 * refresh), then the cursor line in view. */
	if (t->top > ui_text_last_top(t, hh))
		t->top = ui_text_last_top(t, hh);
	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + hh)
		t->top = t->cursor - hh + 1;
	for (int i = 0; i < h; i++) {
		size_t index = t->top + (size_t)i;
		bool selected = t->cursor_visible && index == t->cursor;
		size_t line;
		attr_t attr;

		if (index >= t->nshown) {
			ui_blank(win, y + i, x, w, ui_style(UI_NORMAL));
			continue;
		}
		line = t->shown[index];
		if (!selected && t->spans[line]) {
			ui_text_draw_spans(win, y + i, x, w, t->lines[line],
			                   t->spans[line], t->hscroll);
			continue;
		}
		attr = ui_style(selected ? UI_SELECTED : t->styles[line]);
		ui_blank(win, y + i, x, w, attr);
		ui_put(win, y + i, x, ui_text_from_col(t->lines[line], t->hscroll),
		       w, attr);
	}
	if (!t->nshown && h > 0)
		ui_put(win, y, x + 1,
		       t->filter[0] ? _("(no line matches the filter)")
		                    : _("(nothing to show)"),
		       w - 1, ui_style(UI_DIM));
}
