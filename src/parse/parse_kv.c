/*
 * parse_kv.c - parsers for the kernel's counter and list files: meminfo
 * (system and per node), "name value" files (vmstat, numastat, memory.stat,
 * memory.events), integer and id lists (node distance, cpulist, node lists),
 * /proc/PID/cgroup and /proc/pressure/memory.  See parse.h for the contract.
 *
 * The text is the file as read (cut at the first NUL); nothing here reads
 * past that NUL or keeps a fixed-size line buffer, so lines of any length
 * are fine.  A line that does not parse is skipped; a number that does not
 * fit int64 makes its entry unknown (skipped), it never wraps.  Lines and
 * numbers are read with scan.h, never sscanf or strtod.
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
#include "scan.h"
#include "util.h"

/*
 * Id lists come from cpulist/online files: ids are CPU or node numbers
 * (NR_CPUS is at most 8192 today, node ids below 1024).  The cap only stops
 * "0-2147483647" from allocating gigabytes; it is far above real machines.
 */
#define ID_LIST_MAX_COUNT (1u << 18)

/* White space between list items: blanks and newlines. */
static bool is_space(char c)
{
	return scan_is_blank(c) || c == '\n';
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
	if (q >= end || !scan_is_digit(*q))
		return p;
	while (q < end && scan_is_digit(*q))
		q++;
	if (q >= end || !scan_is_blank(*q))
		return p;
	return scan_skip_blanks(q, end);
}

/*
 * One "Name:   value [kB]" line.  Returns 0, -EINVAL for a line of another
 * shape (the 2.4 "total: used: free:" header, the "Mem:" and "Swap:" rows
 * with six numbers, blank lines) or -ERANGE for a value too big.
 */
static int meminfo_line(struct scan_span line, struct scan_span *name,
                        int64_t *value)
{
	const char *p = scan_skip_blanks(line.pos, line.end);
	const char *colon;
	int rc;

	p = skip_node_prefix(p, line.end);
	colon = memchr(p, ':', (size_t)(line.end - p));
	if (!colon || !valid_name(p, (size_t)(colon - p)))
		return -EINVAL;
	name->pos = p;
	name->end = colon;
	p = scan_skip_blanks(colon + 1, line.end);
	rc = scan_int64(&p, line.end, value);
	if (rc < 0)
		return rc;
	p = scan_skip_blanks(p, line.end);
	if (line.end - p >= 2 && p[0] == 'k' && p[1] == 'B')
		p = scan_skip_blanks(p + 2, line.end);
	return p == line.end ? 0 : -EINVAL;
}

typedef int (*counter_line_parser)(struct scan_span line,
                                   struct scan_span *name, int64_t *value);

/* Adds the value of every line that parses; -ERANGE when only too big
 * values were found, -EINVAL when nothing was. */
static int parse_counter_lines(const char *text, struct kvlist *out,
                               counter_line_parser parse_line)
{
	struct scan_span rest, line, name;
	size_t added = 0, too_big = 0;

	if (!text)
		return -EINVAL;
	rest = scan_text(text);
	while (scan_next_line(&rest, &line)) {
		int64_t value;
		int rc = parse_line(line, &name, &value);

		if (rc == -ERANGE)
			too_big++;
		if (rc < 0)
			continue;
		kvlist_add_n(out, name.pos, (size_t)(name.end - name.pos),
		             value);
		added++;
	}
	if (added > 0)
		return 0;
	return too_big > 0 ? -ERANGE : -EINVAL;
}

int parse_meminfo(const char *text, struct kvlist *out)
{
	return parse_counter_lines(text, out, meminfo_line);
}

/* ---- "name value" files --------------------------------------------------- */

static int name_value_line(struct scan_span line, struct scan_span *name,
                           int64_t *value)
{
	const char *p = scan_skip_blanks(line.pos, line.end);
	const char *after_name;
	int rc;

	name->pos = p;
	while (p < line.end && !scan_is_blank(*p))
		p++;
	name->end = p;
	if (!valid_name(name->pos, (size_t)(name->end - name->pos)))
		return -EINVAL;
	after_name = p;
	p = scan_skip_blanks(p, line.end);
	if (p == after_name)
		return -EINVAL;
	rc = scan_int64(&p, line.end, value);
	if (rc < 0)
		return rc;
	return scan_skip_blanks(p, line.end) == line.end ? 0 : -EINVAL;
}

int parse_name_value(const char *text, struct kvlist *out)
{
	return parse_counter_lines(text, out, name_value_line);
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
	/* Up to last and no further: last + 1 overflows at INT64_MAX. */
	for (int64_t id = first;; id++) {
		list_append(ids, count, cap, id);
		if (id == last)
			break;
	}
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
static bool cgroup_line(struct scan_span line, struct scan_span *id,
                        struct scan_span *controllers, struct scan_span *path)
{
	const char *first = memchr(line.pos, ':', (size_t)(line.end - line.pos));
	const char *second;

	if (!first)
		return false;
	second = memchr(first + 1, ':', (size_t)(line.end - first - 1));
	if (!second)
		return false;
	*id = (struct scan_span){ line.pos, first };
	*controllers = (struct scan_span){ first + 1, second };
	*path = (struct scan_span){ second + 1, line.end };
	if (id->pos == id->end)
		return false;
	for (const char *p = id->pos; p < id->end; p++)
		if (!scan_is_digit(*p))
			return false;
	return path->pos < path->end && *path->pos == '/';
}

char *parse_cgroup_memory_path(const char *text)
{
	struct scan_span rest, line, id, controllers, path;
	struct scan_span unified = { NULL, NULL };

	if (!text)
		return NULL;
	rest = scan_text(text);
	while (scan_next_line(&rest, &line)) {
		if (!cgroup_line(line, &id, &controllers, &path))
			continue;
		if (lists_memory(controllers.pos, controllers.end))
			return xstrndup(path.pos,
			                (size_t)(path.end - path.pos));
		/* The v2 line counts only when no v1 memory line exists
		 * (hybrid setups list both; the v1 controller is the live one). */
		if (!unified.pos && controllers.pos == controllers.end &&
		    id.end - id.pos == 1 && *id.pos == '0')
			unified = path;
	}
	if (!unified.pos)
		return NULL;
	return xstrndup(unified.pos, (size_t)(unified.end - unified.pos));
}

/* ---- /proc/pressure/memory ------------------------------------------------ */

enum psi_key { PSI_AVG10, PSI_AVG60, PSI_AVG300, PSI_TOTAL, PSI_KEY_COUNT };

/* One "key=value" word of a PSI line into *psi_line; false if garbled. */
static bool psi_word(struct scan_span word, struct psi_line *psi_line,
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
		const char *p = word.pos + key_len;
		int rc;

		if ((size_t)(word.end - word.pos) < key_len ||
		    memcmp(word.pos, keys[k], key_len) != 0)
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
static void psi_parse_line(struct scan_span rest, struct psi_line *psi_line)
{
	const char *p = rest.pos;
	unsigned seen = 0;

	memset(psi_line, 0, sizeof(*psi_line));
	while ((p = scan_skip_blanks(p, rest.end)) < rest.end) {
		struct scan_span word = { p, p };

		while (word.end < rest.end && !scan_is_blank(*word.end))
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
static struct psi_line *psi_line_for(struct scan_span line, struct psi *psi,
                                     struct scan_span *rest)
{
	const char *p = scan_skip_blanks(line.pos, line.end);

	if (line.end - p < 5 || !scan_is_blank(p[4]))
		return NULL;
	*rest = (struct scan_span){ p + 4, line.end };
	if (memcmp(p, "some", 4) == 0)
		return &psi->some;
	if (memcmp(p, "full", 4) == 0)
		return &psi->full;
	return NULL;
}

int parse_psi(const char *text, struct psi *out)
{
	struct scan_span text_left, line, rest;
	struct psi parsed;

	if (!text)
		return -EINVAL;
	memset(&parsed, 0, sizeof(parsed));
	text_left = scan_text(text);
	while (scan_next_line(&text_left, &line)) {
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
