/*
 * gen-explain.c - turns the manual pages into the table of explanations
 * behind `memlens --explain` and the help screen (explain.h), so that the
 * pages stay the one source of both.  Run at build time:
 *
 *   gen-explain PAGE...            the C source of the table, on stdout
 *   gen-explain --topics PAGE...   one line per topic: kind, name, page,
 *                                  section, keys (for tests)
 *
 * A page is memlens(1), memlens-json(5) or memlens-diagnostics(7), told
 * apart by its .TH section; a page that does not exist is skipped, so the
 * table has fewer topics (a page still being written).
 *
 * The roff is reduced to plain text here: fonts dropped, special
 * characters as ASCII (\(em is "--", as mandoc -Tascii prints it), .TP
 * tags as terms with their body indented, .EX blocks kept line by line.
 * Only the man(7) macros the pages use are understood; others are ignored.
 *
 * Must not: depend on the date, the machine or the paths it is given (the
 * output is compared and rebuilt in other trees); read anything but the
 * pages.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"

#define MAX_LINE 4096
#define MAX_ARGS 16

/* ---- growing storage ----------------------------------------------------- */

static void *xgrow(void *p, size_t n, size_t size)
{
	p = realloc(p, n * size);
	if (!p) {
		perror("gen-explain");
		exit(1);
	}
	return p;
}

static char *xstrdup_(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		perror("gen-explain");
		exit(1);
	}
	return d;
}

/* A string that grows. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_addn(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xgrow(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_add(struct buf *b, const char *s) { buf_addn(b, s, strlen(s)); }

static char *buf_take(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup_("");

	*b = (struct buf){ 0 };
	return s;
}

/* ---- what is parsed -------------------------------------------------------- */

struct block {
	int kind, indent, gap;
	char *text;
	int section;     /* index into sections */
	int entry;       /* a .TP tag at the margin of its section: starts an entry */
	int ends_entry;  /* a paragraph back at the margin (.PP, .SS) */
};

struct section {
	char *title;
	const char *page; /* "memlens(1)" */
	int page_section;/* 1, 5, 7 */
	size_t first, end; /* blocks */
};

struct key {
	char *key;
	int rank;
	size_t topic;
};

struct topic {
	int kind;
	char *name, *heading, *views;
	const char *page, *section;
	size_t first, end;
};

static struct block *blocks;
static size_t nblocks;
static struct section *sections;
static size_t nsections;
static struct topic *topics;
static size_t ntopics;
static struct key *keys;
static size_t nkeys;
/* The view names of memlens(1) VIEWS, to find them in diagnostics. */
static char *view_names[32];
static size_t nview_names;

/* ---- escapes --------------------------------------------------------------- */

/* Special characters as ASCII, as mandoc -Tascii prints them. */
static const struct { const char *name, *text; } specials[] = {
	{ "em", "--" }, { "en", "-" }, { "mi", "-" }, { "hy", "-" },
	{ "mu", "x" }, { "lq", "\"" }, { "rq", "\"" }, { "dq", "\"" },
	{ "aq", "'" }, { "oq", "`" }, { "cq", "'" }, { "ga", "`" },
	{ "bu", "o" }, { "ti", "~" }, { "ha", "^" }, { "rs", "\\" },
	{ "ge", ">=" }, { "le", "<=" }, { "co", "(C)" }, { "de", "o" },
	{ "->", "->" }, { "<-", "<-" }, { "sl", "/" }, { "pl", "+" },
	{ "eq", "=" }, { "ba", "|" }, { "br", "|" }, { "at", "@" },
};

static const char *special(const char *name)
{
	for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++)
		if (strcmp(specials[i].name, name) == 0)
			return specials[i].text;
	return "?";
}

/* The name of \(xx, \[name] or \*x escapes; returns the end. */
static const char *escape_name(const char *p, char *name, size_t size)
{
	size_t n = 0;

	if (*p == '(') {
		for (p++; *p && n < 2; p++)
			name[n++] = *p;
	} else if (*p == '[') {
		for (p++; *p && *p != ']'; p++)
			if (n + 1 < size)
				name[n++] = *p;
		if (*p)
			p++;
	} else if (*p) {
		name[n++] = *p++;
	}
	name[n] = '\0';
	return p;
}

/*
 * Plain text of a roff text line: fonts and size changes dropped, special
 * characters as ASCII.  *join is set when the line ends in \c (the next
 * line continues the word).
 */
static char *roff_plain(const char *s, bool *join)
{
	struct buf b = { 0 };
	char name[32];

	if (join)
		*join = false;
	for (const char *p = s; *p;) {
		if (*p != '\\') {
			/* a tab is a blank; other control bytes never reach a
			 * terminal */
			if (*p == '\t')
				buf_add(&b, " ");
			else if ((unsigned char)*p >= 0x20 && *p != 0x7f)
				buf_addn(&b, p, 1);
			p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'f': case '*': case 'n':
			p = escape_name(p + 1, name, sizeof(name));
			break;
		case 's':
			p++;
			if (*p == '+' || *p == '-')
				p++;
			while (isdigit((unsigned char)*p))
				p++;
			break;
		case '(': case '[':
			p = escape_name(p, name, sizeof(name));
			buf_add(&b, special(name));
			break;
		case 'c':
			p++;
			if (!*p && join)
				*join = true;
			break;
		case '-': case 'e': case '\\':
			buf_addn(&b, *p == '-' ? "-" : "\\", 1);
			p++;
			break;
		case ' ': case '~': case '0':
			buf_add(&b, " ");
			p++;
			break;
		case '"': /* a comment to the end of the line */
			p += strlen(p);
			break;
		case '\0':
			break;
		default: /* \& \% \: \| \^ and the like print nothing */
			p++;
			break;
		}
	}
	return buf_take(&b);
}

/* ---- macro arguments ----------------------------------------------------- */

/* Splits a request's arguments (quoted ones may hold blanks, "" is "). */
static int split_args(char *p, char **args)
{
	int n = 0;

	while (n < MAX_ARGS) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			char *w = ++p;

			args[n++] = w;
			while (*p && !(*p == '"' && p[1] != '"')) {
				if (*p == '"')
					p++;
				*w++ = *p++;
			}
			if (*p)
				p++;
			*w = '\0';
			continue;
		}
		args[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* The text of .B a b (joined by blanks) or .BR a b (joined as one word). */
static char *font_macro_text(char **args, int n, bool alternating)
{
	struct buf b = { 0 };

	for (int i = 0; i < n; i++) {
		char *plain = roff_plain(args[i], NULL);

		if (i > 0 && !alternating)
			buf_add(&b, " ");
		buf_add(&b, plain);
		free(plain);
	}
	return buf_take(&b);
}

/* ---- the state of a page being read --------------------------------------- */

struct reader {
	const char *page;    /* "memlens(1)", from .TH */
	int page_section;
	bool verbatim;
	bool expect_tag;     /* after .TP: the next text line is the tag */
	bool join;           /* the last text ended in \c */
	bool gap;            /* the next block starts after an empty line */
	bool at_margin;      /* text is at the margin, not a .TP body */
	int margin;          /* .RS depth, in indent levels */
	int indent;          /* of the text being filled */
	struct { int margin, indent; bool at_margin; } rs_stack[16];
	int rs_depth;
	struct buf para;
};

static void add_block(int kind, int indent, bool gap, char *text)
{
	struct block *b;

	blocks = xgrow(blocks, nblocks + 1, sizeof(*blocks));
	b = &blocks[nblocks++];
	*b = (struct block){ .kind = kind, .indent = indent, .gap = gap,
	                     .text = text, .section = (int)nsections - 1 };
}

static void flush(struct reader *r)
{
	if (!r->para.len)
		return;
	add_block(EXPLAIN_TEXT, r->indent, r->gap, buf_take(&r->para));
	blocks[nblocks - 1].ends_entry = r->at_margin && r->margin == 0;
	r->gap = false;
	r->join = false;
}

static void add_text(struct reader *r, const char *text, bool join)
{
	if (nsections == 0)
		return;
	if (r->expect_tag) {
		add_block(EXPLAIN_TAG, r->margin, r->gap, xstrdup_(text));
		blocks[nblocks - 1].entry = r->margin == 0;
		r->expect_tag = false;
		r->gap = false;
		r->at_margin = false;
		r->indent = r->margin + 1;
		return;
	}
	if (r->para.len && !r->join)
		buf_add(&r->para, " ");
	buf_add(&r->para, text);
	r->join = join;
}

static void start_section(struct reader *r, const char *title)
{
	flush(r);
	if (nsections)
		sections[nsections - 1].end = nblocks;
	sections = xgrow(sections, nsections + 1, sizeof(*sections));
	sections[nsections++] = (struct section){
		.title = xstrdup_(title), .page = r->page,
		.page_section = r->page_section, .first = nblocks, .end = nblocks,
	};
	*r = (struct reader){ .page = r->page, .page_section = r->page_section,
	                      .at_margin = true };
}

static void paragraph(struct reader *r, bool gap)
{
	flush(r);
	r->gap = gap;
	r->at_margin = true;
	r->indent = r->margin;
	r->expect_tag = false;
}

static void set_page(struct reader *r, char **args, int n)
{
	struct buf b = { 0 };

	if (n < 2)
		return;
	for (char *p = args[0]; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	buf_add(&b, args[0]);
	buf_add(&b, "(");
	buf_add(&b, args[1]);
	buf_add(&b, ")");
	r->page = buf_take(&b);
	r->page_section = atoi(args[1]);
}

static void request_rs(struct reader *r, bool in)
{
	flush(r);
	if (in && r->rs_depth < 16) {
		r->rs_stack[r->rs_depth].margin = r->margin;
		r->rs_stack[r->rs_depth].indent = r->indent;
		r->rs_stack[r->rs_depth++].at_margin = r->at_margin;
		r->margin = r->at_margin ? r->margin + 1 : r->indent;
		r->indent = r->margin;
		r->at_margin = true;
	} else if (!in && r->rs_depth > 0) {
		/* back to the margin and the indent before .RS (a .TP body) */
		r->rs_depth--;
		r->margin = r->rs_stack[r->rs_depth].margin;
		r->indent = r->rs_stack[r->rs_depth].indent;
		r->at_margin = r->rs_stack[r->rs_depth].at_margin;
	}
}

static void request_ip(struct reader *r, char **args, int n)
{
	paragraph(r, true);
	if (n > 0 && *args[0]) {
		char *tag = roff_plain(args[0], NULL);

		r->expect_tag = true;
		add_text(r, tag, false);
		free(tag);
	} else {
		r->at_margin = false;
		r->indent = r->margin + 1;
	}
}

static bool is_font_macro(const char *m, bool *alternating)
{
	static const char *const plain[] = { "B", "I", "SM", "SB" };
	static const char *const alt[] = { "BR", "RB", "BI", "IB", "IR", "RI" };

	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (strcmp(m, plain[i]) == 0) {
			*alternating = false;
			return true;
		}
	for (size_t i = 0; i < sizeof(alt) / sizeof(alt[0]); i++)
		if (strcmp(m, alt[i]) == 0) {
			*alternating = true;
			return true;
		}
	return false;
}

static void request(struct reader *r, char *line)
{
	char *args[MAX_ARGS], *m = line + 1;
	bool alternating;
	int n;

	while (*m == ' ' || *m == '\t')
		m++;
	if (m[0] == '\\' && m[1] == '"')
		return;
	char *rest = m + strcspn(m, " \t");

	if (*rest)
		*rest++ = '\0';
	n = split_args(rest, args);
	if (strcmp(m, "TH") == 0) {
		set_page(r, args, n);
	} else if (strcmp(m, "SH") == 0) {
		char *title = font_macro_text(args, n, false);

		start_section(r, title);
		free(title);
	} else if (strcmp(m, "SS") == 0) {
		paragraph(r, true);
		add_block(EXPLAIN_HEADING, r->margin, true,
		          font_macro_text(args, n, false));
		blocks[nblocks - 1].ends_entry = true;
	} else if (!strcmp(m, "PP") || !strcmp(m, "P") || !strcmp(m, "LP")) {
		paragraph(r, true);
	} else if (strcmp(m, "TP") == 0) {
		paragraph(r, true);
		r->expect_tag = true;
	} else if (strcmp(m, "IP") == 0) {
		request_ip(r, args, n);
	} else if (strcmp(m, "RS") == 0 || strcmp(m, "RE") == 0) {
		request_rs(r, m[1] == 'S');
	} else if (strcmp(m, "EX") == 0 || strcmp(m, "nf") == 0) {
		flush(r);
		r->verbatim = true;
	} else if (strcmp(m, "br") == 0 || strcmp(m, "sp") == 0) {
		flush(r);
		r->gap = m[0] == 's';
	} else if (is_font_macro(m, &alternating) && n > 0) {
		char *text = font_macro_text(args, n, alternating);

		add_text(r, text, false);
		free(text);
	}
	/* Anything else (.in, .ad, .hy, .ne, .PD ...) changes only looks. */
}

static void verbatim_line(struct reader *r, char *line)
{
	if (line[0] == '.' || line[0] == '\'') {
		char *m = line + 1;

		while (*m == ' ')
			m++;
		if (!strncmp(m, "EE", 2) || !strncmp(m, "fi", 2))
			r->verbatim = false;
		if (!strncmp(m, "EE", 2) || !strncmp(m, "fi", 2) || *m == '\\')
			return;
		/* other requests (.in, .ft) inside an example change looks only */
		return;
	}
	add_block(EXPLAIN_VERBATIM, r->indent + 1, r->gap,
	          roff_plain(line, NULL));
	r->gap = false;
}

static void text_line(struct reader *r, char *line)
{
	bool join;
	char *text;

	if (!*line) {
		paragraph(r, true);
		return;
	}
	if (*line == ' ' || *line == '\t')
		flush(r);
	text = roff_plain(line, &join);
	add_text(r, text, join);
	free(text);
}

/* 0, or -1 when the page cannot be read (it is skipped). */
static int read_page(const char *path)
{
	struct reader r = { .page = "memlens(1)", .page_section = 1,
	                    .at_margin = true };
	char line[MAX_LINE];
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (r.verbatim)
			verbatim_line(&r, line);
		else if (line[0] == '.' || line[0] == '\'')
			request(&r, line);
		else
			text_line(&r, line);
	}
	flush(&r);
	if (nsections)
		sections[nsections - 1].end = nblocks;
	fclose(f);
	return 0;
}

/* ---- topics ----------------------------------------------------------------- */

static size_t add_topic(int kind, const char *name, const char *heading,
                        const struct section *s, size_t first, size_t end)
{
	topics = xgrow(topics, ntopics + 1, sizeof(*topics));
	topics[ntopics] = (struct topic){
		.kind = kind, .name = xstrdup_(name), .heading = xstrdup_(heading),
		.page = s->page, .section = s->title, .first = first, .end = end,
	};
	return ntopics++;
}

static void add_key(size_t topic, const char *key, int rank)
{
	for (size_t i = 0; i < nkeys; i++)
		if (keys[i].topic == topic && strcmp(keys[i].key, key) == 0)
			return;
	keys = xgrow(keys, nkeys + 1, sizeof(*keys));
	keys[nkeys++] = (struct key){ .key = xstrdup_(key), .rank = rank,
	                              .topic = topic };
}

/* "PSS AND USS BUDGET" as "pss-and-uss-budget". */
static char *section_key(const char *title)
{
	char *k = xstrdup_(title);

	for (char *p = k; *p; p++)
		*p = *p == ' ' ? '-' : (char)tolower((unsigned char)*p);
	return k;
}

/* The first word of a tag: "pss_kb (PSS, KiB)" -> "pss_kb". */
static char *first_word(const char *tag, const char *stops)
{
	size_t n = strcspn(tag, stops);
	char *w = xgrow(NULL, n + 1, 1);

	memcpy(w, tag, n);
	w[n] = '\0';
	return w;
}

/* Option keys: every word of the tag that starts with a dash. */
static void option_keys(size_t t, const char *tag)
{
	char *copy = xstrdup_(tag), *save = NULL;

	for (char *w = strtok_r(copy, " ,", &save); w; w = strtok_r(NULL, " ,", &save)) {
		if (w[0] != '-')
			continue;
		add_key(t, w, 0);
		if (w[1] == '-') {
			add_key(t, w + 2, 1);
			free(topics[t].name);
			topics[t].name = xstrdup_(w);
		}
	}
	free(copy);
}

/* Field keys: the name and the column title ("pss_kb (PSS, KiB)"). */
static void field_keys(size_t t, const char *tag)
{
	const char *open = strchr(tag, '(');

	add_key(t, topics[t].name, 0);
	if (open) {
		char *title = first_word(open + 1, ",;) ");

		if (*title)
			add_key(t, title, 0);
		free(title);
	}
}

static bool valid_path(const char *s)
{
	if (!*s || !(islower((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    !strchr("_.[]", *s))
			return false;
	return true;
}

/* Whether name is one of the comma-separated parts of heading. */
static bool is_part(const char *heading, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = heading; (p = strstr(p, name)); p++)
		if ((p == heading || p[-1] == ' ') && (!p[n] || p[n] == ','))
			return true;
	return false;
}

/* JSON keys: the bare name, and its path under each object of the .SS
 * heading ("sim.lru.now, sim.lru.nodes[]"); an object's own entry (the
 * key "sim" under "format, rates, sim") is its path. */
static void json_keys(size_t t, const char *name, const char *heading)
{
	char *copy = xstrdup_(heading ? heading : ""), *save = NULL;

	add_key(t, name, 2);
	/* "snapshot (top level)", or the entry of an object named there */
	if (strchr(copy, '(') || is_part(copy, name))
		*copy = '\0';
	for (char *p = strtok_r(copy, ", ", &save); p; p = strtok_r(NULL, ", ", &save)) {
		struct buf b = { 0 };

		if (!valid_path(p))
			continue;
		buf_add(&b, p);
		buf_add(&b, ".");
		buf_add(&b, name);
		add_key(t, b.s, 0);
		if (!strcmp(topics[t].name, name)) {
			free(topics[t].name);
			topics[t].name = xstrdup_(b.s);
		}
		free(b.s);
	}
	free(copy);
}

/* The kind of the entries (.TP at the margin) of a section, or -1. */
static int entry_kind(const struct section *s)
{
	if (s->page_section == 1 && strcmp(s->title, "OPTIONS") == 0)
		return EXPLAIN_OPTION;
	if (s->page_section == 1 && strcmp(s->title, "VIEWS") == 0)
		return EXPLAIN_VIEW;
	if (s->page_section == 1 && strcmp(s->title, "FIELDS") == 0)
		return EXPLAIN_FIELD;
	if (s->page_section == 5 && strcmp(s->title, "KEYS") == 0)
		return EXPLAIN_JSON;
	return -1;
}

static void entry_topic(int kind, const struct section *s, size_t first,
                        size_t end, const char *subsection)
{
	const char *tag = blocks[first].text;
	char *name = first_word(tag, kind == EXPLAIN_OPTION ? "" : " (,");
	size_t t = add_topic(kind, name, tag, s, first, end);

	if (kind == EXPLAIN_OPTION)
		option_keys(t, tag);
	else if (kind == EXPLAIN_FIELD)
		field_keys(t, tag);
	else if (kind == EXPLAIN_JSON)
		json_keys(t, name, subsection);
	else
		add_key(t, name, 0);
	if (kind == EXPLAIN_VIEW && nview_names < 32)
		view_names[nview_names++] = xstrdup_(name);
	free(name);
}

static void entry_topics(const struct section *s, int kind)
{
	const char *subsection = NULL;

	for (size_t i = s->first; i < s->end; i++) {
		if (blocks[i].kind == EXPLAIN_HEADING)
			subsection = blocks[i].text;
		if (!blocks[i].entry)
			continue;
		size_t end = i + 1;

		while (end < s->end && !blocks[end].entry && !blocks[end].ends_entry)
			end++;
		entry_topic(kind, s, i, end, subsection);
	}
}

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* Whether text has word right after prefix, or right before suffix. */
static bool mentions(const char *text, const char *word, const char *prefix,
                     const char *suffix)
{
	size_t wn = strlen(word), pn = strlen(prefix);

	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		if ((p > text && is_word_char(p[-1])) || is_word_char(p[wn]))
			continue;
		if (*prefix && (size_t)(p - text) >= pn &&
		    strncmp(p - pn, prefix, pn) == 0)
			return true;
		if (*suffix && strncmp(p + wn, suffix, strlen(suffix)) == 0)
			return true;
	}
	return false;
}

/* The views a diagnostic names: "the buddy view", "-v buddy". */
static char *views_named(size_t first, size_t end)
{
	struct buf b = { 0 };

	for (size_t v = 0; v < nview_names; v++) {
		bool found = false;

		for (size_t i = first; i < end && !found; i++)
			found = mentions(blocks[i].text, view_names[v], "", " view") ||
			        mentions(blocks[i].text, view_names[v], "-v ", "") ||
			        mentions(blocks[i].text, view_names[v], "--view ", "");
		if (found) {
			if (b.len)
				buf_add(&b, " ");
			buf_add(&b, view_names[v]);
		}
	}
	return buf_take(&b);
}

static bool generic_section(const char *title)
{
	static const char *const generic[] = {
		"NAME", "SYNOPSIS", "SEE ALSO", "AUTHORS", "BUGS", "COPYRIGHT",
	};

	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if (strcmp(title, generic[i]) == 0)
			return true;
	return false;
}

/* "memlens-json(5)" -> "memlens-json". */
static char *page_name(const char *page)
{
	return first_word(page, "(");
}

static void section_topic(struct section *s)
{
	char *key = section_key(s->title);
	size_t t;

	if (s->page_section == 1 && !strncmp(s->title, "THE ", 4) &&
	    strlen(s->title) > 11 &&
	    !strcmp(s->title + strlen(s->title) - 7, " ENGINE")) {
		char *engine = section_key(s->title + 4);

		engine[strlen(engine) - 7] = '\0';
		t = add_topic(EXPLAIN_ENGINE, engine, s->title, s, s->first, s->end);
		add_key(t, engine, 0);
		add_key(t, key, 0);
		free(engine);
	} else if (s->page_section == 1) {
		t = add_topic(EXPLAIN_SECTION, key, s->title, s, s->first, s->end);
		add_key(t, key, 0);
	} else if (strcmp(s->title, "DESCRIPTION") == 0) {
		char *name = page_name(s->page);

		t = add_topic(EXPLAIN_SECTION, name, s->page, s, s->first, s->end);
		add_key(t, name, 0);
		free(name);
	} else if (s->page_section == 7) {
		t = add_topic(EXPLAIN_DIAGNOSTIC, key, s->title, s, s->first, s->end);
		add_key(t, key, 0);
		topics[t].views = views_named(s->first, s->end);
	}
	free(key);
}

static void make_topics(void)
{
	for (size_t i = 0; i < nsections; i++) {
		struct section *s = &sections[i];
		int kind = entry_kind(s);

		if (kind >= 0)
			entry_topics(s, kind);
		if (!generic_section(s->title))
			section_topic(s);
	}
}

/* ---- output ------------------------------------------------------------------ */

static const char *const kind_names[EXPLAIN_KIND_COUNT] = {
	"EXPLAIN_OPTION", "EXPLAIN_VIEW", "EXPLAIN_ENGINE", "EXPLAIN_FIELD",
	"EXPLAIN_DIAGNOSTIC", "EXPLAIN_SECTION", "EXPLAIN_JSON",
};

/* A C string literal; '?' escaped so that no trigraph can form. */
static void c_string(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\\' || *p == '"' || *p == '?')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			printf("\\%03o", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void write_blocks(void)
{
	printf("static const struct explain_block blocks[] = {\n");
	for (size_t i = 0; i < nblocks; i++) {
		printf("\t{ %d, %d, %d, ", blocks[i].kind, blocks[i].indent,
		       blocks[i].gap);
		c_string(blocks[i].text);
		printf(" },\n");
	}
	if (!nblocks)
		printf("\t{ 0, 0, 0, \"\" },\n");
	printf("};\n\n");
}

static void write_topics(void)
{
	printf("const struct explain_topic explain_topics[] = {\n");
	for (size_t i = 0; i < ntopics; i++) {
		const struct topic *t = &topics[i];

		printf("\t{ %s, ", kind_names[t->kind]);
		c_string(t->name);
		printf(", ");
		c_string(t->heading);
		printf(", ");
		c_string(t->page);
		printf(", ");
		c_string(t->section);
		printf(", ");
		c_string(t->views ? t->views : "");
		printf(", blocks + %zu, %zu },\n", t->first, t->end - t->first);
	}
	if (!ntopics)
		printf("\t{ 0, \"\", \"\", \"\", \"\", \"\", blocks, 0 },\n");
	printf("};\nconst size_t explain_ntopics = %zu;\n\n", ntopics);
}

static void write_keys(void)
{
	printf("const struct explain_key explain_keys[] = {\n");
	for (size_t i = 0; i < nkeys; i++) {
		printf("\t{ ");
		c_string(keys[i].key);
		printf(", %d, %zu },\n", keys[i].rank, keys[i].topic);
	}
	if (!nkeys)
		printf("\t{ \"\", 0, 0 },\n");
	printf("};\nconst size_t explain_nkeys = %zu;\n", nkeys);
}

static void write_source(void)
{
	printf("/* Generated by tools/gen-explain from the manual pages. "
	       "Do not edit. */\n"
	       "#include \"config.h\"\n\n#include \"explain.h\"\n\n");
	write_blocks();
	write_topics();
	write_keys();
}

/* For tests: kind, name, page, section, then the keys. */
static void write_topic_list(void)
{
	for (size_t i = 0; i < ntopics; i++) {
		const struct topic *t = &topics[i];

		printf("%s\t%s\t%s\t%s\t", kind_names[t->kind] + 8, t->name,
		       t->page, t->section);
		for (size_t k = 0; k < nkeys; k++)
			if (keys[k].topic == i)
				printf(" %s", keys[k].key);
		printf("\t%s\n", t->views ? t->views : "");
	}
}

int main(int argc, char **argv)
{
	bool list = argc > 1 && strcmp(argv[1], "--topics") == 0;

	if (argc < 2 + list) {
		fprintf(stderr, "usage: gen-explain [--topics] PAGE...\n");
		return 2;
	}
	for (int i = 1 + list; i < argc; i++)
		if (read_page(argv[i]) < 0)
			fprintf(stderr, "gen-explain: %s: not there, skipped\n", argv[i]);
	make_topics();
	if (list)
		write_topic_list();
	else
		write_source();
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
