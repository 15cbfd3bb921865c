/*
 * scan.h - the lexer every parser shares: cutting a text into lines, blanks
 * and digits, and reading decimal numbers without wrapping.
 *
 * Everything works on [pos, end) spans of the caller's text and never reads
 * past end, so a line needs no NUL and may be of any length.  The character
 * tests, the line cutter and scan_count are inline: they run for every byte
 * of status and smaps_rollup, thousands of times a refresh.
 *
 * Must not: allocate, do I/O, keep state, or depend on the locale (no
 * ctype.h, no strtol: "0.10" must not depend on LC_NUMERIC).
 */
#ifndef MEMLENS_PARSE_SCAN_H
#define MEMLENS_PARSE_SCAN_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* A piece of text, [pos, end): a line, a word, or what is left to read. */
struct scan_span {
	const char *pos;
	const char *end;
};

/* The whole of a NUL-terminated text. */
static inline struct scan_span scan_text(const char *text)
{
	return (struct scan_span){ text, text + strlen(text) };
}

/* Blanks separate words on a line: white space other than '\n'. */
static inline bool scan_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static inline bool scan_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline const char *scan_skip_blanks(const char *p, const char *end)
{
	while (p < end && scan_is_blank(*p))
		p++;
	return p;
}

/* Cuts the next line, without its newline, off text; false at the end. */
static inline bool scan_next_line(struct scan_span *text,
                                  struct scan_span *line)
{
	const char *newline;

	if (text->pos >= text->end)
		return false;
	newline = memchr(text->pos, '\n', (size_t)(text->end - text->pos));
	line->pos = text->pos;
	line->end = newline ? newline : text->end;
	text->pos = newline ? newline + 1 : text->end;
	return true;
}

/*
 * Reads the digits at *pos into *magnitude, up to limit.  Returns false on
 * overflow; all the digits are consumed either way.
 */
static inline bool scan_digits(const char **pos, const char *end,
                               uint64_t limit, uint64_t *magnitude)
{
	const char *p = *pos;
	uint64_t value = 0;
	bool fits = true;

	for (; p < end && scan_is_digit(*p); p++) {
		unsigned digit = (unsigned)(*p - '0');

		if (value > (limit - digit) / 10)
			fits = false; /* keep going: one pass over the digits */
		else
			value = value * 10 + digit;
	}
	*pos = p;
	*magnitude = value;
	return fits;
}

/*
 * Decimal digits at *pos, a value that cannot be negative (%lu, a node id).
 * Returns 0, -EINVAL (no digit: *pos unchanged) or -ERANGE (does not fit
 * int64).  All the digits are consumed even on -ERANGE, so the position
 * stays meaningful and a long run of digits costs one pass.
 */
static inline int scan_count(const char **pos, const char *end, int64_t *out)
{
	uint64_t value;

	if (*pos >= end || !scan_is_digit(**pos))
		return -EINVAL;
	if (!scan_digits(pos, end, (uint64_t)INT64_MAX, &value))
		return -ERANGE;
	*out = (int64_t)value;
	return 0;
}

/* An optional '-' and digits; otherwise as scan_count. */
int scan_int64(const char **pos, const char *end, int64_t *out);

/*
 * "123" or "12.34" (the kernel's "%lu.%02lu"), as the double nearest to the
 * printed decimal.  Returns 0, -EINVAL or -ERANGE (more digits than a double
 * holds exactly, which no kernel prints).
 */
int scan_decimal(const char **pos, const char *end, double *out);

#endif
