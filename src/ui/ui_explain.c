/*
 * ui_explain.c - the explain panel (see ui_explain.h): lines added by views
 * and engines, word-wrapped to the panel's width when drawn, in a box with
 * a title rule, scrollable with J and K.
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
#include "ui_explain.h"
#include "util.h"

void ui_explain_init(struct ui_explain *ex)
{
	memset(ex, 0, sizeof(*ex));
}

void ui_explain_clear(struct ui_explain *ex, bool keep_scroll)
{
	for (size_t i = 0; i < ex->count; i++)
		free(ex->lines[i].text);
	ex->count = 0;
	if (!keep_scroll)
		ex->scroll = 0;
}

void ui_explain_free(struct ui_explain *ex)
{
	ui_explain_clear(ex, false);
	free(ex->lines);
	memset(ex, 0, sizeof(*ex));
}

static void ui_explain_push(struct ui_explain *ex, enum ui_explain_kind kind,
                            const char *text)
{
	xgrow((void **)&ex->lines, &ex->cap, ex->count + 1, sizeof(*ex->lines));
	ex->lines[ex->count].kind = kind;
	ex->lines[ex->count++].text = escape_term(text, escape_locale_utf8());
}

void ui_explain_add(struct ui_explain *ex, enum ui_explain_kind kind,
                    const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
	ui_explain_push(ex, kind, text);
	free(text);
}

void ui_explain_add_block(struct ui_explain *ex, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, n);

		ui_explain_push(ex, UI_EX_CODE, line);
		free(line);
		p += n + (nl != NULL);
	}
}

void ui_explain_scroll(struct ui_explain *ex, int delta)
{
	ex->scroll += delta;
	if (ex->scroll < 0)
		ex->scroll = 0;
}

static enum ui_style ui_explain_style(enum ui_explain_kind kind)
{
	switch (kind) {
	case UI_EX_TITLE: return UI_PANEL_TITLE;
	case UI_EX_VALUE: return UI_VALUE;
	case UI_EX_NOTE: return UI_DIM;
	case UI_EX_WARN: return UI_WARN;
	default: return UI_NORMAL;
	}
}

/* Bytes of s (from its start) that make the next wrapped line of at most
 * w columns: cut after the last blank that fits, or hard at w. */
static size_t ui_explain_wrap(const char *s, int w, size_t *skip)
{
	size_t fit = ui_fit(s, w, NULL), cut = fit;

	*skip = 0;
	if (!s[fit])
		return fit;
	while (cut > 0 && s[cut] != ' ')
		cut--;
	if (cut == 0)
		cut = fit ? fit : 1; /* one word wider than the panel */
	while (s[cut + *skip] == ' ')
		(*skip)++;
	return cut;
}

/* A callback per wrapped line; returns how many there are. */
static int ui_explain_layout(const struct ui_explain *ex, int w,
                             void (*emit)(void *, int, const char *, size_t,
                                          enum ui_explain_kind),
                             void *arg)
{
	int n = 0;

	for (size_t i = 0; i < ex->count; i++) {
		const char *s = ex->lines[i].text;
		enum ui_explain_kind kind = ex->lines[i].kind;

		if (kind == UI_EX_CODE || !*s) {
			if (emit)
				emit(arg, n, s, strlen(s), kind);
			n++;
			continue;
		}
		while (*s) {
			size_t skip, len = ui_explain_wrap(s, w, &skip);

			if (emit)
				emit(arg, n, s, len, kind);
			n++;
			s += len + skip;
		}
	}
	return n;
}

struct ui_explain_pen {
	WINDOW *win;
	int y, x, h, w, first;
};

static void ui_explain_emit(void *arg, int n, const char *s, size_t len,
                            enum ui_explain_kind kind)
{
	struct ui_explain_pen *p = arg;
	char line[4096];
	int row = n - p->first;

	if (row < 0 || row >= p->h)
		return;
	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	memcpy(line, s, len);
	line[len] = '\0';
	ui_put(p->win, p->y + row, p->x, line, p->w, ui_style(ui_explain_style(kind)));
}

static void ui_explain_box(WINDOW *win, int y, int x, int w, int total,
                           int first, int shown)
{
	struct ui_line l;

	ui_line_init(&l);
	ui_line_add(&l, UI_PANEL_BORDER, "%s", ui_glyph(UI_G_HLINE));
	ui_line_add(&l, UI_PANEL_TITLE, " %s ", _("Explain"));
	ui_line_add(&l, UI_DIM, "(e %s, J/K %s) ", _("closes"), _("scroll"));
	if (total > shown)
		ui_line_add(&l, UI_DIM, "%d-%d/%d ", first + 1,
		            first + shown < total ? first + shown : total, total);
	while (ui_line_width(&l) < w && l.len + 4 < sizeof(l.text))
		ui_line_add(&l, UI_PANEL_BORDER, "%s", ui_glyph(UI_G_HLINE));
	ui_line_draw(&l, win, y, x, w, UI_NORMAL);
}

void ui_explain_draw(struct ui_explain *ex, WINDOW *win, int y, int x, int h,
                     int w)
{
	struct ui_explain_pen pen = { win, y + 1, x + 1, h - 1, w - 2, 0 };
	int total;

	if (h < 2 || w < 6)
		return;
	for (int i = 0; i < h; i++)
		ui_blank(win, y + i, x, w, ui_style(UI_NORMAL));
	total = ui_explain_layout(ex, pen.w, NULL, NULL);
	if (ex->scroll > total - pen.h)
		ex->scroll = total - pen.h > 0 ? total - pen.h : 0;
	pen.first = ex->scroll;
	ui_explain_box(win, y, x, w, total, pen.first, pen.h);
	ui_explain_layout(ex, pen.w, ui_explain_emit, &pen);
}
