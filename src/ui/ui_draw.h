/*
 * ui_draw.h - small drawing helpers that every part of the screen uses:
 * strings cut to a number of display columns, lines built of styled
 * segments and drawn clipped, sizes and rates formatted to fit a column,
 * and bars.
 *
 * Strings drawn here must be terminal-safe already: kernel strings go
 * through ui_line_add_safe() or escape_term() (escape.h) first.
 *
 * Must not: know about snapshots or views.
 */
#ifndef MEMLENS_UI_DRAW_H
#define MEMLENS_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "ui_color.h"

/* Bytes of s that fit in max_cols display columns; *cols gets the columns
 * they take (may be NULL). */
size_t ui_fit(const char *s, int max_cols, int *cols);

/* Display columns of s. */
int ui_width(const char *s);

/* s padded with blanks to at least cols display columns, in buf of size
 * bytes (cut only to fit buf, on a character): "%-8s" for translated
 * words, whose bytes are not their columns. */
const char *ui_pad(char *buf, size_t size, const char *s, int cols);

/* Bytes of s that make its next line when it is wrapped at max_cols
 * display columns: up to the last blank that fits, or as much as fits
 * when no blank does (scripts without blanks between words).  At least
 * one character while s is not empty. */
size_t ui_wrap(const char *s, int max_cols);

/* Draws s at (y, x), at most max_cols columns; returns the columns used. */
int ui_put(WINDOW *w, int y, int x, const char *s, int max_cols, attr_t attr);

/* Fills n columns from (y, x) with blanks in attr. */
void ui_blank(WINDOW *w, int y, int x, int n, attr_t attr);

#define UI_LINE_BYTES 2048
/* Enough for a row of the buddy view's map, one segment per cell where
 * neighbours differ; past it the last segment's style continues. */
#define UI_LINE_SEGS 256

/* A line of styled segments, built left to right, drawn clipped. */
struct ui_line {
	char text[UI_LINE_BYTES];
	size_t len;
	struct {
		size_t start;
		attr_t attr;
	} segs[UI_LINE_SEGS];
	size_t nsegs;
};

void ui_line_init(struct ui_line *l);
/* Appends our own text (formats and translations), in style. */
void ui_line_add(struct ui_line *l, enum ui_style style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Appends a kernel string, escaped. */
void ui_line_add_safe(struct ui_line *l, enum ui_style style, const char *s);
int ui_line_width(const struct ui_line *l);
/* Draws the line in width columns, padding the rest in fill's style. */
void ui_line_draw(const struct ui_line *l, WINDOW *w, int y, int x, int width,
                  enum ui_style fill);

/* Room for a formatted number. */
#define UI_NUM_LEN 32

/*
 * A size given in KiB, as tables show it: KiB below 100000, then MiB, GiB,
 * TiB with a one-letter suffix (M, G, T) and one decimal, as htop does;
 * *unit_style (may be NULL) is the style the suffix should have.
 */
const char *ui_format_kb(char *buf, int64_t kb, enum ui_style *unit_style);
/* A size in KiB for prose: "512K", "5.2M", "15.6G". */
const char *ui_format_human(char *buf, int64_t kb);
/* A rate per second: one decimal below 1000, then k and M suffixes. */
const char *ui_format_rate(char *buf, double rate);

/* One part of a bar: its share of the bar's total, style and glyph. */
struct ui_bar_part {
	double value;
	enum ui_style style;
	enum ui_glyph glyph;
};

/* "[####==    ]" in width columns (at least 3); parts past the total are
 * cut. */
void ui_bar(WINDOW *w, int y, int x, int width, const struct ui_bar_part *parts,
            size_t nparts, double total);

#endif
