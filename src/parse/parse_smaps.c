/*
 * parse_smaps.c - the per-mapping parsers: every mapping (VMA) of
 * /proc/PID/smaps, and /proc/PID/numa_maps merged into them by start
 * address (kernel-spec.md 7.1 and 7.4).  See parse.h.
 *
 * A process may have 65,530 mappings (vm.max_map_count) or more, each ~25
 * lines, so both walk the text once, look a name up where the kernel's
 * order says it should be before searching, and merge numa_maps in one pass
 * over both files (they list mappings in the same address order).  smaps
 * may also come a piece at a time (parse_smaps_feed), as the collector
 * reads it, so that 75 MB of text need not be in memory at once.
 *
 * Robustness: every line has its own known bit, so a line that is missing
 * (old kernels), garbled or repeated badly stays unknown and the rest of the
 * mapping is kept.  The kernel ends every line with a newline: a last line
 * without one may be cut, so it is used only when it cannot have been (a
 * "Name: N kB" line checks its own end).  Numbers that do not fit int64
 * (or, for addresses, 64 bits) stay unknown; they never wrap.
 *
 * Must not: open files, or keep anything between calls.
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

/* One line of text, [start, end), without its newline. */
struct smaps_line {
	const char *start;
	const char *end;
	bool terminated; /* a newline followed it */
};

/* The next line of text; false at its end. */
static bool smaps_next_line(struct scan_span *text, struct smaps_line *line)
{
	struct scan_span span;

	if (!scan_next_line(text, &span))
		return false;
	line->start = span.pos;
	line->end = span.end;
	line->terminated = span.end < text->end;
	return true;
}

static bool smaps_is_lower_hex(char c)
{
	return scan_is_digit(c) || (c >= 'a' && c <= 'f');
}

static const char *smaps_token_end(const char *p, const char *end)
{
	while (p < end && !scan_is_blank(*p))
		p++;
	return p;
}

/* Lower-case hex digits at *p (advanced past them): up to 64 bits. */
static int smaps_hex(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t value = 0;
	bool overflow = false;

	if (s >= end || !smaps_is_lower_hex(*s))
		return -EINVAL;
	for (; s < end && smaps_is_lower_hex(*s); s++) {
		unsigned digit = scan_is_digit(*s) ? (unsigned)(*s - '0')
		                                    : (unsigned)(*s - 'a' + 10);

		if (value >> 60)
			overflow = true;
		else
			value = value << 4 | digit;
	}
	*p = s;
	if (overflow)
		return -ERANGE;
	*out = value;
	return 0;
}

/* A whole token of decimal digits, nothing after it but blanks. */
static int smaps_decimal_rest(const char *p, const char *end, int64_t *out)
{
	int rc;

	p = scan_skip_blanks(p, end);
	rc = scan_count(&p, end, out);
	if (rc < 0)
		return rc;
	return scan_skip_blanks(p, end) == end ? 0 : -EINVAL;
}

/* The kernel pads a value to its column with up to ~20 spaces: eight at a
 * time first, since this loop was a third of the parse of a large smaps. */
static const char *smaps_skip_padding(const char *p, const char *end)
{
	while (end - p >= 8 && memcmp(p, "        ", 8) == 0)
		p += 8;
	return scan_skip_blanks(p, end);
}

/* "   1234 kB" (p just after the colon). */
static int smaps_kb(const char *p, const char *end, int64_t *kb)
{
	int rc;

	p = smaps_skip_padding(p, end);
	rc = scan_count(&p, end, kb);
	if (rc < 0)
		return rc;
	p = scan_skip_blanks(p, end);
	if (end - p < 2 || p[0] != 'k' || p[1] != 'B')
		return -EINVAL;
	return scan_skip_blanks(p + 2, end) == end ? 0 : -EINVAL;
}

static void vma_set_known(struct vma *v, int bit, bool known)
{
	if (known)
		v->known |= KNOWN(bit);
	else
		v->known &= ~KNOWN(bit);
}

static void vma_set_string(struct vma *v, char **slot, int bit,
                           const char *start, const char *end)
{
	free(*slot);
	*slot = xstrndup(start, (size_t)(end - start));
	v->known |= KNOWN(bit);
}

static int64_t *vma_member(struct vma *v, size_t offset)
{
	return (int64_t *)(void *)((char *)v + offset);
}

/* ---- the mapping header: "start-end perms offset dev inode   path" ----- */

/*
 * A header's shape: lower-case hex, '-', hex, blank.  No field name has it
 * ("AnonHugePages" starts upper-case), so a field line is never taken for a
 * header, and a header is never taken for a field.
 */
static bool smaps_is_header(struct smaps_line line)
{
	const char *p = line.start;

	if (p >= line.end || !smaps_is_lower_hex(*p))
		return false;
	while (p < line.end && smaps_is_lower_hex(*p))
		p++;
	if (p >= line.end || *p != '-')
		return false;
	p++;
	if (p >= line.end || !smaps_is_lower_hex(*p))
		return false;
	while (p < line.end && smaps_is_lower_hex(*p))
		p++;
	return p < line.end && scan_is_blank(*p);
}

/* "55d1c2a00000-55d1c2a2b000": both fit 64 bits, end not below start. */
static const char *header_range(struct vma *v, const char *p, const char *end)
{
	uint64_t start, stop;

	if (smaps_hex(&p, end, &start) < 0 || p >= end || *p != '-')
		return smaps_token_end(p, end);
	p++;
	if (smaps_hex(&p, end, &stop) < 0 || stop < start)
		return smaps_token_end(p, end);
	/* Two's complement: [vsyscall] lies above INT64_MAX. */
	v->start = (int64_t)start;
	v->end = (int64_t)stop;
	v->known |= KNOWN(VMA_START) | KNOWN(VMA_END);
	return p;
}

static bool perms_valid(const char *p, const char *end)
{
	return end - p == 4 && (p[0] == 'r' || p[0] == '-') &&
	       (p[1] == 'w' || p[1] == '-') && (p[2] == 'x' || p[2] == '-') &&
	       (p[3] == 'p' || p[3] == 's');
}

static bool dev_valid(const char *p, const char *end)
{
	const char *colon = memchr(p, ':', (size_t)(end - p));

	if (!colon || colon == p || colon + 1 == end)
		return false;
	for (; p < end; p++)
		if (p != colon && !smaps_is_lower_hex(*p))
			return false;
	return true;
}

/* The next blank-separated token, [*tok, returned end). */
static const char *header_token(const char *p, const char *end,
                                const char **tok)
{
	*tok = scan_skip_blanks(p, end);
	return smaps_token_end(*tok, end);
}

/*
 * The fields after the range, each known on its own.  The path is what
 * follows the inode and the kernel's padding, to the end of the line: it
 * may hold blanks ("/memfd:x (deleted)"); a name's own leading blanks cannot
 * be told from the padding and are lost.
 */
static void header_fields(struct vma *v, const char *p, const char *end)
{
	const char *tok, *tok_end;
	uint64_t offset;
	int64_t inode;

	p = header_token(p, end, &tok);
	if (perms_valid(tok, p))
		vma_set_string(v, &v->perms, VMA_PERMS, tok, p);
	p = header_token(p, end, &tok);
	tok_end = tok;
	if (smaps_hex(&tok_end, p, &offset) == 0 && tok_end == p) {
		v->offset = (int64_t)offset;
		v->known |= KNOWN(VMA_OFFSET);
	}
	p = header_token(p, end, &tok);
	if (dev_valid(tok, p))
		vma_set_string(v, &v->dev, VMA_DEV, tok, p);
	p = header_token(p, end, &tok);
	tok_end = tok;
	if (scan_count(&tok_end, p, &inode) < 0 || tok_end != p || tok == p)
		return; /* the path is only sure after a whole inode */
	v->inode = inode;
	v->known |= KNOWN(VMA_INODE);
	tok = scan_skip_blanks(p, end);
	vma_set_string(v, &v->path, VMA_PATH, tok, end);
}

static void smaps_header(struct vma *v, struct smaps_line line)
{
	const char *p = header_range(v, line.start, line.end);

	header_fields(v, p, line.end);
}

/* ---- the field lines ----------------------------------------------------- */

enum smaps_kind {
	SK_KB,     /* "Rss:     12 kB" */
	SK_INT,    /* "THPeligible:    1" */
	SK_FLAGS,  /* "VmFlags: rd wr mr mw me ac" */
};

#define SMAPS_ITEM(name, kind, bit, member) \
	{ name, sizeof(name) - 1, kind, bit, offsetof(struct vma, member) }

/* In the kernel's order (show_smap, __show_smap), which the lookup
 * tries first. */
static const struct smaps_item {
	const char *name;
	size_t name_len;
	enum smaps_kind kind;
	int bit;
	size_t offset;
} smaps_items[] = {
	SMAPS_ITEM("Size", SK_KB, VMA_SIZE, size_kb),
	SMAPS_ITEM("KernelPageSize", SK_KB, VMA_KERNEL_PAGE_SIZE,
	           kernel_page_size_kb),
	SMAPS_ITEM("MMUPageSize", SK_KB, VMA_MMU_PAGE_SIZE, mmu_page_size_kb),
	SMAPS_ITEM("Rss", SK_KB, VMA_RSS, rss_kb),
	SMAPS_ITEM("Pss", SK_KB, VMA_PSS, pss_kb),
	SMAPS_ITEM("Pss_Dirty", SK_KB, VMA_PSS_DIRTY, pss_dirty_kb),
	SMAPS_ITEM("Shared_Clean", SK_KB, VMA_SHARED_CLEAN, shared_clean_kb),
	SMAPS_ITEM("Shared_Dirty", SK_KB, VMA_SHARED_DIRTY, shared_dirty_kb),
	SMAPS_ITEM("Private_Clean", SK_KB, VMA_PRIVATE_CLEAN, private_clean_kb),
	SMAPS_ITEM("Private_Dirty", SK_KB, VMA_PRIVATE_DIRTY, private_dirty_kb),
	SMAPS_ITEM("Referenced", SK_KB, VMA_REFERENCED, referenced_kb),
	SMAPS_ITEM("Anonymous", SK_KB, VMA_ANONYMOUS, anonymous_kb),
	SMAPS_ITEM("KSM", SK_KB, VMA_KSM, ksm_kb),
	SMAPS_ITEM("LazyFree", SK_KB, VMA_LAZYFREE, lazyfree_kb),
	SMAPS_ITEM("AnonHugePages", SK_KB, VMA_ANON_HUGE, anon_huge_kb),
	SMAPS_ITEM("ShmemPmdMapped", SK_KB, VMA_SHMEM_PMD, shmem_pmd_kb),
	SMAPS_ITEM("FilePmdMapped", SK_KB, VMA_FILE_PMD, file_pmd_kb),
	SMAPS_ITEM("Shared_Hugetlb", SK_KB, VMA_SHARED_HUGETLB,
	           shared_hugetlb_kb),
	SMAPS_ITEM("Private_Hugetlb", SK_KB, VMA_PRIVATE_HUGETLB,
	           private_hugetlb_kb),
	SMAPS_ITEM("Swap", SK_KB, VMA_SWAP, swap_kb),
	SMAPS_ITEM("SwapPss", SK_KB, VMA_SWAP_PSS, swap_pss_kb),
	SMAPS_ITEM("Locked", SK_KB, VMA_LOCKED, locked_kb),
	SMAPS_ITEM("THPeligible", SK_INT, VMA_THP_ELIGIBLE, thp_eligible),
	SMAPS_ITEM("ProtectionKey", SK_INT, VMA_PROTECTION_KEY, protection_key),
	SMAPS_ITEM("VmFlags", SK_FLAGS, VMA_VM_FLAGS, vm_flags),
};

/* Longest name above; a colon further in is no field of ours. */
#define SMAPS_NAME_MAX 16

static bool smaps_item_is(size_t i, const char *name, size_t len)
{
	return smaps_items[i].name_len == len &&
	       memcmp(smaps_items[i].name, name, len) == 0;
}

/* The item named [name, name + len): *hint first (the kernel's order), then
 * all.  Returns its index or -1. */
static int smaps_item_find(const char *name, size_t len, size_t *hint)
{
	if (*hint < ARRAY_SIZE(smaps_items) && smaps_item_is(*hint, name, len))
		return (int)(*hint)++;
	for (size_t i = 0; i < ARRAY_SIZE(smaps_items); i++)
		if (smaps_item_is(i, name, len)) {
			*hint = i + 1;
			return (int)i;
		}
	return -1;
}

/* "rd wr mr mw me ac " -> "rd wr mr mw me ac". */
static void smaps_flags(struct vma *v, const char *p, const char *end)
{
	p = scan_skip_blanks(p, end);
	while (end > p && scan_is_blank(end[-1]))
		end--;
	vma_set_string(v, &v->vm_flags, VMA_VM_FLAGS, p, end);
}

static void smaps_field(struct vma *v, struct smaps_line line, size_t *hint)
{
	size_t room = (size_t)(line.end - line.start);
	const char *colon = memchr(line.start, ':',
	                           room < SMAPS_NAME_MAX ? room : SMAPS_NAME_MAX);
	const struct smaps_item *item;
	int64_t value;
	int i;

	if (!colon)
		return;
	i = smaps_item_find(line.start, (size_t)(colon - line.start), hint);
	if (i < 0)
		return;
	item = &smaps_items[i];
	/* A cut line could read as a smaller number or fewer flags; a kB
	 * line is whole when it ends in "kB". */
	if (item->kind != SK_KB && !line.terminated)
		return;
	if (item->kind == SK_FLAGS) {
		smaps_flags(v, colon + 1, line.end);
		return;
	}
	if (item->kind == SK_KB ? smaps_kb(colon + 1, line.end, &value) < 0
	                        : smaps_decimal_rest(colon + 1, line.end,
	                                             &value) < 0) {
		vma_set_known(v, item->bit, false); /* a garbled repeat */
		return;
	}
	*vma_member(v, item->offset) = value;
	v->known |= KNOWN(item->bit);
}

/* ---- smaps ------------------------------------------------------------- */

static struct vma *smaps_new_vma(struct parse_smaps_stream *sp)
{
	struct vma *v;

	xgrow((void **)&sp->vmas, &sp->cap, sp->count + 1, sizeof(*sp->vmas));
	v = &sp->vmas[sp->count++];
	memset(v, 0, sizeof(*v));
	sp->hint = 0;
	return v;
}

/* One line; only the last one can be unterminated. */
static void smaps_line(struct parse_smaps_stream *sp, struct smaps_line line)
{
	if (smaps_is_header(line)) {
		sp->in_vma = false;
		/* A cut header could hold a shorter address. */
		if (!line.terminated)
			return;
		smaps_header(smaps_new_vma(sp), line);
		sp->in_vma = true;
	} else if (sp->in_vma) {
		smaps_field(&sp->vmas[sp->count - 1], line, &sp->hint);
	}
}

size_t parse_smaps_feed(struct parse_smaps_stream *sp, const char *text,
                        size_t len)
{
	const char *p = text, *end = text + len, *newline;

	while ((newline = memchr(p, '\n', (size_t)(end - p)))) {
		smaps_line(sp, (struct smaps_line){ p, newline, true });
		p = newline + 1;
	}
	return (size_t)(p - text);
}

int parse_smaps_end(struct parse_smaps_stream *sp, const char *text,
                    size_t len, struct vma **vmas, size_t *count)
{
	if (len > 0)
		smaps_line(sp, (struct smaps_line){ text, text + len, false });
	*vmas = sp->count ? sp->vmas : NULL;
	*count = sp->count;
	if (sp->count == 0)
		free(sp->vmas);
	memset(sp, 0, sizeof(*sp));
	return *count ? 0 : -EINVAL;
}

int parse_smaps_vmas(const char *text, struct vma **vmas, size_t *count)
{
	struct parse_smaps_stream sp = { .vmas = NULL };
	size_t len, used;

	*vmas = NULL;
	*count = 0;
	if (!text)
		return -EINVAL;
	len = strlen(text);
	used = parse_smaps_feed(&sp, text, len);
	return parse_smaps_end(&sp, text + used, len - used, vmas, count);
}

/* ---- numa_maps ----------------------------------------------------------- */

/* The "name=pages" items of a numa_maps line besides N<node>=. */
enum numa_item {
	NI_ANON, NI_DIRTY, NI_MAPPED, NI_MAPMAX, NI_SWAPCACHE, NI_ACTIVE,
	NI_WRITEBACK, NI_PAGE_SIZE, NI_COUNT
};

static const struct {
	const char *name; /* with its '=' */
	size_t len;
} numa_items[NI_COUNT] = {
	[NI_ANON] = { "anon=", 5 },
	[NI_DIRTY] = { "dirty=", 6 },
	[NI_MAPPED] = { "mapped=", 7 },
	[NI_MAPMAX] = { "mapmax=", 7 },
	[NI_SWAPCACHE] = { "swapcache=", 10 },
	[NI_ACTIVE] = { "active=", 7 },
	[NI_WRITEBACK] = { "writeback=", 10 },
	[NI_PAGE_SIZE] = { "kernelpagesize_kB=", 18 },
};

/* What one numa_maps line says, before it is stored in its mapping. */
struct numa_line {
	int64_t value[NI_COUNT];
	unsigned seen; /* 1 << NI_*: printed */
	unsigned bad;  /* 1 << NI_*: printed, but not a number */
	struct kvlist nodes;
	bool nodes_bad;
	bool huge;
};

/* "=1234" and the token's end: a whole number. */
static bool numa_number(const char *p, const char *end, int64_t *value)
{
	return scan_count(&p, end, value) == 0 && p == end;
}

/* "N0=52": the node's name and pages. */
static bool numa_node_token(struct numa_line *nl, const char *tok,
                            const char *end)
{
	const char *p = tok + 1, *eq;
	int64_t pages;

	if (*tok != 'N' || p >= end || !scan_is_digit(*p))
		return false;
	while (p < end && scan_is_digit(*p))
		p++;
	if (p >= end || *p != '=')
		return false;
	eq = p;
	if (numa_number(eq + 1, end, &pages))
		kvlist_add_n(&nl->nodes, tok, (size_t)(eq - tok), pages);
	else
		nl->nodes_bad = true;
	return true;
}

static void numa_token(struct numa_line *nl, const char *tok, const char *end)
{
	size_t len = (size_t)(end - tok);

	if (len == 4 && memcmp(tok, "huge", 4) == 0) {
		nl->huge = true;
		return;
	}
	if (numa_node_token(nl, tok, end))
		return;
	for (int i = 0; i < NI_COUNT; i++) {
		if (len < numa_items[i].len ||
		    memcmp(tok, numa_items[i].name, numa_items[i].len) != 0)
			continue;
		nl->seen |= 1u << i;
		if (!numa_number(tok + numa_items[i].len, end, &nl->value[i]))
			nl->bad |= 1u << i;
		return;
	}
	/* file=, heap, stack, and what later kernels add: not ours. */
}

/*
 * A value the kernel leaves out when it equals a default: known from the
 * default then, unknown when printed but garbled.
 */
static void numa_store(struct vma *v, const struct numa_line *nl, int item,
                       int bit, int64_t *member, bool known_default,
                       int64_t default_value)
{
	if (nl->bad & (1u << item)) {
		vma_set_known(v, bit, false);
	} else if (nl->seen & (1u << item)) {
		*member = nl->value[item];
		v->known |= KNOWN(bit);
	} else {
		*member = default_value;
		vma_set_known(v, bit, known_default);
	}
}

/*
 * The pages the walk counted (md->pages): mapped= when printed, otherwise
 * it equals anon= or dirty= (show_numa_map prints mapped= only when it
 * differs from both), i.e. the larger of the two, 0 when neither is there.
 */
static bool numa_pages(const struct numa_line *nl, int64_t *pages)
{
	unsigned need = (1u << NI_ANON) | (1u << NI_DIRTY) | (1u << NI_MAPPED);
	int64_t anon = nl->seen & (1u << NI_ANON) ? nl->value[NI_ANON] : 0;
	int64_t dirty = nl->seen & (1u << NI_DIRTY) ? nl->value[NI_DIRTY] : 0;

	if (nl->bad & need)
		return false;
	if (nl->seen & (1u << NI_MAPPED))
		*pages = nl->value[NI_MAPPED];
	else
		*pages = anon > dirty ? anon : dirty;
	return true;
}

static void numa_apply_counts(struct vma *v, const struct numa_line *nl)
{
	int64_t pages = 0;
	bool pages_known = numa_pages(nl, &pages);

	numa_store(v, nl, NI_ANON, VMA_NUMA_ANON, &v->numa_anon_pages, true, 0);
	numa_store(v, nl, NI_DIRTY, VMA_NUMA_DIRTY, &v->numa_dirty_pages, true,
	           0);
	v->numa_mapped_pages = pages;
	vma_set_known(v, VMA_NUMA_MAPPED, pages_known);
	/* mapmax= only when above 1; active= only when below pages, and
	 * never for hugetlb (show_numa_map). */
	numa_store(v, nl, NI_MAPMAX, VMA_NUMA_MAPMAX, &v->numa_mapmax,
	           pages_known, pages > 0 ? 1 : 0);
	numa_store(v, nl, NI_SWAPCACHE, VMA_NUMA_SWAPCACHE,
	           &v->numa_swapcache_pages, true, 0);
	numa_store(v, nl, NI_ACTIVE, VMA_NUMA_ACTIVE, &v->numa_active_pages,
	           pages_known && (!nl->huge || pages == 0), pages);
	numa_store(v, nl, NI_WRITEBACK, VMA_NUMA_WRITEBACK,
	           &v->numa_writeback_pages, true, 0);
	numa_store(v, nl, NI_PAGE_SIZE, VMA_NUMA_PAGE_SIZE,
	           &v->numa_page_size_kb, false, 0);
}

/* Stores a parsed line in its mapping (a repeat replaces the first). */
static void numa_apply(struct vma *v, struct numa_line *nl,
                       const char *policy, const char *policy_end)
{
	vma_set_string(v, &v->mempolicy, VMA_MEMPOLICY, policy, policy_end);
	kvlist_free(&v->node_pages);
	if (nl->nodes_bad) {
		kvlist_free(&nl->nodes);
		v->known &= ~KNOWN(VMA_NODE_PAGES);
	} else {
		v->node_pages = nl->nodes; /* moved */
		v->known |= KNOWN(VMA_NODE_PAGES);
	}
	memset(&nl->nodes, 0, sizeof(nl->nodes));
	numa_apply_counts(v, nl);
}

/* ---- finding a line's mapping ------------------------------------------- */

/* A mapping's start, and where it is in the smaps array. */
struct numa_key {
	uint64_t start;
	size_t pos;
};

/*
 * Where numa_maps lines find their mapping.  The kernel lists both files in
 * address order, so the next line is nearly always the next mapping (a
 * mapping made or removed between the two reads costs one binary search).
 */
struct numa_lookup {
	struct vma *vmas;
	struct numa_key *keys; /* every known start, ascending */
	size_t nkeys;
	size_t next; /* the key the next line most likely is */
};

static int numa_compare_key(const void *a, const void *b)
{
	const struct numa_key *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

static void numa_lookup_init(struct numa_lookup *lk, struct vma *vmas,
                             size_t count)
{
	bool ascending = true;

	lk->vmas = vmas;
	lk->keys = xcalloc(count + 1, sizeof(*lk->keys));
	lk->nkeys = 0;
	lk->next = 0;
	for (size_t i = 0; i < count; i++) {
		struct numa_key key = { (uint64_t)vmas[i].start, i };

		if (!(vmas[i].known & KNOWN(VMA_START)))
			continue;
		if (lk->nkeys > 0 && key.start <= lk->keys[lk->nkeys - 1].start)
			ascending = false;
		lk->keys[lk->nkeys++] = key;
	}
	/* Only garbled or hand-made input is out of order. */
	if (!ascending)
		qsort(lk->keys, lk->nkeys, sizeof(*lk->keys), numa_compare_key);
}

/* The mapping starting at start, or NULL. */
static struct vma *numa_lookup_find(struct numa_lookup *lk, uint64_t start)
{
	size_t lo = 0, hi = lk->nkeys;

	if (lk->next < lk->nkeys && lk->keys[lk->next].start == start)
		return &lk->vmas[lk->keys[lk->next++].pos];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (lk->keys[mid].start == start) {
			lk->next = mid + 1;
			return &lk->vmas[lk->keys[mid].pos];
		}
		if (lk->keys[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
/* ---- numa_maps lines ---------------------------------------------------- */

/* One line: "start policy tokens..."; true when it found its mapping. */
static bool numa_line(struct numa_lookup *lk, struct smaps_line line)
{
	const char *p = line.start, *policy, *policy_end;
	struct numa_line nl;
	uint64_t start;
	struct vma *v;

	/* A cut line could lack its last nodes or hold a shorter number. */
	if (!line.terminated || smaps_hex(&p, line.end, &start) < 0 ||
	    p >= line.end || !scan_is_blank(*p))
		return false;
	p = header_token(p, line.end, &policy);
	policy_end = p;
	if (policy == policy_end)
		return false;
	v = numa_lookup_find(lk, start);
	if (!v)
		return false; /* mapped after smaps was read */
	memset(&nl, 0, sizeof(nl));
	for (;;) {
		const char *tok;

		p = header_token(p, line.end, &tok);
		if (tok == p)
			break;
		numa_token(&nl, tok, p);
	}
	numa_apply(v, &nl, policy, policy_end);
	return true;
}

int parse_numa_maps(const char *text, struct vma *vmas, size_t count)
{
	struct numa_lookup lk;
	struct scan_span rest;
	struct smaps_line line;
	size_t merged = 0;

	if (!text || !vmas || count == 0)
		return -EINVAL;
	numa_lookup_init(&lk, vmas, count);
	rest = scan_text(text);
	while (smaps_next_line(&rest, &line))
		if (numa_line(&lk, line))
			merged++;
	free(lk.keys);
	return merged > 0 ? 0 : -EINVAL;
}
