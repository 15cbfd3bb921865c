/*
 * ui_draw.c - strings cut to display columns, styled lines, numbers that
 * fit a column, and bars (see ui_draw.h).  Widths come from the locale
 * (mbrtowc, wcwidth), so that a cut never splits a character.
 *
 * Must not: escape strings itself except in ui_line_add_safe (callers pass
 * terminal-safe text), or know about snapshots.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "escape.h"
#include "ui_draw.h"

/* The next character of s: its byte length and display columns; a byte
 * that is not a character of the locale counts as one column. */
static size_t ui_next_char(const char *s, int *cols)
{
	mbstate_t state;
	wchar_t wc;
	size_t n;

	memset(&state, 0, sizeof(state));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &state);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cols = 1;
		return 1;
	}
	*cols = wcwidth(wc);
	if (*cols < 0)
		*cols = 1;
	return n;
}

size_t ui_fit(const char *s, int max_cols, int *cols)
{
	size_t len = 0;
	int used = 0;

	while (s[len]) {
		int w;
		size_t n = ui_next_char(s + len, &w);

		if (used + w > max_cols)
			break;
		used += w;
		len += n;
	}
	if (cols)
		*cols = used;
	return len;
}

int ui_width(const char *s)
{
	int cols = 0;

	while (*s) {
		int w;

		s += ui_next_char(s, &w);
		cols += w;
	}
	return cols;
}

const char *ui_pad(char *buf, size_t size, const char *s, int cols)
{
	size_t len = 0;
	int used = 0;

	if (!size)
		return buf;
	for (s = s ? s : ""; s[len];) {
		int w;
		size_t n = ui_next_char(s + len, &w);

		if (len + n >= size)
			break;
		len += n;
		used += w;
	}
	memcpy(buf, s, len);
	for (; used < cols && len + 1 < size; used++)
		buf[len++] = ' ';
	buf[len] = '\0';
	return buf;
}

size_t ui_wrap(const char *s, int max_cols)
{
	size_t fit = ui_fit(s, max_cols, NULL), cut = fit;
	int w;

	if (!s[fit] || s[fit] == ' ')
		return fit;
	/* Double-width scripts (Chinese, Japanese) break between any two
	 * characters: cut there rather than at an earlier blank. */
	ui_next_char(s + fit, &w);
	if (w > 1)
		return fit ? fit : ui_next_char(s, &w);
	while (cut > 0 && s[cut - 1] != ' ')
		cut--;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	if (cut > 0)
		return cut;
	/* No blank to cut at: as much as fits, and one character at least. */
	return fit ? fit : ui_next_char(s, &w);
}

int ui_put(WINDOW *w, int y, int x, const char *s, int max_cols, attr_t attr)
{
	int cols;
	size_t len;

	if (!s || max_cols <= 0 || y < 0 || x < 0 || y >= getmaxy(w) ||
	    x >= getmaxx(w))
		return 0;
	if (max_cols > getmaxx(w) - x)
		max_cols = getmaxx(w) - x;
	len = ui_fit(s, max_cols, &cols);
	if (!len)
		return 0;
	wattrset(w, attr);
	mvwaddnstr(w, y, x, s, (int)len);
	wattrset(w, A_NORMAL);
	return cols;
}

void ui_blank(WINDOW *w, int y, int x, int n, attr_t attr)
{
	if (y < 0 || x < 0 || y >= getmaxy(w) || x >= getmaxx(w) || n <= 0)
		return;
	if (n > getmaxx(w) - x)
		n = getmaxx(w) - x;
	wattrset(w, attr);
	mvwhline(w, y, x, ' ', n);
	wattrset(w, A_NORMAL);
}

void ui_line_init(struct ui_line *l)
{
	l->len = 0;
	l->nsegs = 0;
	l->text[0] = '\0';
}

static void ui_line_append(struct ui_line *l, attr_t attr, const char *s)
{
	size_t full = strlen(s), n = full;

	if (l->len + n >= sizeof(l->text))
		n = sizeof(l->text) - 1 - l->len;
	/* A line cut short does not end inside a multibyte character. */
	while (n > 0 && n < full && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	if (!n)
		return;
	if (l->nsegs && l->segs[l->nsegs - 1].attr == attr) {
		/* the same style continues the last segment */
	} else if (l->nsegs < UI_LINE_SEGS) {
		l->segs[l->nsegs].start = l->len;
		l->segs[l->nsegs++].attr = attr;
	}
	memcpy(l->text + l->len, s, n);
	l->len += n;
	l->text[l->len] = '\0';
}

void ui_line_add(struct ui_line *l, enum ui_style style, const char *fmt, ...)
{
	char buf[UI_LINE_BYTES];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ui_line_append(l, ui_style(style), buf);
}

void ui_line_add_safe(struct ui_line *l, enum ui_style style, const char *s)
{
	char *safe = escape_term(s ? s : "n/a", escape_locale_utf8());

	ui_line_append(l, ui_style(style), safe);
	free(safe);
}

int ui_line_width(const struct ui_line *l)
{
	return ui_width(l->text);
}

void ui_line_draw(const struct ui_line *l, WINDOW *w, int y, int x, int width,
                  enum ui_style fill)
{
	int col = 0;

	for (size_t i = 0; i < l->nsegs && col < width; i++) {
		size_t end = i + 1 < l->nsegs ? l->segs[i + 1].start : l->len;
		size_t start = l->segs[i].start;
		char piece[UI_LINE_BYTES];

		memcpy(piece, l->text + start, end - start);
		piece[end - start] = '\0';
		col += ui_put(w, y, x + col, piece, width - col, l->segs[i].attr);
	}
	ui_blank(w, y, x + col, width - col, ui_style(fill));
}

const char *ui_format_kb(char *buf, int64_t kb, enum ui_style *unit_style)
{
	static const struct {
		double scale;
		char suffix;
		enum ui_style style;
	} units[] = {
		{ 1024.0, 'M', UI_UNIT_M },
		{ 1024.0 * 1024, 'G', UI_UNIT_G },
		{ 1024.0 * 1024 * 1024, 'T', UI_UNIT_T },
	};
	size_t u = 0;

	if (unit_style)
		*unit_style = UI_NORMAL;
	if (kb > -100000 && kb < 100000) {
		snprintf(buf, UI_NUM_LEN, "%" PRId64, kb);
		return buf;
	}
	while (u + 1 < sizeof(units) / sizeof(units[0]) &&
	       fabs((double)kb) / units[u].scale >= 1000)
		u++;
	snprintf(buf, UI_NUM_LEN, "%.1f%c", (double)kb / units[u].scale,
	         units[u].suffix);
	if (unit_style)
		*unit_style = units[u].style;
	return buf;
}

const char *ui_format_human(char *buf, int64_t kb)
{
	static const char suffixes[] = "KMGTP";
	double value = (double)kb;
	size_t u = 0;

	while (fabs(value) >= 1024 && u + 1 < sizeof(suffixes) - 1) {
		value /= 1024;
		u++;
	}
	if (u == 0 || fabs(value) >= 100)
		snprintf(buf, UI_NUM_LEN, "%.0f%c", value, suffixes[u]);
	else
		snprintf(buf, UI_NUM_LEN, "%.1f%c", value, suffixes[u]);
	return buf;
}

const char *ui_format_rate(char *buf, double rate)
{
	if (fabs(rate) < 1000)
		snprintf(buf, UI_NUM_LEN, "%.1f", rate);
	else if (fabs(rate) < 1e6)
		snprintf(buf, UI_NUM_LEN, "%.1fk", rate / 1e3);
	else
		snprintf(buf, UI_NUM_LEN, "%.1fM", rate / 1e6);
	return buf;
}

void ui_bar(WINDOW *w, int y, int x, int width, const struct ui_bar_part *parts,
            size_t nparts, double total)
{
	int inner = width - 2, col = 0;
	double sum = 0;

	if (width < 3)
		return;
	ui_put(w, y, x, "[", 1, ui_style(UI_BOLD));
	for (size_t i = 0; i < nparts && total > 0; i++) {
		int end;

		sum += parts[i].value > 0 ? parts[i].value : 0;
		end = (int)lround(fmin(sum / total, 1.0) * inner);
		for (; col < end; col++)
			ui_put(w, y, x + 1 + col, ui_glyph(parts[i].glyph), 1,
			       ui_style(parts[i].style));
	}
	for (; col < inner; col++)
		ui_put(w, y, x + 1 + col, ui_glyph(UI_G_BAR_EMPTY), 1,
		       ui_style(UI_DIM));
	ui_put(w, y, x + width - 1, "]", 1, ui_style(UI_BOLD));
}
