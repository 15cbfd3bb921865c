/*
 * parse_workload.c - the workload grammar of workload.h: one step a line,
 * '#' comments, sizes with K/M/G/T suffixes.
 *
 * Must not: do I/O, or accept a line it does not fully understand (a
 * prediction from a half-read workload would look like an answer).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "workload.h"

#define MAX_TOKENS 6

struct line_tokens {
	char *tok[MAX_TOKENS];
	size_t count;
};

static int parse_u64_digits(const char *s, const char **end, uint64_t *out)
{
	uint64_t v = 0;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*end = p;
	*out = v;
	return 0;
}

/* The shift of a unit suffix ("K", "KiB", "kb", "M", ...), or -1. */
static int unit_shift(const char *p)
{
	static const char units[] = "KMGT";
	const char *u;

	if (*p == '\0')
		return 0;
	u = strchr(units, toupper((unsigned char)*p));
	if (!u || !*u)
		return -1;
	p++;
	if ((p[0] == 'i' || p[0] == 'I') && (p[1] == 'B' || p[1] == 'b'))
		p += 2;
	else if (*p == 'B' || *p == 'b')
		p++;
	return *p ? -1 : 10 * (int)(u - units + 1);
}

int workload_parse_size(const char *token, uint64_t *bytes)
{
	const char *p;
	uint64_t v;
	int shift;

	if (parse_u64_digits(token, &p, &v) < 0)
		return -EINVAL;
	shift = unit_shift(p);
	if (shift < 0)
		return -EINVAL;
	if (shift && v > (UINT64_MAX >> shift))
		return -ERANGE;
	v <<= shift;
	if (v > WORKLOAD_MAX_BYTES)
		return -ERANGE;
	*bytes = v;
	return 0;
}

/* "2.5" seconds into microseconds. */
static int parse_seconds(const char *token, int64_t *us)
{
	char *end;
	double s;

	if (!isdigit((unsigned char)*token))
		return -EINVAL;
	errno = 0;
	s = strtod(token, &end);
	if (errno || *end || s < 0 || s * 1e6 > (double)WORKLOAD_MAX_WAIT_US)
		return -EINVAL;
	*us = (int64_t)(s * 1e6 + 0.5);
	return 0;
}

/* "x2" into 2. */
static int parse_repeat(const char *token, int64_t *count)
{
	const char *p;
	uint64_t v;

	if ((token[0] != 'x' && token[0] != 'X') ||
	    parse_u64_digits(token + 1, &p, &v) < 0 || *p || v == 0 ||
	    v > WORKLOAD_MAX_REPEAT)
		return -EINVAL;
	*count = (int64_t)v;
	return 0;
}

/* Splits a line (modified in place) into white-space separated tokens,
 * stopping at '#'.  -E2BIG for too many. */
static int tokenize(char *line, struct line_tokens *t)
{
	char *hash = strchr(line, '#'), *save = NULL;

	if (hash)
		*hash = '\0';
	t->count = 0;
	for (char *tok = strtok_r(line, " \t\r\v\f", &save); tok;
	     tok = strtok_r(NULL, " \t\r\v\f", &save)) {
		if (t->count == MAX_TOKENS)
			return -E2BIG;
		t->tok[t->count++] = tok;
	}
	return 0;
}

static bool is_folio_size(uint64_t bytes)
{
	return bytes >= 4096 && bytes <= (UINT64_C(2) << 20) &&
	       (bytes & (bytes - 1)) == 0;
}

/* "SIZE" as the only argument. */
static const char *parse_size_arg(const struct line_tokens *t, size_t first,
                                  struct workload_step *s, bool nonzero)
{
	if (t->count != first + 1)
		return N_("takes one SIZE");
	if (workload_parse_size(t->tok[first], &s->bytes) < 0)
		return N_("SIZE is not a size (a number with an optional K, M, G "
		          "or T suffix)");
	if (nonzero && s->bytes == 0)
		return N_("SIZE must be more than 0");
	return NULL;
}

static const char *parse_read(const struct line_tokens *t,
                              struct workload_step *s)
{
	s->count = 1;
	if (t->count < 2 || t->count > 3)
		return N_("reads 'read FILE [xN]' or 'read SIZE [xN]'");
	if (t->count == 3 && parse_repeat(t->tok[2], &s->count) < 0)
		return N_("the repeat count reads xN, N from 1 to 1000");
	if (workload_parse_size(t->tok[1], &s->bytes) == 0)
		return s->bytes ? NULL : N_("SIZE must be more than 0");
	if (isdigit((unsigned char)t->tok[1][0]) &&
	    strspn(t->tok[1], "0123456789") == strlen(t->tok[1]))
		return N_("SIZE is too large");
	s->file = xstrdup(t->tok[1]);
	return NULL;
}

static const char *parse_anon(const struct line_tokens *t,
                              struct workload_step *s)
{
	const char *verb = t->tok[0];

	if (strcmp(verb, "anon") == 0) {
		s->op = WL_ANON;
		return parse_size_arg(t, 1, s, true);
	}
	s->op = strcmp(verb, "touch") == 0 ? WL_TOUCH_ANON : WL_FREE_ANON;
	if (t->count < 2 || strcmp(t->tok[1], "anon") != 0)
		return N_("reads 'touch anon SIZE' or 'free anon SIZE'");
	return parse_size_arg(t, 2, s, true);
}

static const char *parse_setting(const struct line_tokens *t,
                                 struct workload_step *s)
{
	const char *verb = t->tok[0];
	uint64_t v;
	const char *end;

	if (strcmp(verb, "limit") == 0) {
		s->op = WL_LIMIT;
		return parse_size_arg(t, 1, s, true);
	}
	if (strcmp(verb, "swap") == 0) {
		s->op = WL_SWAP;
		return parse_size_arg(t, 1, s, false);
	}
	s->op = WL_SWAPPINESS;
	if (t->count != 2 || parse_u64_digits(t->tok[1], &end, &v) < 0 ||
	    *end || v > 200)
		return N_("swappiness takes a number from 0 to 200");
	s->count = (int64_t)v;
	return NULL;
}

static const char *parse_other(const struct line_tokens *t,
                               struct workload_step *s)
{
	const char *verb = t->tok[0];

	if (strcmp(verb, "file") == 0) {
		s->op = WL_FILE;
		if (t->count != 3 || workload_parse_size(t->tok[2], &s->bytes) < 0)
			return N_("reads 'file FILE SIZE'");
		s->file = xstrdup(t->tok[1]);
		return NULL;
	}
	if (strcmp(verb, "folio") == 0) {
		const char *why = parse_size_arg(t, 1, s, true);

		s->op = WL_FOLIO;
		if (!why && !is_folio_size(s->bytes))
			why = N_("the folio size is a power of two from 4K to 2M");
		return why;
	}
	s->op = WL_WAIT;
	if (t->count != 2 || parse_seconds(t->tok[1], &s->count) < 0)
		return N_("wait takes SECONDS, at most an hour");
	return NULL;
}

/* Fills s from a line's tokens; NULL, or why the line is wrong. */
static const char *parse_step(const struct line_tokens *t,
                              struct workload_step *s)
{
	static const char *const settings[] = { "limit", "swap", "swappiness" };
	static const char *const anon[] = { "anon", "touch", "free" };
	static const char *const other[] = { "file", "folio", "wait" };
	const char *verb = t->tok[0];

	if (strcmp(verb, "read") == 0) {
		s->op = WL_READ;
		return parse_read(t, s);
	}
	for (size_t i = 0; i < ARRAY_SIZE(settings); i++)
		if (strcmp(verb, settings[i]) == 0)
			return parse_setting(t, s);
	for (size_t i = 0; i < ARRAY_SIZE(anon); i++)
		if (strcmp(verb, anon[i]) == 0)
			return parse_anon(t, s);
	for (size_t i = 0; i < ARRAY_SIZE(other); i++)
		if (strcmp(verb, other[i]) == 0)
			return parse_other(t, s);
	return N_("unknown step (steps: limit, swap, swappiness, anon, touch "
	          "anon, free anon, read, file, folio, wait)");
}

static void add_step(struct workload *w, size_t *cap,
                     const struct workload_step *s)
{
	xgrow((void **)&w->steps, cap, w->count + 1, sizeof(*w->steps));
	w->steps[w->count++] = *s;
}

static int fail(struct workload *w, char **error, unsigned line,
                const char *why, const char *text)
{
	workload_clear(w);
	*error = xasprintf(_("line %u: %s: %s"), line, _(why), text);
	return -EINVAL;
}

/* One line into w; -EINVAL with *error. */
static int parse_line(struct workload *w, size_t *cap, char *line,
                      unsigned number, char **error)
{
	char *copy = xstrdup(line);
	struct line_tokens t;
	struct workload_step s = { .line = number };
	const char *why;
	int rc = 0;

	if (tokenize(line, &t) < 0) {
		rc = fail(w, error, number, N_("too many words"), copy);
	} else if (t.count > 0) {
		why = parse_step(&t, &s);
		if (why) {
			free(s.file);
			rc = fail(w, error, number, why, copy);
		} else {
			add_step(w, cap, &s);
		}
	}
	free(copy);
	return rc;
}

int parse_workload(const char *text, struct workload *out, char **error)
{
	char *copy = xstrdup(text), *p = copy;
	size_t cap = 0;
	unsigned number = 0;

	*out = (struct workload){ 0 };
	*error = NULL;
	while (p) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = '\0';
		number++;
		if (parse_line(out, &cap, p, number, error) < 0) {
			free(copy);
			return -EINVAL;
		}
		p = nl ? nl + 1 : NULL;
	}
	free(copy);
	if (out->count == 0) {
		*error = xstrdup(_("the workload has no steps"));
		return -EINVAL;
	}
	return 0;
}

void workload_clear(struct workload *w)
{
	for (size_t i = 0; i < w->count; i++)
		free(w->steps[i].file);
	free(w->steps);
	*w = (struct workload){ 0 };
}

/* Bytes as the grammar writes them: the largest exact unit. */
static void size_text(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "KMGT";
	int u = -1;

	while (bytes && u < 3 && (bytes & 1023) == 0) {
		bytes >>= 10;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%llu", (unsigned long long)bytes);
	else
		snprintf(buf, len, "%llu%c", (unsigned long long)bytes, units[u]);
}

char *workload_step_text(const struct workload_step *s)
{
	char size[32];

	size_text(s->bytes, size, sizeof(size));
	switch (s->op) {
	case WL_LIMIT: return xasprintf("limit %s", size);
	case WL_SWAP: return xasprintf("swap %s", size);
	case WL_SWAPPINESS: return xasprintf("swappiness %lld", (long long)s->count);
	case WL_ANON: return xasprintf("anon %s", size);
	case WL_TOUCH_ANON: return xasprintf("touch anon %s", size);
	case WL_FREE_ANON: return xasprintf("free anon %s", size);
	case WL_READ:
		return xasprintf("read %s x%lld", s->file ? s->file : size,
		                 (long long)s->count);
	case WL_FILE: return xasprintf("file %s %s", s->file, size);
	case WL_FOLIO: return xasprintf("folio %s", size);
	case WL_WAIT: return xasprintf("wait %.3f", (double)s->count / 1e6);
	}
	return xstrdup("?");
}
