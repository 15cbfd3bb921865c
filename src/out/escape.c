/*
 * escape.c - terminal-safe strings (see escape.h): a strict UTF-8 decoder,
 * a rule for what may reach a terminal as is, and \xNN for the rest.
 *
 * Must not: print anything, or trust that a kernel string is text.
 */
#include "config.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "escape.h"
#include "util.h"

bool escape_locale_utf8(void)
{
	const char *codeset = nl_langinfo(CODESET);

	return codeset && (strcasecmp(codeset, "UTF-8") == 0 ||
	                   strcasecmp(codeset, "utf8") == 0);
}

/*
 * Decodes the UTF-8 sequence at s.  Returns its length (2..4) with *cp set,
 * or 0 when the bytes are not well-formed UTF-8: a stray continuation byte,
 * a truncated sequence, an overlong form, a surrogate, or above U+10FFFF.
 */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	size_t len;
	uint32_t value, min;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, value = s[0] & 0x1f, min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3, value = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, value = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	/* A NUL terminator is not a continuation byte, so this stops there. */
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		value = value << 6 | (s[i] & 0x3f);
	}
	if (value < min || value > 0x10ffff ||
	    (value >= 0xd800 && value <= 0xdfff))
		return 0;
	*cp = value;
	return len;
}

/*
 * Code points that are valid but must not reach a terminal raw: C1 controls
 * (U+009B is a one-byte CSI on some terminals), and invisible format
 * characters that reorder or hide text (bidi overrides, isolates, line and
 * paragraph separators, zero-width marks, BOM), as "Trojan Source" uses.
 */
static bool codepoint_hidden(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	       (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xfffe || cp == 0xffff;
}

static int codepoint_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	/* Outside a UTF-8 locale wcwidth knows no width: assume one column. */
	return w < 0 ? 1 : w;
}

struct buf {
	char *text;
	size_t len;
	size_t cap;
	int cols;
};

static void buf_append(struct buf *b, const char *bytes, size_t n)
{
	xgrow((void **)&b->text, &b->cap, b->len + n + 1, 1);
	memcpy(b->text + b->len, bytes, n);
	b->len += n;
	b->text[b->len] = '\0';
}

/* One piece of the output: the bytes to write and their display columns. */
struct piece {
	char bytes[16];
	size_t len;
	int cols;
	size_t consumed; /* input bytes this piece stands for */
};

static void piece_hex(struct piece *p, const unsigned char *s, size_t n)
{
	p->len = 0;
	for (size_t i = 0; i < n; i++)
		p->len += (size_t)snprintf(p->bytes + p->len,
		                           sizeof(p->bytes) - p->len, "\\x%02x",
		                           s[i]);
	p->cols = (int)p->len;
	p->consumed = n;
}

/* The next piece of s (s[0] is not NUL). */
static void next_piece(const unsigned char *s, bool utf8, struct piece *p)
{
	uint32_t cp;
	size_t n;

	if (s[0] >= 0x20 && s[0] < 0x7f) {
		p->bytes[0] = (char)s[0];
		p->len = 1, p->cols = 1, p->consumed = 1;
	} else if (s[0] < 0x80 || !utf8 || (n = utf8_decode(s, &cp)) == 0) {
		piece_hex(p, s, 1);
	} else if (codepoint_hidden(cp)) {
		piece_hex(p, s, n);
	} else {
		memcpy(p->bytes, s, n);
		p->len = n, p->cols = codepoint_width(cp), p->consumed = n;
	}
}

char *escape_term_cols(const char *s, bool utf8, int max_cols, int *cols,
                       bool *truncated)
{
	const unsigned char *in = (const unsigned char *)(s ? s : "");
	struct buf out = { 0 };
	bool cut = false;

	buf_append(&out, "", 0);
	while (*in) {
		struct piece p;

		next_piece(in, utf8, &p);
		if (max_cols >= 0 && out.cols + p.cols > max_cols) {
			cut = true;
			break;
		}
		buf_append(&out, p.bytes, p.len);
		out.cols += p.cols;
		in += p.consumed;
	}
	if (cols)
		*cols = out.cols;
	if (truncated)
		*truncated = cut;
	return out.text;
}

char *escape_term(const char *s, bool utf8)
{
	return escape_term_cols(s, utf8, -1, NULL, NULL);
}

int escape_width(const char *safe)
{
	const unsigned char *in = (const unsigned char *)(safe ? safe : "");
	int cols = 0;

	while (*in) {
		uint32_t cp;
		size_t n = *in >= 0x80 ? utf8_decode(in, &cp) : 0;

		cols += n ? codepoint_width(cp) : 1;
		in += n ? n : 1;
	}
	return cols;
}
