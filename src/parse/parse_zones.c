/*
 * parse_zones.c - parsers for /proc/buddyinfo, /proc/zoneinfo and
 * /proc/pagetypeinfo (kernel-spec.md 2.3 and 3.1), merged into one zone list.
 *
 * The three files describe the same zones, keyed by (node, zone name), and
 * may be parsed in any order.  A zone that the list does not hold yet is
 * inserted where the file prints it: after the last zone, earlier in the same
 * file, that the list already held.  So zoneinfo (every zone) and buddyinfo
 * (populated zones only) give the kernel's order whichever comes first.
 *
 * Parsing a file again replaces that file's part of a zone (a zone printed
 * twice in one file: the last block wins).  A number that overflows, or a
 * pagetypeinfo count the kernel capped (">100000"), leaves its value unknown.
 *
 * The input may be anything (these parsers are fuzzed): every line is read
 * within its own bounds, lookups go through a hash table and the zone and
 * migratetype counts are bounded, so the work is linear in the input.
 *
 * Must not: do I/O, keep state between calls, allocate anything that
 * zone_clear() (schema_free_entity) does not release.
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

/*
 * Bounds that no kernel reaches (MAX_NUMNODES is at most 1024 and there are
 * at most 6 zone types and 7 migratetypes) but that keep garbage input from
 * costing more than it should.
 */
#define ZONES_MAX 8192
#define MIGRATETYPES_MAX 16
#define NAME_MAX_BYTES 32
#define NODE_ID_MAX INT32_MAX

/* ---- reading one line ------------------------------------------------- */

static void skip_blanks(struct scan_span *c)
{
	c->pos = scan_skip_blanks(c->pos, c->end);
}

static bool at_line_end(struct scan_span *c)
{
	skip_blanks(c);
	return c->pos == c->end;
}

/* The next word: bytes up to a blank, or also up to a comma. */
static size_t take_word(struct scan_span *c, const char **word, bool comma_ends)
{
	skip_blanks(c);
	*word = c->pos;
	while (c->pos < c->end && !scan_is_blank(*c->pos) &&
	       !(comma_ends && *c->pos == ','))
		c->pos++;
	return (size_t)(c->pos - *word);
}

static bool word_is(const char *word, size_t len, const char *literal)
{
	return len == strlen(literal) && memcmp(word, literal, len) == 0;
}

static bool take_literal(struct scan_span *c, const char *literal)
{
	const char *word;
	size_t len = take_word(c, &word, false);

	return word_is(word, len, literal);
}

static bool take_char(struct scan_span *c, char want)
{
	skip_blanks(c);
	if (c->pos < c->end && *c->pos == want) {
		c->pos++;
		return true;
	}
	return false;
}

/* Decimal digits as the kernel prints a counter (%lu, %d of a node id). */
static int take_number(struct scan_span *c, int64_t *value)
{
	skip_blanks(c);
	return scan_count(&c->pos, c->end, value);
}

/* A number that must be a whole word (followed by a blank or the end). */
static int take_count_word(struct scan_span *c, int64_t *value)
{
	int rc = take_number(c, value);

	if (rc == -EINVAL || (c->pos < c->end && !scan_is_blank(*c->pos)))
		return -EINVAL;
	return rc;
}

/*
 * The rest of the line as counts ("%6lu " per order).  With capped_ok, a
 * ">" prefix (pagetypeinfo stops counting at 100,000) is accepted but makes
 * the whole list unknown.  Returns 0 with a new array, -ERANGE (known to be
 * counts, values unknown), or -EINVAL (not a list of counts).
 */
static int take_counts(struct scan_span *c, bool capped_ok, int64_t **counts,
                       size_t *ncounts)
{
	struct scan_span scan = *c;
	const char *word;
	size_t n = 0, i;
	int result = 0;

	while (take_word(&scan, &word, false) > 0)
		n++;
	if (n == 0)
		return -EINVAL;
	*counts = xcalloc(n, sizeof(**counts));
	for (i = 0; i < n; i++) {
		int rc;

		skip_blanks(c);
		if (capped_ok && c->pos < c->end && *c->pos == '>') {
			c->pos++;
			result = -ERANGE;
		}
		rc = take_count_word(c, &(*counts)[i]);
		if (rc == -EINVAL) {
			result = -EINVAL;
			break;
		}
		if (rc < 0)
			result = rc;
	}
	if (result < 0) {
		free(*counts);
		*counts = NULL;
		return result;
	}
	*ncounts = n;
	return 0;
}

/* Zone and migratetype names: short words of letters, digits, '_', '-'. */
static bool valid_name(const char *name, size_t len)
{
	if (len == 0 || len > NAME_MAX_BYTES)
		return false;
	for (size_t i = 0; i < len; i++) {
		char ch = name[i];

		if (!(scan_is_digit(ch) || (ch >= 'a' && ch <= 'z') ||
		      (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '-'))
			return false;
	}
	return true;
}

struct zone_key {
	int64_t node;
	const char *name;
	size_t name_len;
};

/*
 * "Node %d, zone %8s", the start of every zone line of the three files.  The
 * name ends at a blank or a comma (pagetypeinfo's ", type" rows).
 */
static bool take_zone_header(struct scan_span *c, struct zone_key *key)
{
	if (!take_literal(c, "Node") || take_number(c, &key->node) < 0 ||
	    key->node > NODE_ID_MAX || !take_char(c, ',') ||
	    !take_literal(c, "zone"))
		return false;
	key->name_len = take_word(c, &key->name, true);
	return valid_name(key->name, key->name_len);
}

static bool line_starts_with(const struct scan_span *line, const char *prefix)
{
	size_t len = strlen(prefix);

	return (size_t)(line->end - line->pos) >= len &&
	       memcmp(line->pos, prefix, len) == 0;
}

/* ---- the zone list being merged --------------------------------------- */

#define NO_ANCHOR SIZE_MAX

/* A zone this parse adds, and the existing zone it is to follow. */
struct added_zone {
	struct zone zone;
	size_t anchor; /* index into the existing zones, or NO_ANCHOR */
};

/*
 * Zones are numbered: the caller's existing ones 0..nexisting-1, then the
 * added ones.  The hash table maps (node, name) to number + 1 (0: empty).
 */
struct zone_set {
	struct zone *existing;
	size_t nexisting;
	struct added_zone *added;
	size_t nadded;
	size_t added_cap;
	size_t last_existing; /* the file's latest zone already in the list */
	size_t *slots;
	size_t nslots; /* a power of two, at least twice the zone count */
};

static uint64_t zone_hash(int64_t node, const char *name, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037) ^ (uint64_t)node;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)name[i];
		h *= UINT64_C(1099511628211);
	}
	return h ^ (h >> 29);
}

static struct zone *zone_set_at(struct zone_set *set, size_t id)
{
	if (id < set->nexisting)
		return &set->existing[id];
	return &set->added[id - set->nexisting].zone;
}

static bool zone_matches(const struct zone *z, const struct zone_key *key)
{
	return z->node == key->node && z->zone &&
	       strlen(z->zone) == key->name_len &&
	       memcmp(z->zone, key->name, key->name_len) == 0;
}

static void zone_set_insert_slot(struct zone_set *set, size_t id)
{
	const struct zone *z = zone_set_at(set, id);
	const char *name = z->zone ? z->zone : "";
	size_t mask = set->nslots - 1;
	size_t slot = (size_t)zone_hash(z->node, name, strlen(name)) & mask;

	while (set->slots[slot] != 0)
		slot = (slot + 1) & mask;
	set->slots[slot] = id + 1;
}

static void zone_set_rehash(struct zone_set *set, size_t nslots)
{
	size_t total = set->nexisting + set->nadded;

	free(set->slots);
	set->nslots = nslots;
	set->slots = xcalloc(nslots, sizeof(*set->slots));
	for (size_t id = 0; id < total; id++)
		zone_set_insert_slot(set, id);
}

static void zone_set_init(struct zone_set *set, struct zone *zones,
                          size_t nzones)
{
	size_t nslots = 64;

	memset(set, 0, sizeof(*set));
	set->existing = zones;
	set->nexisting = nzones;
	set->last_existing = NO_ANCHOR;
	while (nslots < 2 * nzones)
		nslots *= 2;
	zone_set_rehash(set, nslots);
}

static size_t zone_set_lookup(struct zone_set *set,
                              const struct zone_key *key)
{
	size_t mask = set->nslots - 1;
	size_t slot = (size_t)zone_hash(key->node, key->name, key->name_len) &
	              mask;

	for (; set->slots[slot] != 0; slot = (slot + 1) & mask) {
		size_t id = set->slots[slot] - 1;

		if (zone_matches(zone_set_at(set, id), key))
			return id;
	}
	return SIZE_MAX;
}

/* The zone with this key, added if new; NULL when the list is full. */
static struct zone *zone_set_get(struct zone_set *set,
                                 const struct zone_key *key)
{
	size_t id = zone_set_lookup(set, key);
	size_t total = set->nexisting + set->nadded;
	struct added_zone *a;

	if (id != SIZE_MAX) {
		if (id < set->nexisting)
			set->last_existing = id;
		return zone_set_at(set, id);
	}
	if (total >= ZONES_MAX)
		return NULL;
	xgrow((void **)&set->added, &set->added_cap, set->nadded + 1,
	      sizeof(*set->added));
	a = &set->added[set->nadded++];
	memset(a, 0, sizeof(*a));
	a->zone.node = key->node;
	a->zone.zone = xstrndup(key->name, key->name_len);
	a->anchor = set->last_existing;
	if (2 * (total + 1) > set->nslots)
		zone_set_rehash(set, 2 * set->nslots);
	else
		zone_set_insert_slot(set, total);
	return &a->zone;
}

/*
 * Builds the merged list: added zones without an anchor first, then each
 * existing zone followed by the zones added after it, in file order.
 * A bucket sort, so it stays linear however the anchors are spread.
 */
static void zone_set_finish(struct zone_set *set, struct zone **zones,
                            size_t *nzones)
{
	size_t n = set->nexisting, total = n + set->nadded;
	size_t *bucket_start, *existing_pos, pos;
	struct zone *merged;

	free(set->slots);
	if (set->nadded == 0)
		return;
	/* bucket 0: no anchor; bucket i + 1: after existing zone i */
	bucket_start = xcalloc(n + 1, sizeof(*bucket_start));
	existing_pos = xcalloc(n + 1, sizeof(*existing_pos));
	for (size_t j = 0; j < set->nadded; j++) {
		size_t anchor = set->added[j].anchor;

		bucket_start[anchor == NO_ANCHOR ? 0 : anchor + 1]++;
	}
	pos = bucket_start[0];
	bucket_start[0] = 0;
	for (size_t i = 0; i < n; i++) {
		size_t count = bucket_start[i + 1];

		existing_pos[i] = pos++;
		bucket_start[i + 1] = pos;
		pos += count;
	}
	merged = xcalloc(total, sizeof(*merged));
	for (size_t i = 0; i < n; i++)
		merged[existing_pos[i]] = set->existing[i];
	for (size_t j = 0; j < set->nadded; j++) {
		size_t anchor = set->added[j].anchor;
		size_t b = anchor == NO_ANCHOR ? 0 : anchor + 1;

		merged[bucket_start[b]++] = set->added[j].zone;
	}
	free(bucket_start);
	free(existing_pos);
	free(set->added);
	free(*zones);
	*zones = merged;
	*nzones = total;
}

/* ---- buddyinfo -------------------------------------------------------- */

/* "Node 0, zone   Normal   1240   1080 ..." free blocks per order. */
static bool buddyinfo_line(struct zone_set *set, struct scan_span *line)
{
	struct zone_key key;
	struct zone *z;
	int64_t *blocks = NULL;
	size_t norders = 0;
	int rc;

	if (!take_zone_header(line, &key))
		return false;
	rc = take_counts(line, false, &blocks, &norders);
	if (rc == -EINVAL)
		return false;
	z = zone_set_get(set, &key);
	if (!z) {
		free(blocks);
		return false;
	}
	free(z->free_blocks);
	z->free_blocks = blocks;
	z->norders = norders;
	if (rc == 0)
		z->known |= KNOWN(ZONE_FREE_BLOCKS);
	else
		z->known &= ~KNOWN(ZONE_FREE_BLOCKS);
	return true;
}

int parse_buddyinfo(const char *text, struct zone **zones, size_t *nzones)
{
	struct scan_span rest = scan_text(text), line;
	struct zone_set set;
	bool usable = false;

	zone_set_init(&set, *zones, *nzones);
	while (scan_next_line(&rest, &line))
		usable |= buddyinfo_line(&set, &line);
	zone_set_finish(&set, zones, nzones);
	return usable ? 0 : -EINVAL;
}

/* ---- zoneinfo --------------------------------------------------------- */

/* Where a zoneinfo line is: only the zone's own lines are kept. */
enum zoneinfo_part {
	ZI_OUTSIDE,    /* before the first zone or after a garbled header */
	ZI_NODE_STATS, /* "per-node stats": node counters, read from sysfs */
	ZI_ZONE,       /* "pages free", watermarks, protection, zone counters */
	ZI_PAGESETS,   /* per-CPU lists, node_unreclaimable, start_pfn */
};

#define ZONE_INT(member, bit) \
	{ #member, bit, offsetof(struct zone, member##_pages) }

static const struct {
	const char *name;
	int bit;
	size_t offset;
} zoneinfo_values[] = {
	ZONE_INT(boost, ZONE_BOOST),     ZONE_INT(min, ZONE_MIN),
	ZONE_INT(low, ZONE_LOW),         ZONE_INT(high, ZONE_HIGH),
	ZONE_INT(spanned, ZONE_SPANNED), ZONE_INT(present, ZONE_PRESENT),
	ZONE_INT(managed, ZONE_MANAGED), ZONE_INT(cma, ZONE_CMA),
};

/*
 * Zone lines that are neither a member nor a zone counter: the promotion
 * watermark (6.12+), and the reclaim scan counts of old kernels ("scanned  0
 * (aa: 0 ia: 0 ...)" on 2.6, "node_scanned" on 4.8-4.x).
 */
static const char *const zoneinfo_skipped[] = { "promo", "scanned",
	                                        "node_scanned" };

/* Forgets what an earlier zoneinfo said about the zone. */
static void zone_reset_zoneinfo(struct zone *z)
{
	/* buddyinfo's and pagetypeinfo's parts stay */
	z->known &= KNOWN(ZONE_FREE_BLOCKS) | KNOWN(ZONE_MIGRATETYPES);
	z->free_pages = 0;
	for (size_t i = 0; i < ARRAY_SIZE(zoneinfo_values); i++)
		memset((char *)z + zoneinfo_values[i].offset, 0,
		       sizeof(int64_t));
	free(z->protection_pages);
	z->protection_pages = NULL;
	z->nprotection = 0;
	kvlist_free(&z->stats);
}

/* "protection: (0, 2871, 3795, 3795, 3795)", after the "protection:". */
static void zoneinfo_protection(struct zone *z, struct scan_span *c)
{
	size_t n = 1, i = 0;
	int64_t *pages;
	bool overflow = false;

	if (!take_char(c, '('))
		return;
	for (const char *p = c->pos; p < c->end; p++)
		n += *p == ',';
	pages = xcalloc(n, sizeof(*pages));
	for (;;) {
		int rc = take_number(c, &pages[i]);

		if (rc == -EINVAL)
			goto garbled;
		overflow |= rc < 0;
		i++;
		if (take_char(c, ')'))
			break;
		if (i == n || !take_char(c, ','))
			goto garbled;
	}
	if (!at_line_end(c) || overflow)
		goto garbled;
	free(z->protection_pages);
	z->protection_pages = pages;
	z->nprotection = i;
	z->known |= KNOWN(ZONE_PROTECTION);
	return;
garbled:
	free(pages);
}

/* "name value" with nothing after the value; false otherwise. */
static bool take_name_value(struct scan_span *c, const char **name,
                            size_t *name_len, int64_t *value, int *rc)
{
	*name_len = take_word(c, name, false);
	if (*name_len == 0)
		return false;
	*rc = take_count_word(c, value);
	return *rc != -EINVAL && at_line_end(c);
}

static bool valid_counter_name(const char *name, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!(scan_is_digit(name[i]) ||
		      (name[i] >= 'a' && name[i] <= 'z') || name[i] == '_'))
			return false;
	return len > 0;
}

/* A line of the zone's own part: a member, a skipped line or a counter. */
static void zoneinfo_zone_line(struct zone *z, struct scan_span *line)
{
	const char *name;
	size_t len, i;
	int64_t value = 0;
	int rc = 0;
	struct scan_span start = *line;

	len = take_word(&start, &name, false);
	if (word_is(name, len, "protection:")) {
		zoneinfo_protection(z, &start);
		return;
	}
	if (!take_name_value(line, &name, &len, &value, &rc))
		return;
	for (i = 0; i < ARRAY_SIZE(zoneinfo_skipped); i++)
		if (word_is(name, len, zoneinfo_skipped[i]))
			return;
	for (i = 0; i < ARRAY_SIZE(zoneinfo_values); i++) {
		if (!word_is(name, len, zoneinfo_values[i].name))
			continue;
		if (rc == 0) {
			memcpy((char *)z + zoneinfo_values[i].offset, &value,
			       sizeof(value));
			z->known |= KNOWN(zoneinfo_values[i].bit);
		}
		return;
	}
	/* A counter that overflows is left out: absent means unknown. */
	if (rc == 0 && valid_counter_name(name, len)) {
		kvlist_add_n(&z->stats, name, len, value);
		z->known |= KNOWN(ZONE_STATS);
	}
}

/* "  pages free     3832" */
static void zoneinfo_pages_free(struct zone *z, struct scan_span *c)
{
	int64_t value;

	if (take_count_word(c, &value) == 0 && at_line_end(c)) {
		z->free_pages = value;
		z->known |= KNOWN(ZONE_FREE);
	}
}

struct zoneinfo_state {
	struct zone_set set;
	/* The zone being read.  Adding a zone may move the added ones, so this
	 * is only valid until the next header, which is the only place that
	 * adds. */
	struct zone *zone;
	enum zoneinfo_part part;
	bool usable;
};

static void zoneinfo_line(struct zoneinfo_state *st, struct scan_span *line)
{
	struct scan_span c = *line;
	struct zone_key key;
	const char *word;
	size_t len;

	if (line_starts_with(line, "Node")) {
		st->zone = NULL;
		st->part = ZI_OUTSIDE;
		if (!take_zone_header(&c, &key) || !at_line_end(&c))
			return;
		st->zone = zone_set_get(&st->set, &key);
		if (!st->zone)
			return;
		zone_reset_zoneinfo(st->zone);
		st->part = ZI_ZONE;
		st->usable = true;
		return;
	}
	if (!st->zone)
		return;
	len = take_word(&c, &word, false);
	if (word_is(word, len, "per-node")) {
		st->part = ZI_NODE_STATS;
	} else if (word_is(word, len, "pagesets")) {
		st->part = ZI_PAGESETS;
	} else if (word_is(word, len, "pages") && take_literal(&c, "free")) {
		st->part = ZI_ZONE;
		zoneinfo_pages_free(st->zone, &c);
	} else if (st->part == ZI_ZONE) {
		zoneinfo_zone_line(st->zone, line);
	}
}

int parse_zoneinfo(const char *text, struct zone **zones, size_t *nzones)
{
	struct scan_span rest = scan_text(text), line;
	struct zoneinfo_state st = { .part = ZI_OUTSIDE };

	zone_set_init(&st.set, *zones, *nzones);
	while (scan_next_line(&rest, &line))
		zoneinfo_line(&st, &line);
	zone_set_finish(&st.set, zones, nzones);
	return st.usable ? 0 : -EINVAL;
}

/* ---- pagetypeinfo ----------------------------------------------------- */

enum pagetype_table {
	PT_NONE,   /* header lines, or a table we do not read */
	PT_FREE,   /* "Free pages count per migrate type at order" */
	PT_BLOCKS, /* "Number of blocks type" */
};

struct pagetype_state {
	struct zone_set set;
	enum pagetype_table table;
	/* the blocks table's column names (spans of the text) */
	const char *type_names[MIGRATETYPES_MAX];
	size_t type_lens[MIGRATETYPES_MAX];
	size_t ntypes;
	bool usable;
};

/* The zone's entry for this migratetype, added if new; NULL when full. */
static struct zone_migratetype *zone_migratetype(struct zone *z,
                                                 const char *type, size_t len)
{
	struct zone_migratetype *mt;

	for (size_t i = 0; i < z->nmigratetypes; i++) {
		mt = &z->migratetypes[i];
		if (mt->type && strlen(mt->type) == len &&
		    memcmp(mt->type, type, len) == 0)
			return mt;
	}
	if (z->nmigratetypes >= MIGRATETYPES_MAX)
		return NULL;
	/* at most 16 entries: growing one at a time costs nothing */
	z->migratetypes = xrealloc(z->migratetypes,
	                           (z->nmigratetypes + 1) *
	                                   sizeof(*z->migratetypes));
	mt = &z->migratetypes[z->nmigratetypes++];
	memset(mt, 0, sizeof(*mt));
	mt->type = xstrndup(type, len);
	return mt;
}

/* "Node    0, zone      DMA, type    Unmovable      0      1 ..." */
static bool pagetype_free_row(struct pagetype_state *st, struct scan_span *c)
{
	struct zone_key key;
	struct zone *z;
	struct zone_migratetype *mt;
	const char *type;
	size_t type_len, norders = 0;
	int64_t *blocks = NULL;
	int rc;

	if (!take_zone_header(c, &key) || !take_char(c, ',') ||
	    !take_literal(c, "type"))
		return false;
	type_len = take_word(c, &type, false);
	if (!valid_name(type, type_len))
		return false;
	rc = take_counts(c, true, &blocks, &norders);
	if (rc == -EINVAL)
		return false;
	z = zone_set_get(&st->set, &key);
	mt = z ? zone_migratetype(z, type, type_len) : NULL;
	if (!mt) {
		free(blocks);
		return false;
	}
	free(mt->free_blocks);
	mt->free_blocks = blocks;
	mt->norders = norders;
	if (rc == 0)
		mt->known |= KNOWN(0);
	else
		mt->known &= ~KNOWN(0);
	z->known |= KNOWN(ZONE_MIGRATETYPES);
	return true;
}

/* "Number of blocks type     Unmovable      Movable ..." after "type". */
static void pagetype_blocks_header(struct pagetype_state *st,
                                   struct scan_span *c)
{
	const char *word;
	size_t len;

	st->ntypes = 0;
	st->table = PT_NONE;
	while ((len = take_word(c, &word, false)) > 0) {
		if (st->ntypes == MIGRATETYPES_MAX || !valid_name(word, len))
			return;
		st->type_names[st->ntypes] = word;
		st->type_lens[st->ntypes++] = len;
	}
	if (st->ntypes > 0)
		st->table = PT_BLOCKS;
}

/* "Node 0, zone      DMA            1            7 ..." per type. */
static bool pagetype_blocks_row(struct pagetype_state *st, struct scan_span *c)
{
	struct zone_key key;
	struct zone *z;
	int64_t counts[MIGRATETYPES_MAX];
	int rcs[MIGRATETYPES_MAX];
	size_t i;

	if (!take_zone_header(c, &key))
		return false;
	for (i = 0; i < st->ntypes; i++) {
		rcs[i] = take_count_word(c, &counts[i]);
		if (rcs[i] == -EINVAL)
			return false;
	}
	if (!at_line_end(c))
		return false;
	z = zone_set_get(&st->set, &key);
	if (!z)
		return false;
	for (i = 0; i < st->ntypes; i++) {
		struct zone_migratetype *mt = zone_migratetype(
			z, st->type_names[i], st->type_lens[i]);

		if (!mt)
			continue;
		mt->pageblocks = rcs[i] == 0 ? counts[i] : 0;
		if (rcs[i] == 0)
			mt->known |= KNOWN(1);
		else
			mt->known &= ~KNOWN(1);
	}
	z->known |= KNOWN(ZONE_MIGRATETYPES);
	return true;
}

static void pagetype_line(struct pagetype_state *st, struct scan_span *line)
{
	struct scan_span c = *line;

	if (line_starts_with(line, "Free pages count per migrate type")) {
		st->table = PT_FREE;
	} else if (line_starts_with(line, "Number of blocks type")) {
		c.pos += strlen("Number of blocks type");
		pagetype_blocks_header(st, &c);
	} else if (line_starts_with(line, "Number of")) {
		st->table = PT_NONE; /* "Number of mixed blocks" (PAGE_OWNER) */
	} else if (st->table == PT_FREE) {
		st->usable |= pagetype_free_row(st, &c);
	} else if (st->table == PT_BLOCKS) {
		st->usable |= pagetype_blocks_row(st, &c);
	}
}

int parse_pagetypeinfo(const char *text, struct zone **zones, size_t *nzones)
{
	struct scan_span rest = scan_text(text), line;
	struct pagetype_state st = { .table = PT_NONE };

	zone_set_init(&st.set, *zones, *nzones);
	while (scan_next_line(&rest, &line))
		pagetype_line(&st, &line);
	zone_set_finish(&st.set, zones, nzones);
	return st.usable ? 0 : -EINVAL;
}
