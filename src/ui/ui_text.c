/*
 * ui_text.c - the scrollable text page (see ui_text.h).
 *
 * Must not: draw a line that was not made terminal-safe here.
 */
#include "config.h"

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
	for (size_t i = 0; i < t->nlines; i++)
		free(t->lines[i]);
	t->nlines = 0;
	t->nshown = 0;
}

void ui_text_free(struct ui_text *t)
{
	ui_text_clear(t);
	free(t->lines);
	free(t->styles);
	free(t->shown);
	memset(t, 0, sizeof(*t));
}

void ui_text_add(struct ui_text *t, enum ui_style style, const char *line)
{
	xgrow((void **)&t->lines, &t->cap, t->nlines + 1, sizeof(*t->lines));
	xgrow((void **)&t->styles, &t->styles_cap, t->nlines + 1,
	      sizeof(*t->styles));
	t->lines[t->nlines] = escape_term(line, escape_locale_utf8());
	t->styles[t->nlines++] = style;
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

void ui_text_scroll(struct ui_text *t, int delta)
{
	ui_text_move(t, (long)t->cursor + delta);
}

bool ui_text_key(struct ui_text *t, int key)
{
	long page = t->last_h > 1 ? t->last_h - 1 : 1;

	switch (key) {
	case KEY_UP: case 'k': ui_text_scroll(t, -1); return true;
	case KEY_DOWN: case 'j': ui_text_scroll(t, 1); return true;
	case KEY_PPAGE: ui_text_move(t, (long)t->cursor - page); return true;
	case KEY_NPAGE: ui_text_move(t, (long)t->cursor + page); return true;
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

void ui_text_draw(struct ui_text *t, WINDOW *win, int y, int x, int h, int w)
{
	size_t hh = h > 0 ? (size_t)h : 1;

	t->last_y = y;
	t->last_h = h;
	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + hh)
		t->top = t->cursor - hh + 1;
	if (t->nshown <= hh)
		t->top = 0;
	for (int i = 0; i < h; i++) {
		size_t index = t->top + (size_t)i;
		attr_t attr;

		if (index >= t->nshown) {
			ui_blank(win, y + i, x, w, ui_style(UI_NORMAL));
			continue;
		}
		attr = ui_style(t->cursor_visible && index == t->cursor
		                        ? UI_SELECTED
		                        : t->styles[t->shown[index]]);
		ui_blank(win, y + i, x, w, attr);
		ui_put(win, y + i, x,
		       ui_text_from_col(t->lines[t->shown[index]], t->hscroll), w,
		       attr);
	}
	if (!t->nshown && h > 0)
		ui_put(win, y, x + 1,
		       t->filter[0] ? _("(no line matches the filter)")
		                    : _("(nothing to show)"),
		       w - 1, ui_style(UI_DIM));
}
