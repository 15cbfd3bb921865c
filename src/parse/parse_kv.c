/*
 * parse_kv.c - parsers for the kernel's counter and list files: meminfo
 * (system and per node), "name value" files (vmstat, numastat, memory.stat,
 * memory.events), integer and id lists (node distance, cpulist, node lists),
 * /proc/PID/cgroup and /proc/pressure/memory.  See parse.h for the contract.
 *
 * The text is the file as read (cut at the first NUL); nothing here reads
 * past that NUL or keeps a fixed-size line buffer, so lines of any length
 * are fine.  A line that does not parse is skipped; a number that does not
 * fit int64 makes its entry unknown (skipped), it never wraps.  No sscanf or
 * strtod: they are slow in a loop that runs every refresh, and strtod reads
 * "0.10" wrongly under a locale with a decimal comma.
 *
 * Must not: open files, keep state between calls, allocate except through
 * util.h.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "util.h"

/*
 * Id lists come from cpulist/online files: ids are CPU or node numbers
 * (NR_CPUS is at most 8192 today, node ids below 1024).  The cap only stops
 * "0-2147483647" from allocating gigabytes; it is far above real machines.
 */
#define ID_LIST_MAX_COUNT (1u << 18)

/* One line of text, [start, end), without its newline. */
struct line {
	const char *start;
	const char *end;
};

/* Moves *cursor to the next line; false at the end of the text. */
static bool next_line(const char **cursor, const char *text_end,
                      struct line *line)
{
	const char *newline;

	if (*cursor >= text_end)
		return false;
	newline = memchr(*cursor, '\n', (size_t)(text_end - *cursor));
	line->start = *cursor;
	line->end = newline ? newline : text_end;
	*cursor = newline ? newline + 1 : text_end;
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

/*
 * Reads an optional '-' and decimal digits at *pos, never past end.
 * Returns 0, -EINVAL (no digits) or -ERANGE (does not fit int64).  All the
 * digits are consumed even on -ERANGE, so the caller's position stays
 * meaningful and a long run of digits costs one pass.
 */
static int scan_int64(const char **pos, const char *end, int64_t *out)
{
	const char *p = *pos;
	bool negative = false;
	bool overflow = false;
	uint64_t magnitude = 0;
	uint64_t limit;

	if (p < end && *p == '-') {
		negative = true;
		p++;
	}
	if (p >= end || !is_digit(*p))
		return -EINVAL;
	limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; p < end && is_digit(*p); p++) {
		unsigned digit = (unsigned)(*p - '0');

		if (magnitude > (limit - digit) / 10)
			overflow = true;
		else
			magnitude = magnitude * 10 + digit;
	}
	*pos = p;
	if (overflow)
		return -ERANGE;
	if (negative)
		*out = magnitude == (uint64_t)INT64_MAX + 1
		               ? INT64_MIN
		               : -(int64_t)magnitude;
	else
		*out = (int64_t)magnitude;
	return 0;
}

/* Like scan_int64 for a value that cannot be negative: digits only. */
static int scan_count(const char **pos, const char *end, int64_t *out)
{
	if (*pos >= end || !is_digit(**pos))
		return -EINVAL;
	return scan_int64(pos, end, out);
}

/*
 * Reads "123" or "12.34" (the kernel's "%lu.%02lu").  The digits are kept as
 * one integer and divided once by a power of ten, so the result is the
 * double nearest to the printed decimal, as strtod would give in the C
 * locale.  Returns 0, -EINVAL or -ERANGE (more digits than a double holds
 * exactly, which no kernel prints).
 */
static int scan_decimal(const char **pos, const char *end, double *out)
{
	static const double powers_of_ten[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
		1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	};
	const uint64_t exact_limit = UINT64_C(1) << 53;
	const char *p = *pos;
	uint64_t digits_value = 0;
	size_t fraction_digits = 0;
	bool seen_digit = false;
	bool seen_point = false;
	bool overflow = false;

	for (; p < end; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		if (!is_digit(*p))
			break;
		seen_digit = true;
		if (overflow)
			continue; /* consume the rest in one pass */
		digits_value = digits_value * 10 + (unsigned)(*p - '0');
		overflow = digits_value > exact_limit;
		if (seen_point)
			fraction_digits++;
	}
	if (!seen_digit)
		return -EINVAL;
	*pos = p;
	if (overflow || fraction_digits >= ARRAY_SIZE(powers_of_ten))
		return -ERANGE;
	*out = (double)digits_value / powers_of_ten[fraction_digits];
	return 0;
}

/* True when [name, name + len) is a usable key: printable, no blank, no ':'. */
static bool valid_name(const char *name, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] > '~' || name[i] == ':')
			return false;
	return true;
}

/* ---- meminfo ------------------------------------------------------------ */

/* Skips the "Node 12 " that node meminfo puts before every name. */
static const char *skip_node_prefix(const char *p, const char *end)
{
	const char *q = p;

	if (end - q < 5 || memcmp(q, "Node ", 5) != 0)
		return p;
	q += 5;
	if (q >= end || !is_digit(*q))
		return p;
	while (q < end && is_digit(*q))
		q++;
	if (q >= end || !is_blank(*q))
		return p;
	return skip_blanks(q, end);
}

/*
 * One "Name:   value [kB]" line.  Returns 0, -EINVAL for a line of another
 * shape (the 2.4 "total: used: free:" header, the "Mem:" and "Swap:" rows
 * with six numbers, blank lines) or -ERANGE for a value too big.
 */
static int meminfo_line(struct line line, struct line *name, int64_t *value)
{
	const char *p = skip_blanks(line.start, line.end);
	const char *colon;
	int rc;

	p = skip_node_prefix(p, line.end);
	colon = memchr(p, ':', (size_t)(line.end - p));
	if (!colon || !valid_name(p, (size_t)(colon - p)))
		return -EINVAL;
	name->start = p;
	name->end = colon;
	p = skip_blanks(colon + 1, line.end);
	rc = scan_int64(&p, line.end, value);
	if (rc < 0)
		return rc;
	p = skip_blanks(p, line.end);
	if (line.end - p >= 2 && p[0] == 'k' && p[1] == 'B')
		p = skip_blanks(p + 2, line.end);
	return p == line.end ? 0 : -EINVAL;
}

/* What a counter file parser returns after looking at every line. */
static int counters_result(size_t added, size_t too_big)
{
	if (added > 0)
		return 0;
	return too_big > 0 ? -ERANGE : -EINVAL;
}

int parse_meminfo(const char *text, struct kvlist *out)
{
	const char *cursor = text;
	const char *text_end;
	struct line line, name;
	size_t added = 0, too_big = 0;

	if (!text)
		return -EINVAL;
	text_end = text + strlen(text);
	while (next_line(&cursor, text_end, &line)) {
		int64_t value;
		int rc = meminfo_line(line, &name, &value);

		if (rc == -ERANGE)
			too_big++;
		if (rc < 0)
			continue;
		kvlist_add_n(out, name.start, (size_t)(name.end - name.start),
		             value);
		added++;
	}
	return counters_result(added, too_big);
}

/* ---- "name value" files --------------------------------------------------- */

static int name_value_line(struct line line, struct line *name, int64_t *value)
{
	const char *p = skip_blanks(line.start, line.end);
	const char *after_name;
	int rc;

	name->start = p;
	while (p < line.end && !is_blank(*p))
		p++;
	name->end = p;
	if (!valid_name(name->start, (size_t)(name->end - name->start)))
		return -EINVAL;
	after_name = p;
	p = skip_blanks(p, line.end);
	if (p == after_name)
		return -EINVAL;
	rc = scan_int64(&p, line.end, value);
	if (rc < 0)
		return rc;
	return skip_blanks(p, line.end) == line.end ? 0 : -EINVAL;
}

int parse_name_value(const char *text, struct kvlist *out)
{
	const char *cursor = text;
	const char *text_end;
	struct line line, name;
	size_t added = 0, too_big = 0;

	if (!text)
		return -EINVAL;
	text_end = text + strlen(text);
	while (next_line(&cursor, text_end, &line)) {
		int64_t value;
		int rc = name_value_line(line, &name, &value);

		if (rc == -ERANGE)
			too_big++;
		if (rc < 0)
			continue;
		kvlist_add_n(out, name.start, (size_t)(name.end - name.start),
		             value);
		added++;
	}
	return counters_result(added, too_big);
}

/* ---- integer and id lists ------------------------------------------------- */

static void list_append(int64_t **values, size_t *count, size_t *cap,
                        int64_t value)
{
	xgrow((void **)values, cap, *count + 1, sizeof(**values));
	(*values)[(*count)++] = value;
}

static int list_fail(int64_t **values, size_t *count, int rc)
{
	free(*values);
	*values = NULL;
	*count = 0;
	return rc;
}

int parse_int_list(const char *text, int64_t **values, size_t *count)
{
	const char *p = text;
	const char *text_end;
	size_t cap = 0;

	*values = NULL;
	*count = 0;
	if (!text)
		return -EINVAL;
	text_end = text + strlen(text);
	for (;;) {
		int64_t value;
		int rc;

		while (p < text_end && is_space(*p))
			p++;
		if (p == text_end)
			break;
		/* One bad number would shift every later column (a distance
		 * row is indexed by node), so the whole list is refused. */
		rc = scan_int64(&p, text_end, &value);
		if (rc < 0)
			return list_fail(values, count, rc);
		if (p < text_end && !is_space(*p))
			return list_fail(values, count, -EINVAL);
		list_append(values, count, &cap, value);
	}
	return *count > 0 ? 0 : -EINVAL;
}

/* Reads "a" or "a-b" at *pos and appends its ids. */
static int id_list_item(const char **pos, const char *end, int64_t **ids,
                        size_t *count, size_t *cap)
{
	int64_t first, last;
	int rc = scan_count(pos, end, &first);

	if (rc < 0)
		return rc;
	last = first;
	if (*pos < end && **pos == '-') {
		(*pos)++;
		rc = scan_count(pos, end, &last);
		if (rc < 0)
			return rc;
		if (last < first)
			return -EINVAL;
	}
	if ((uint64_t)(last - first) >= ID_LIST_MAX_COUNT - *count)
		return -ERANGE;
	for (int64_t id = first; id <= last; id++)
		list_append(ids, count, cap, id);
	return 0;
}

int parse_id_list(const char *text, int64_t **ids, size_t *count)
{
	const char *p, *end;
	size_t cap = 0;

	*ids = NULL;
	*count = 0;
	if (!text)
		return -EINVAL;
	p = text;
	end = text + strlen(text);
	while (p < end && is_space(*p))
		p++;
	while (end > p && is_space(end[-1]))
		end--;
	if (p == end)
		return 0; /* "\n": a CPU-less node */
	for (;;) {
		int rc = id_list_item(&p, end, ids, count, &cap);

		if (rc < 0)
			return list_fail(ids, count, rc);
		if (p == end)
			return 0;
		if (*p != ',')
			return list_fail(ids, count, -EINVAL);
		p++; /* an item must follow: "0-3," is refused */
	}
}

/* ---- /proc/PID/cgroup ------------------------------------------------------ */

/* True when the comma-separated controller list names "memory". */
static bool lists_memory(const char *list, const char *end)
{
	while (list < end) {
		const char *comma = memchr(list, ',', (size_t)(end - list));
		const char *item_end = comma ? comma : end;

		if (item_end - list == 6 && memcmp(list, "memory", 6) == 0)
			return true;
		list = item_end + 1;
	}
	return false;
}

/*
 * Splits "ID:controllers:path".  The path is the rest of the line: a cgroup
 * name may itself hold a ':'.
 */
static bool cgroup_line(struct line line, struct line *id,
                        struct line *controllers, struct line *path)
{
	const char *first = memchr(line.start, ':', (size_t)(line.end - line.start));
	const char *second;

	if (!first)
		return false;
	second = memchr(first + 1, ':', (size_t)(line.end - first - 1));
	if (!second)
		return false;
	*id = (struct line){ line.start, first };
	*controllers = (struct line){ first + 1, second };
	*path = (struct line){ second + 1, line.end };
	if (id->start == id->end)
		return false;
	for (const char *p = id->start; p < id->end; p++)
		if (!is_digit(*p))
			return false;
	return path->start < path->end && *path->start == '/';
}

char *parse_cgroup_memory_path(const char *text)
{
	const char *cursor = text;
	const char *text_end;
	struct line line, id, controllers, path;
	struct line unified = { NULL, NULL };

	if (!text)
		return NULL;
	text_end = text + strlen(text);
	while (next_line(&cursor, text_end, &line)) {
		if (!cgroup_line(line, &id, &controllers, &path))
			continue;
		if (lists_memory(controllers.start, controllers.end))
			return xstrndup(path.start,
			                (size_t)(path.end - path.start));
		/* The v2 line counts only when no v1 memory line exists
		 * (hybrid setups list both; the v1 controller is the live one). */
		if (!unified.start && controllers.start == controllers.end &&
		    id.end - id.start == 1 && *id.start == '0')
			unified = path;
	}
	if (!unified.start)
		return NULL;
	return xstrndup(unified.start, (size_t)(unified.end - unified.start));
}

/* ---- /proc/pressure/memory ------------------------------------------------ */

enum psi_key { PSI_AVG10, PSI_AVG60, PSI_AVG300, PSI_TOTAL, PSI_KEY_COUNT };

/* One "key=value" word of a PSI line into *psi_line; false if garbled. */
static bool psi_word(struct line word, struct psi_line *psi_line,
                     unsigned *seen)
{
	static const char *const keys[PSI_KEY_COUNT] = {
		[PSI_AVG10] = "avg10=", [PSI_AVG60] = "avg60=",
		[PSI_AVG300] = "avg300=", [PSI_TOTAL] = "total=",
	};
	double *averages[] = { &psi_line->avg10, &psi_line->avg60,
	                       &psi_line->avg300 };

	for (size_t k = 0; k < PSI_KEY_COUNT; k++) {
		size_t key_len = strlen(keys[k]);
		const char *p = word.start + key_len;
		int rc;

		if ((size_t)(word.end - word.start) < key_len ||
		    memcmp(word.start, keys[k], key_len) != 0)
			continue;
		if (k == PSI_TOTAL)
			rc = scan_count(&p, word.end, &psi_line->total_us);
		else
			rc = scan_decimal(&p, word.end, averages[k]);
		if (rc < 0 || p != word.end)
			return false;
		*seen |= 1u << k;
		return true;
	}
	return true; /* a key added by a later kernel */
}

/* "some avg10=.. avg60=.. avg300=.. total=.."; known only if all four are. */
static void psi_parse_line(struct line rest, struct psi_line *psi_line)
{
	const char *p = rest.start;
	unsigned seen = 0;

	memset(psi_line, 0, sizeof(*psi_line));
	while ((p = skip_blanks(p, rest.end)) < rest.end) {
		struct line word = { p, p };

		while (word.end < rest.end && !is_blank(*word.end))
			word.end++;
		if (!psi_word(word, psi_line, &seen))
			break;
		p = word.end;
	}
	if (seen == (1u << PSI_KEY_COUNT) - 1)
		psi_line->known = 1;
	else
		memset(psi_line, 0, sizeof(*psi_line));
}

/* The line's "some"/"full" word, or NULL; *rest is what follows it. */
static struct psi_line *psi_line_for(struct line line, struct psi *psi,
                                     struct line *rest)
{
	const char *p = skip_blanks(line.start, line.end);

	if (line.end - p < 5 || !is_blank(p[4]))
		return NULL;
	*rest = (struct line){ p + 4, line.end };
	if (memcmp(p, "some", 4) == 0)
		return &psi->some;
	if (memcmp(p, "full", 4) == 0)
		return &psi->full;
	return NULL;
}

int parse_psi(const char *text, struct psi *out)
{
	const char *cursor = text;
	const char *text_end;
	struct line line, rest;
	struct psi parsed;

	if (!text)
		return -EINVAL;
	memset(&parsed, 0, sizeof(parsed));
	text_end = text + strlen(text);
	while (next_line(&cursor, text_end, &line)) {
		struct psi_line *target = psi_line_for(line, &parsed, &rest);

		if (target)
			psi_parse_line(rest, target);
	}
	/* "full" is optional (absent for some resources and old kernels);
	 * a file without a usable "some" line is not PSI. */
	if (!parsed.some.known)
		return -EINVAL;
	parsed.known = 1;
	*out = parsed;
	return 0;
}
