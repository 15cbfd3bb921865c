/*
 * parse_proc.c - parsers for the per-process memory files: the memory lines
 * of /proc/PID/status and the totals of /proc/PID/smaps_rollup (or of a
 * whole /proc/PID/smaps, summed over its mappings).  See parse.h.
 *
 * Both run once per process per refresh, thousands of times, so they walk
 * the text once, allocate nothing and use no sscanf.  Values are kB as the
 * kernel prints them; a value that does not parse or does not fit int64
 * leaves its field unknown, it never wraps.
 *
 * Must not: open files, allocate, touch fields other than the ones these
 * files fill (pid, comm, smaps_time and the rest belong to the collector).
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse.h"
#include "scan.h"
#include "util.h"

/*
 * The value of a "Name:   1234 kB" line, p just after the colon.  Digits
 * only (sizes are never negative).  Returns 0, -EINVAL for another shape or
 * -ERANGE when the number does not fit int64.
 */
static int kb_value(const char *p, const char *end, int64_t *kb)
{
	int64_t value;
	int rc;

	p = scan_skip_blanks(p, end);
	rc = scan_count(&p, end, &value);
	if (rc == -EINVAL)
		return rc;
	p = scan_skip_blanks(p, end);
	if (end - p < 2 || p[0] != 'k' || p[1] != 'B')
		return -EINVAL;
	if (scan_skip_blanks(p + 2, end) != end)
		return -EINVAL;
	if (rc == 0)
		*kb = value;
	return rc;
}

/* The name of a "Name: value" line, or false when it has no colon. */
static bool line_name(struct scan_span line, struct scan_span *name)
{
	const char *colon =
		memchr(line.pos, ':', (size_t)(line.end - line.pos));

	if (!colon)
		return false;
	*name = (struct scan_span){ line.pos, colon };
	return true;
}

static bool name_is(struct scan_span name, const char *want, size_t want_len)
{
	return (size_t)(name.end - name.pos) == want_len &&
	       memcmp(name.pos, want, want_len) == 0;
}

static int64_t *proc_member(struct proc *p, size_t offset)
{
	return (int64_t *)(void *)((char *)p + offset);
}

/* ---- /proc/PID/status ----------------------------------------------------- */

#define STATUS_ITEM(name, bit, member) \
	{ name, sizeof(name) - 1, bit, offsetof(struct proc, member) }

static const struct status_item {
	const char *name;
	size_t name_len;
	int bit;
	size_t offset;
} status_items[] = {
	STATUS_ITEM("VmRSS", PROC_RSS, rss_kb),
	STATUS_ITEM("RssAnon", PROC_ANON, anon_kb),
	STATUS_ITEM("RssFile", PROC_FILE, file_kb),
	STATUS_ITEM("RssShmem", PROC_SHMEM, shmem_kb),
	STATUS_ITEM("VmSwap", PROC_SWAP, swap_kb),
	STATUS_ITEM("VmPTE", PROC_PGTABLES, pgtables_kb),
	STATUS_ITEM("VmSize", PROC_VSZ, vsz_kb),
	STATUS_ITEM("VmLck", PROC_LOCKED, locked_kb),
};

#define STATUS_RSS 0 /* index of VmRSS in status_items */

/* The status_items entry this line is, or -1. */
static int status_item_of(struct scan_span line, struct scan_span *name)
{
	/* Every wanted name starts with 'V' or 'R': most of status's ~55
	 * lines are passed over without looking for their colon. */
	if (line.pos == line.end ||
	    (*line.pos != 'V' && *line.pos != 'R'))
		return -1;
	if (!line_name(line, name))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(status_items); i++)
		if (name_is(*name, status_items[i].name,
		            status_items[i].name_len))
			return (int)i;
	return -1;
}

int parse_status_memory(const char *text, struct proc *p)
{
	int64_t values_kb[ARRAY_SIZE(status_items)] = { 0 };
	unsigned found = 0;
	struct scan_span rest, line, name;

	if (!text)
		return -EINVAL;
	rest = scan_text(text);
	while (scan_next_line(&rest, &line)) {
		int item = status_item_of(line, &name);

		if (item < 0)
			continue;
		if (kb_value(name.end + 1, line.end, &values_kb[item]) == 0)
			found |= 1u << item;
		else
			found &= ~(1u << item); /* a garbled repeat: unknown */
	}
	if (!(found & (1u << STATUS_RSS)))
		return -EINVAL;
	/* This text now decides all eight fields: what it lacks (RssAnon
	 * before 4.5, VmSwap before 2.6.34) is unknown, not left over. */
	for (size_t i = 0; i < ARRAY_SIZE(status_items); i++) {
		const struct status_item *it = &status_items[i];

		p->known &= ~KNOWN(it->bit);
		if (!(found & (1u << i)))
			continue;
		*proc_member(p, it->offset) = values_kb[i];
		p->known |= KNOWN(it->bit);
	}
	return 0;
}

/* ---- /proc/PID/smaps_rollup and smaps ------------------------------------- */

enum smaps_field {
	SM_PSS, SM_PRIVATE_CLEAN, SM_PRIVATE_DIRTY, SM_ANON_HUGE, SM_SWAP_PSS,
	SM_FIELD_COUNT
};

static const struct {
	const char *name;
	size_t name_len;
} smaps_names[SM_FIELD_COUNT] = {
	[SM_PSS] = { "Pss", 3 },
	[SM_PRIVATE_CLEAN] = { "Private_Clean", 13 },
	[SM_PRIVATE_DIRTY] = { "Private_Dirty", 13 },
	[SM_ANON_HUGE] = { "AnonHugePages", 13 },
	[SM_SWAP_PSS] = { "SwapPss", 7 },
};

/* Running sums over the mappings of one smaps text. */
struct smaps_sums {
	int64_t kb[SM_FIELD_COUNT];
	size_t lines[SM_FIELD_COUNT]; /* how many mappings printed it */
	bool bad[SM_FIELD_COUNT];     /* a garbled or overflowing line */
	size_t mappings;              /* header lines ("start-end perms ...") */
};

static bool is_lower_hex(char c)
{
	return scan_is_digit(c) || (c >= 'a' && c <= 'f');
}

/*
 * A mapping's header, "55d1c2a00000-55d1c2a2b000 r--p ...": lower-case hex,
 * '-', hex, blank.  No field name has that shape ("AnonHugePages" starts
 * with an upper-case letter), and the rollup's pseudo-header has it too.
 */
static bool is_mapping_header(struct scan_span line)
{
	const char *p = line.pos;

	if (p >= line.end || !is_lower_hex(*p))
		return false;
	while (p < line.end && is_lower_hex(*p))
		p++;
	if (p >= line.end || *p != '-')
		return false;
	p++;
	if (p >= line.end || !is_lower_hex(*p))
		return false;
	while (p < line.end && is_lower_hex(*p))
		p++;
	return p < line.end && scan_is_blank(*p);
}

/* The smaps field this line is, or -1. */
static int smaps_field_of(struct scan_span line, struct scan_span *name)
{
	char first = line.pos < line.end ? *line.pos : '\0';

	if (first != 'P' && first != 'A' && first != 'S')
		return -1;
	if (!line_name(line, name))
		return -1;
	for (int f = 0; f < SM_FIELD_COUNT; f++)
		if (name_is(*name, smaps_names[f].name, smaps_names[f].name_len))
			return f;
	return -1;
}

static void smaps_add(struct smaps_sums *sums, int field, struct scan_span name,
                      const char *line_end)
{
	int64_t kb;

	sums->lines[field]++;
	if (kb_value(name.end + 1, line_end, &kb) < 0 ||
	    kb > INT64_MAX - sums->kb[field]) {
		sums->bad[field] = true;
		return;
	}
	sums->kb[field] += kb;
}

/*
 * A sum is known when every mapping printed its line once and none was
 * garbled: a smaps with one mapping cut off or missing a line (a capture
 * taken while the process changed) does not give a true total.
 */
static bool smaps_sum_known(const struct smaps_sums *sums, int field)
{
	size_t expected = sums->mappings > 0 ? sums->mappings : 1;

	return !sums->bad[field] && sums->lines[field] == expected;
}

/* Sets one proc member from the sums, or leaves it unknown. */
static void smaps_store(struct proc *p, int bit, int64_t *member, bool known,
                        int64_t kb)
{
	p->known &= ~KNOWN(bit);
	if (!known)
		return;
	*member = kb;
	p->known |= KNOWN(bit);
}

int parse_smaps_rollup(const char *text, struct proc *p)
{
	struct smaps_sums sums;
	struct scan_span rest, line, name;
	bool pss, uss, thp, swap_pss;
	int64_t uss_kb = 0;

	if (!text)
		return -EINVAL;
	memset(&sums, 0, sizeof(sums));
	rest = scan_text(text);
	while (scan_next_line(&rest, &line)) {
		int field = smaps_field_of(line, &name);

		if (field >= 0)
			smaps_add(&sums, field, name, line.end);
		else if (is_mapping_header(line))
			sums.mappings++;
	}
	pss = smaps_sum_known(&sums, SM_PSS);
	/* USS needs both halves from every mapping. */
	uss = smaps_sum_known(&sums, SM_PRIVATE_CLEAN) &&
	      smaps_sum_known(&sums, SM_PRIVATE_DIRTY) &&
	      sums.kb[SM_PRIVATE_CLEAN] <= INT64_MAX - sums.kb[SM_PRIVATE_DIRTY];
	if (uss)
		uss_kb = sums.kb[SM_PRIVATE_CLEAN] + sums.kb[SM_PRIVATE_DIRTY];
	thp = smaps_sum_known(&sums, SM_ANON_HUGE);
	swap_pss = smaps_sum_known(&sums, SM_SWAP_PSS);
	if (!pss && !uss && !thp && !swap_pss)
		return -EINVAL;
	smaps_store(p, PROC_PSS, &p->pss_kb, pss, sums.kb[SM_PSS]);
	smaps_store(p, PROC_USS, &p->uss_kb, uss, uss_kb);
	smaps_store(p, PROC_THP, &p->thp_kb, thp, sums.kb[SM_ANON_HUGE]);
	smaps_store(p, PROC_SWAP_PSS, &p->swap_pss_kb, swap_pss,
	            sums.kb[SM_SWAP_PSS]);
	return 0;
}

/* ---- /proc/PID/stat --------------------------------------------------------- */

int parse_stat_field(const char *text, int field, int64_t *value)
{
	const char *p, *end;

	if (!text || field < 3)
		return -EINVAL;
	p = strrchr(text, ')'); /* comm may hold blanks and parentheses */
	if (!p)
		return -EINVAL;
	p++;
	end = p + strlen(p);
	for (int f = 3; f < field; f++) { /* skip fields 3 .. field - 1 */
		p = scan_skip_blanks(p, end);
		if (p == end)
			return -EINVAL;
		p += strcspn(p, " \n");
	}
	p = scan_skip_blanks(p, end);
	return scan_int64(&p, end, value) == 0 ? 0 : -EINVAL;
}
