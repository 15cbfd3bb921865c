/*
 * parse_slab.c - parser for /proc/slabinfo, format version 2.x
 * (kernel-spec.md section 8).
 *
 * A row is "name active_objs num_objs objsize objperslab pagesperslab
 * : tunables limit batchcount sharedfactor : slabdata active_slabs num_slabs
 * sharedavail", optionally followed by the statistics columns of a
 * CONFIG_DEBUG_SLAB kernel (": globalstat ... : cpustat ...", ignored).
 * The name is everything before the last five numbers of the part before
 * ": tunables" (or ": slabdata"), so a name with blanks still parses.
 *
 * What a row becomes:
 *  - a row whose shape is wrong (missing numbers, no slabdata part, garbage)
 *    is skipped: it may not even be a cache;
 *  - a row of the right shape whose numbers cannot be true is kept by name
 *    with its known bit clear and its numbers 0, so the cache is listed as
 *    n/a rather than dropped or believed: a number that overflows int64,
 *    active_objs > num_objs, or active_slabs > num_slabs.  The kernel never
 *    prints those (SLUB computes active = total - free, and 6.12+ caps its
 *    estimate at num_objs); insights-core's test data has a hand-edited row
 *    "kmem_cache 112 111 ..." of that kind.
 *
 * Must not: do I/O, allocate anything schema_free_entity(&slab_schema) does
 * not release.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "scan.h"
#include "util.h"

static void trim(struct scan_span *s)
{
	while (s->pos < s->end && scan_is_blank(*s->pos))
		s->pos++;
	while (s->end > s->pos && scan_is_blank(s->end[-1]))
		s->end--;
}

/* Where literal starts inside s, or NULL. */
static const char *find(const struct scan_span *s, const char *literal)
{
	size_t len = strlen(literal);

	for (const char *p = s->pos; p + len <= s->end; p++) {
		p = memchr(p, literal[0], (size_t)(s->end - p));
		if (!p || p + len > s->end)
			return NULL;
		if (memcmp(p, literal, len) == 0)
			return p;
	}
	return NULL;
}

/*
 * A whole word of decimal digits.  Returns 0, -ERANGE when it does not fit
 * an int64_t, -EINVAL when the word is not a number.
 */
static int word_number(const char *word, const char *end, int64_t *value)
{
	int rc = scan_count(&word, end, value);

	return rc == -EINVAL || word != end ? -EINVAL : rc;
}

/* Takes the last word of s off its end. */
static bool take_last_word(struct scan_span *s, const char **word,
                           const char **end)
{
	trim(s);
	if (s->pos == s->end)
		return false;
	*end = s->end;
	while (s->end > s->pos && !scan_is_blank(s->end[-1]))
		s->end--;
	*word = s->end;
	return true;
}

/* Takes the first word of s off its start. */
static bool take_first_word(struct scan_span *s, const char **word,
                            const char **end)
{
	trim(s);
	if (s->pos == s->end)
		return false;
	*word = s->pos;
	while (s->pos < s->end && !scan_is_blank(*s->pos))
		s->pos++;
	*end = s->pos;
	return true;
}

/*
 * Reads n numbers from the end (from_end) or the start of s into values.
 * Returns 0, -ERANGE (right shape, a value too big) or -EINVAL.
 */
static int take_numbers(struct scan_span *s, bool from_end, int64_t *values,
                        size_t n)
{
	int result = 0;

	for (size_t i = 0; i < n; i++) {
		const char *word, *end;
		size_t at = from_end ? n - 1 - i : i;
		int rc;

		if (!(from_end ? take_last_word(s, &word, &end)
		               : take_first_word(s, &word, &end)))
			return -EINVAL;
		rc = word_number(word, end, &values[at]);
		if (rc == -EINVAL)
			return rc;
		if (rc < 0)
			result = rc;
	}
	return result;
}

/*
 * One cache row.  Returns true with *cache filled (known or not), false for
 * a row that is not a cache row.
 */
static bool slab_row(const struct scan_span *line, struct slab_cache *cache)
{
	struct scan_span head = *line, slabdata;
	const char *mark = find(line, ": tunables");
	const char *data = find(line, ": slabdata");
	const char *statistics;
	int64_t objs[5], slabs[3];
	int rc_objs, rc_slabs;

	if (!data || (mark && mark > data))
		return false;
	head.end = mark ? mark : data;
	rc_objs = take_numbers(&head, true, objs, 5);
	trim(&head);
	if (rc_objs == -EINVAL || head.pos == head.end)
		return false;
	/* the statistics columns, if any, start at the next ':' */
	slabdata.pos = data + strlen(": slabdata");
	statistics = memchr(slabdata.pos, ':',
	                    (size_t)(line->end - slabdata.pos));
	slabdata.end = statistics ? statistics : line->end;
	rc_slabs = take_numbers(&slabdata, false, slabs, 3);
	trim(&slabdata);
	if (rc_slabs == -EINVAL || slabdata.pos != slabdata.end)
		return false;

	memset(cache, 0, sizeof(*cache));
	cache->name = xstrndup(head.pos, (size_t)(head.end - head.pos));
	if (rc_objs < 0 || rc_slabs < 0 || objs[0] > objs[1] ||
	    slabs[0] > slabs[1])
		return true; /* impossible numbers: listed, unknown */
	cache->active_objs = objs[0];
	cache->num_objs = objs[1];
	cache->objsize = objs[2];
	cache->objperslab = objs[3];
	cache->pagesperslab = objs[4];
	cache->active_slabs = slabs[0];
	cache->num_slabs = slabs[1];
	cache->known = KNOWN(0);
	return true;
}

/*
 * "slabinfo - version: 2.1", maybe followed by " (statistics)".
 * Returns 0 for major version 2, -ENOTSUP for another, -EINVAL for a line
 * that is not a slabinfo header.
 */
static int slab_header(struct scan_span line)
{
	static const char prefix[] = "slabinfo - version:";
	const char *major, *p;

	trim(&line);
	if ((size_t)(line.end - line.pos) < sizeof(prefix) - 1 ||
	    memcmp(line.pos, prefix, sizeof(prefix) - 1) != 0)
		return -EINVAL;
	line.pos += sizeof(prefix) - 1;
	trim(&line);
	major = line.pos;
	for (p = major; p < line.end && scan_is_digit(*p); p++)
		;
	if (p == major || p == line.end || *p != '.' || p + 1 == line.end ||
	    !scan_is_digit(p[1]))
		return -EINVAL;
	if (p - major != 1 || *major != '2')
		return -ENOTSUP;
	return 0;
}

int parse_slabinfo(const char *text, struct slab_cache **caches,
                   size_t *count)
{
	struct scan_span rest = scan_text(text), line;
	struct slab_cache *found = NULL;
	size_t nfound = 0, cap = 0;
	int rc = -EINVAL;

	/* the header is the first line that is not blank */
	while (scan_next_line(&rest, &line)) {
		struct scan_span t = line;

		trim(&t);
		if (t.pos == t.end)
			continue;
		rc = slab_header(line);
		break;
	}
	if (rc < 0)
		return rc;
	while (scan_next_line(&rest, &line)) {
		if (line.pos < line.end && line.pos[0] == '#')
			continue; /* the column legend */
		xgrow((void **)&found, &cap, nfound + 1, sizeof(*found));
		nfound += slab_row(&line, &found[nfound]) ? 1 : 0;
	}
	if (nfound == 0) {
		free(found);
		return -EINVAL;
	}
	*caches = xrealloc(*caches, (*count + nfound) * sizeof(**caches));
	memcpy(*caches + *count, found, nfound * sizeof(*found));
	*count += nfound;
	free(found);
	return 0;
}
