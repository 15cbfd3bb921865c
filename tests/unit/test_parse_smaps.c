/*
 * test_parse_smaps.c - the per-mapping parsers (parse_smaps.c) on captured
 * files (tests/fixtures/<capture>/, see each ORIGIN): whole smaps of a 5.5
 * kernel checked against the same moment's smaps_rollup, the only real
 * numa_maps (5.8) merged into its smaps, a capture without FilePmdMapped;
 * then texts cut at every byte, garbage, odd headers, and 100,000 mappings.
 *
 * Expected numbers were read from the files with grep/awk (the comment next
 * to each says how), never from the code under test.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "fixture.h"
#include "parse.h"
#include "schema.h"
#include "snapshot.h"
#include "util.h"

#define PCP "pcp-procpid-5.5.7-root-007/proc/"
#define JC "jc-ubuntu-5.8-vm/proc/1/"
#define SYSSTAT "sysstat-root1/proc/8741/smaps"

/* Every smaps line of a 5.5 kernel: it lacks Pss_Dirty, KSM and
 * ProtectionKey. */
#define SMAPS_5_5_BITS                                                   \
	(KNOWN(VMA_BIT_COUNT) - 1 - KNOWN(VMA_PSS_DIRTY) - KNOWN(VMA_KSM) - \
	 KNOWN(VMA_PROTECTION_KEY) - NUMA_BITS)
#define NUMA_BITS                                                         \
	(KNOWN(VMA_MEMPOLICY) | KNOWN(VMA_NODE_PAGES) | KNOWN(VMA_NUMA_ANON) | \
	 KNOWN(VMA_NUMA_DIRTY) | KNOWN(VMA_NUMA_MAPPED) |                      \
	 KNOWN(VMA_NUMA_MAPMAX) | KNOWN(VMA_NUMA_SWAPCACHE) |                  \
	 KNOWN(VMA_NUMA_ACTIVE) | KNOWN(VMA_NUMA_WRITEBACK) |                  \
	 KNOWN(VMA_NUMA_PAGE_SIZE))

struct parsed {
	struct vma *vmas;
	size_t count;
};

static struct parsed parse_file(const char *relpath)
{
	char *text = fixture_text(relpath);
	struct parsed p;

	assert_int_equal(parse_smaps_vmas(text, &p.vmas, &p.count), 0);
	free(text);
	return p;
}

static void parsed_free(struct parsed *p)
{
	vma_array_free(p->vmas, p->count);
	p->vmas = NULL;
	p->count = 0;
}

static bool has(const struct vma *v, int bit)
{
	return (v->known & KNOWN(bit)) != 0;
}

static int64_t node(const struct vma *v, const char *name)
{
	int64_t pages = -1;

	assert_true(has(v, VMA_NODE_PAGES));
	return kvlist_get(&v->node_pages, name, &pages) ? pages : 0;
}

/* The first mapping whose header starts at start (two's complement). */
static const struct vma *at(const struct parsed *p, uint64_t start)
{
	for (size_t i = 0; i < p->count; i++)
		if (has(&p->vmas[i], VMA_START) &&
		    (uint64_t)p->vmas[i].start == start)
			return &p->vmas[i];
	fail_msg("no mapping at %llx", (unsigned long long)start);
	return NULL;
}

/* ---- smaps against smaps_rollup ----------------------------------------- */

/*
 * From: awk '/^[0-9a-f]+-/{n++} /^Pss:/{p+=$2} /^Rss:/{r+=$2} ...' smaps
 * and grep of smaps_rollup (kernel-spec 7.1: the rollup truncates Pss once
 * over the sum, smaps once per mapping).
 */
static const struct rollup_case {
	const char *pid;
	size_t mappings;
	int64_t rss_kb, swap_kb, private_dirty_kb; /* equal in both */
	int64_t pss_rollup_kb, pss_sum_kb;
	int64_t swap_pss_rollup_kb, swap_pss_sum_kb;
} rollup_cases[] = {
	{ "1", 233, 10540, 2000, 5040, 7006, 6998, 717, 691 },
	{ "291591", 45, 4640, 2132, 1068, 2500, 2497, 2132, 2132 },
};

static void sum_known(const struct parsed *p, int bit, size_t offset,
                      int64_t *sum)
{
	*sum = 0;
	for (size_t i = 0; i < p->count; i++) {
		assert_true(has(&p->vmas[i], bit));
		*sum += *(const int64_t *)(const void *)((const char *)&p->vmas[i] +
		                                         offset);
	}
}

static void check_rollup(const struct rollup_case *c)
{
	char *smaps = xasprintf(PCP "%s/smaps", c->pid);
	char *rollup_path = xasprintf(PCP "%s/smaps_rollup", c->pid);
	char *rollup_text = fixture_text(rollup_path);
	struct parsed p = parse_file(smaps);
	struct proc rollup = { 0 };
	int64_t sum;

	assert_int_equal(parse_smaps_rollup(rollup_text, &rollup), 0);
	assert_int_equal(p.count, c->mappings);
	for (size_t i = 0; i < p.count; i++)
		assert_int_equal(p.vmas[i].known, SMAPS_5_5_BITS);
	sum_known(&p, VMA_RSS, offsetof(struct vma, rss_kb), &sum);
	assert_int_equal(sum, c->rss_kb);
	sum_known(&p, VMA_SWAP, offsetof(struct vma, swap_kb), &sum);
	assert_int_equal(sum, c->swap_kb);
	sum_known(&p, VMA_PRIVATE_DIRTY, offsetof(struct vma, private_dirty_kb),
	          &sum);
	assert_int_equal(sum, c->private_dirty_kb);
	/* Pss: per mapping truncated, so below the rollup by < 1 kB each. */
	sum_known(&p, VMA_PSS, offsetof(struct vma, pss_kb), &sum);
	assert_int_equal(sum, c->pss_sum_kb);
	assert_int_equal(rollup.pss_kb, c->pss_rollup_kb);
	assert_true(sum <= rollup.pss_kb);
	assert_true(rollup.pss_kb - sum < (int64_t)p.count);
	sum_known(&p, VMA_SWAP_PSS, offsetof(struct vma, swap_pss_kb), &sum);
	assert_int_equal(sum, c->swap_pss_sum_kb);
	assert_true(sum <= rollup.swap_pss_kb);
	assert_true(rollup.swap_pss_kb - sum < (int64_t)p.count);
	parsed_free(&p);
	free(rollup_text);
	free(rollup_path);
	free(smaps);
}

static void test_smaps_rollup_relation(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(rollup_cases); i++)
		check_rollup(&rollup_cases[i]);
}

/* sed -n '1,23p;116,138p;323,345p' and the last 23 lines of PCP 1/smaps */
static void test_smaps_values(void **state)
{
	struct parsed p = parse_file(PCP "1/smaps");
	const struct vma *v = &p.vmas[0];

	(void)state;
	assert_int_equal((uint64_t)v->start, 0x5651255b1000ULL);
	assert_int_equal((uint64_t)v->end, 0x5651255e1000ULL);
	assert_string_equal(v->perms, "r--p");
	assert_int_equal(v->offset, 0);
	assert_string_equal(v->dev, "fd:00");
	assert_int_equal(v->inode, 2387031);
	assert_string_equal(v->path, "/usr/lib/systemd/systemd");
	assert_int_equal(v->size_kb, 192);
	assert_int_equal(v->kernel_page_size_kb, 4);
	assert_int_equal(v->thp_eligible, 0);
	assert_string_equal(v->vm_flags, "rd mr mw me dw sd");
	v = &p.vmas[1];
	assert_string_equal(v->perms, "r-xp");
	assert_int_equal(v->offset, 0x30000);
	v = at(&p, 0x565126efb000ULL);
	assert_string_equal(v->path, "[heap]");
	assert_string_equal(v->dev, "00:00");
	assert_int_equal(v->inode, 0);
	assert_int_equal(v->size_kb, 5260);
	assert_int_equal(v->rss_kb, 3936);
	assert_int_equal(v->private_clean_kb, 36);
	assert_int_equal(v->private_dirty_kb, 3900);
	assert_int_equal(v->referenced_kb, 3912);
	assert_int_equal(v->swap_kb, 1128);
	assert_int_equal(v->swap_pss_kb, 415);
	assert_string_equal(v->vm_flags, "rd wr mr mw me ac sd");
	v = at(&p, 0x7f4115001000ULL);
	assert_string_equal(v->path, "/etc/selinux/targeted/contexts/files/"
	                             "file_contexts.bin (deleted)");
	assert_int_equal(v->pss_kb, 32);
	/* The kernel-half page: above INT64_MAX, kept as two's complement. */
	v = &p.vmas[p.count - 1];
	assert_string_equal(v->path, "[vsyscall]");
	assert_int_equal((uint64_t)v->start, 0xffffffffff600000ULL);
	assert_int_equal((uint64_t)v->end, 0xffffffffff601000ULL);
	assert_true(v->start < 0);
	assert_int_equal(v->end - v->start, 4096);
	assert_string_equal(v->vm_flags, "rd ex");
	parsed_free(&p);
}

/* A capture cut to 3 mappings upstream, without FilePmdMapped lines. */
static void test_smaps_missing_lines(void **state)
{
	struct parsed p = parse_file(SYSSTAT);

	(void)state;
	assert_int_equal(p.count, 3);
	for (size_t i = 0; i < p.count; i++) {
		assert_false(has(&p.vmas[i], VMA_FILE_PMD));
		assert_false(has(&p.vmas[i], VMA_PSS_DIRTY));
		assert_true(has(&p.vmas[i], VMA_SHMEM_PMD));
		assert_true(has(&p.vmas[i], VMA_THP_ELIGIBLE));
	}
	assert_true(has(&p.vmas[0], VMA_PATH));
	assert_string_equal(p.vmas[0].path, "");
	assert_int_equal(p.vmas[0].rss_kb, 4);
	assert_string_equal(p.vmas[0].vm_flags, "rd wr mr mw me ac sd");
	assert_string_equal(p.vmas[1].path, "[stack]");
	assert_int_equal(p.vmas[1].size_kb, 132);
	assert_int_equal(p.vmas[1].rss_kb, 52);
	assert_string_equal(p.vmas[2].path, "[vvar]");
	assert_string_equal(p.vmas[2].perms, "r--p");
	assert_string_equal(p.vmas[2].vm_flags, "rd mr pf io de dd sd");
	parsed_free(&p);
}

/* ---- numa_maps ---------------------------------------------------------- */

static struct parsed parse_jc(void)
{
	struct parsed p = parse_file(JC "smaps");
	char *numa = fixture_text(JC "numa_maps");

	assert_int_equal(parse_numa_maps(numa, p.vmas, p.count), 0);
	free(numa);
	return p;
}

/*
 * grep -c '^[0-9a-f]*-' smaps: 214; wc -l numa_maps: 213 (all but
 * [vsyscall], which is no VMA of the mm).  Lines quoted from numa_maps.
 */
static void test_numa_maps_merge(void **state)
{
	struct parsed p = parse_jc();
	const struct vma *v;
	size_t merged = 0;

	(void)state;
	assert_int_equal(p.count, 214);
	for (size_t i = 0; i < p.count; i++)
		merged += has(&p.vmas[i], VMA_MEMPOLICY);
	assert_int_equal(merged, 213);
	v = &p.vmas[p.count - 1];
	assert_string_equal(v->path, "[vsyscall]");
	assert_int_equal(v->known & NUMA_BITS, 0);
	/* 55a9e753c000 default file=... mapped=52 mapmax=2 active=16 N0=52
	 * kernelpagesize_kB=4 */
	v = at(&p, 0x55a9e753c000ULL);
	assert_int_equal(v->known & NUMA_BITS, NUMA_BITS);
	assert_string_equal(v->mempolicy, "default");
	assert_int_equal(v->numa_mapped_pages, 52);
	assert_int_equal(v->numa_anon_pages, 0);
	assert_int_equal(v->numa_dirty_pages, 0);
	assert_int_equal(v->numa_mapmax, 2);
	assert_int_equal(v->numa_active_pages, 16);
	assert_int_equal(v->numa_page_size_kb, 4);
	assert_int_equal(node(v, "N0"), 52);
	assert_int_equal(v->node_pages.count, 1);
	/* 55a9e7695000 ... anon=63 dirty=63 mapped=67 mapmax=3 active=63 */
	v = at(&p, 0x55a9e7695000ULL);
	assert_int_equal(v->numa_anon_pages, 63);
	assert_int_equal(v->numa_dirty_pages, 63);
	assert_int_equal(v->numa_mapped_pages, 67);
	assert_int_equal(v->numa_active_pages, 63);
	/* 55a9e76da000 ... anon=1 dirty=1 N0=1: mapped, active and mapmax left
	 * out because they equal anon, pages and 1 */
	v = at(&p, 0x55a9e76da000ULL);
	assert_int_equal(v->numa_mapped_pages, 1);
	assert_int_equal(v->numa_active_pages, 1);
	assert_int_equal(v->numa_mapmax, 1);
	/* 55a9e8cd4000 default heap anon=611 dirty=611 mapmax=2 N0=611 */
	v = at(&p, 0x55a9e8cd4000ULL);
	assert_string_equal(v->path, "[heap]");
	assert_int_equal(v->numa_mapped_pages, 611);
	assert_int_equal(v->numa_mapmax, 2);
	/* 7f53a4021000 default: nothing resident, so nothing but the policy */
	v = at(&p, 0x7f53a4021000ULL);
	assert_int_equal(v->known & NUMA_BITS,
	                 NUMA_BITS & ~KNOWN(VMA_NUMA_PAGE_SIZE));
	assert_int_equal(v->node_pages.count, 0);
	assert_int_equal(v->numa_mapped_pages, 0);
	assert_int_equal(v->numa_mapmax, 0);
	parsed_free(&p);
}

/*
 * The same page-table walk counts the same pages: N0 x 4 kB is Rss for
 * every mapping but [vdso], whose special page numa_maps does not count
 * (awk over both files: 212 equal, vdso Rss 4 vs 0).
 */
static void test_numa_maps_agree_with_rss(void **state)
{
	struct parsed p = parse_jc();
	int64_t node_kb = 0, rss_kb = 0;

	(void)state;
	for (size_t i = 0; i < p.count; i++) {
		const struct vma *v = &p.vmas[i];

		rss_kb += v->rss_kb;
		if (!has(v, VMA_NODE_PAGES))
			continue;
		node_kb += node(v, "N0") * 4;
		if (strcmp(v->path, "[vdso]") != 0)
			assert_int_equal(node(v, "N0") * 4, v->rss_kb);
	}
	assert_int_equal(rss_kb, 13252);
	assert_int_equal(node_kb, 13248);
	parsed_free(&p);
}

/* ---- cut texts ----------------------------------------------------------- */

/* Each value a cut text gives must be the one the whole text gives. */
static void assert_prefix_of(const struct vma *part, const struct vma *whole)
{
	for (size_t i = 0; i < vma_schema.nfields; i++) {
		const struct field *f = &vma_schema.fields[i];
		const char *a = (const char *)part + f->offset;
		const char *b = (const char *)whole + f->offset;

		if (!field_known(&vma_schema, f, part))
			continue;
		assert_true(field_known(&vma_schema, f, whole));
		if (f->type == FT_INT)
			assert_int_equal(*(const int64_t *)(const void *)a,
			                 *(const int64_t *)(const void *)b);
		else if (f->type == FT_STRING)
			assert_string_equal(*(char *const *)(const void *)a,
			                    *(char *const *)(const void *)b);
	}
}

static void assert_node_prefix(const struct vma *part, const struct vma *whole)
{
	if (!has(part, VMA_NODE_PAGES))
		return;
	assert_int_equal(part->node_pages.count, whole->node_pages.count);
	for (size_t k = 0; k < part->node_pages.count; k++)
		assert_int_equal(part->node_pages.items[k].value,
		                 whole->node_pages.items[k].value);
}

static void test_smaps_cut_everywhere(void **state)
{
	char *text = fixture_text(SYSSTAT);
	size_t len = strlen(text);
	struct parsed whole = parse_file(SYSSTAT);

	(void)state;
	for (size_t cut = 0; cut <= len; cut++) {
		char *part = xstrndup(text, cut);
		struct parsed p = { NULL, 0 };
		int rc = parse_smaps_vmas(part, &p.vmas, &p.count);

		assert_true(rc == 0 || (rc == -EINVAL && p.count == 0));
		assert_true(p.count <= whole.count);
		for (size_t i = 0; i < p.count; i++)
			assert_prefix_of(&p.vmas[i], &whole.vmas[i]);
		parsed_free(&p);
		free(part);
	}
	parsed_free(&whole);
	free(text);
}

/* text through parse_smaps_feed() piece bytes at a time, with the part
 * line carried over as the collector does. */
static struct parsed parse_pieces(const char *text, size_t piece, int *rc)
{
	struct parse_smaps_stream sp = { .vmas = NULL };
	size_t len = strlen(text), kept = 0, used;
	char *buf = xmalloc(len + 1);
	struct parsed p;

	for (size_t at = 0; at < len; at += piece) {
		size_t n = len - at < piece ? len - at : piece;

		memcpy(buf + kept, text + at, n);
		kept += n;
		used = parse_smaps_feed(&sp, buf, kept);
		memmove(buf, buf + used, kept - used);
		kept -= used;
	}
	*rc = parse_smaps_end(&sp, buf, kept, &p.vmas, &p.count);
	free(buf);
	return p;
}

/* In pieces of any size, the mappings are those of the whole text, every
 * value and known bit (the last line cut too). */
static void test_smaps_pieces(void **state)
{
	static const size_t pieces[] = { 1, 2, 7, 64, 1000, 4096, 1u << 20 };
	char *text = fixture_text(SYSSTAT);
	char *cut = xstrndup(text, strlen(text) - 5);

	(void)state;
	for (size_t t = 0; t < 2; t++) {
		const char *in = t ? cut : text;
		struct parsed whole;

		assert_int_equal(parse_smaps_vmas(in, &whole.vmas, &whole.count), 0);
		for (size_t k = 0; k < ARRAY_SIZE(pieces); k++) {
			int rc;
			struct parsed p = parse_pieces(in, pieces[k], &rc);

			assert_int_equal(rc, 0);
			assert_int_equal(p.count, whole.count);
			for (size_t i = 0; i < p.count; i++) {
				assert_int_equal(p.vmas[i].known, whole.vmas[i].known);
				assert_prefix_of(&p.vmas[i], &whole.vmas[i]);
			}
			parsed_free(&p);
		}
		parsed_free(&whole);
	}
	free(cut);
	free(text);
}

/* A cut header, a cut value and cut flags of the last mapping. */
static void test_smaps_cut_lines(void **state)
{
	static const char text[] =
		"7f00-7f02 rw-p 00000000 00:00 0 \n"
		"Size:                  8 kB\n"
		"Rss:                   8 kB\n"
		"VmFlags: rd wr mr mw me ac \n"
		"7f02-7f04 r--p 00000000 fd:00 12 /lib/x.so\n"
		"Size:                  8 kB\n"
		"Rss:                   4";
	struct parsed p;

	(void)state;
	assert_int_equal(parse_smaps_vmas(text, &p.vmas, &p.count), 0);
	assert_int_equal(p.count, 2);
	assert_true(has(&p.vmas[1], VMA_SIZE));
	assert_false(has(&p.vmas[1], VMA_RSS)); /* "4" may be "48 kB" */
	assert_false(has(&p.vmas[1], VMA_VM_FLAGS));
	parsed_free(&p);
	/* The flags line cut: "rd wr" may have been "rd wr mr". */
	assert_int_equal(parse_smaps_vmas("7f00-7f02 rw-p 00000000 00:00 0 \n"
	                                  "VmFlags: rd wr",
	                                  &p.vmas, &p.count),
	                 0);
	assert_false(has(&p.vmas[0], VMA_VM_FLAGS));
	parsed_free(&p);
	/* A header cut: "7f00-7f0" may have been "7f00-7f0200". */
	assert_int_equal(parse_smaps_vmas("7f00-7f02 rw-p 00000000 00:00 0 \n"
	                                  "7f02-7f0",
	                                  &p.vmas, &p.count),
	                 0);
	assert_int_equal(p.count, 1);
	parsed_free(&p);
}

/* numa_maps cut every third byte: lines whole or not used. */
static void test_numa_maps_cut(void **state)
{
	char *numa = fixture_text(JC "numa_maps");
	size_t len = strlen(numa);
	struct parsed whole = parse_jc();
	struct parsed p = parse_file(JC "smaps");

	(void)state;
	for (size_t cut = 0; cut <= len; cut += 3) {
		char *part = xstrndup(numa, cut);

		for (size_t i = 0; i < p.count; i++) {
			kvlist_free(&p.vmas[i].node_pages);
			p.vmas[i].known &= ~NUMA_BITS;
		}
		(void)parse_numa_maps(part, p.vmas, p.count);
		for (size_t i = 0; i < p.count; i++) {
			assert_prefix_of(&p.vmas[i], &whole.vmas[i]);
			assert_node_prefix(&p.vmas[i], &whole.vmas[i]);
		}
		free(part);
	}
	parsed_free(&p);
	parsed_free(&whole);
	free(numa);
}

/* ---- odd and bad input ------------------------------------------------- */

static void test_headers(void **state)
{
	static const char text[] =
		/* blanks in the path, and the kernel's padding */
		"7fe1e40bc000-7fe1e4b1b000 rw-s 00000000 00:01 17081395"
		"                   /memfd:gdk-wayland (deleted)\n"
		/* a named anonymous mapping (5.17+) */
		"7fe1e4b1b000-7fe1e4b1c000 rw-p 00000000 00:00 0"
		"                          [anon:glibc malloc]\n"
		/* a long inode leaves one blank before the path */
		"7fe1e4b1c000-7fe1e4b1d000 r--p 00001000 103:02 18446744073709"
		" /x\n"
		/* addresses beyond 64 bits, and end below start */
		"10000000000000000-10000000000000001 r--p 00000000 00:00 0 \n"
		"7f02-7f01 r--p 00000000 00:00 0 \n"
		/* bad perms, offset, dev and inode */
		"7f03-7f04 rwzp 0000g000 0:: -1 /y\n"
		"Rss: 4 kB\n";
	struct parsed p;

	(void)state;
	assert_int_equal(parse_smaps_vmas(text, &p.vmas, &p.count), 0);
	assert_int_equal(p.count, 6);
	assert_string_equal(p.vmas[0].path, "/memfd:gdk-wayland (deleted)");
	assert_string_equal(p.vmas[0].perms, "rw-s");
	assert_int_equal(p.vmas[0].inode, 17081395);
	assert_string_equal(p.vmas[1].path, "[anon:glibc malloc]");
	assert_string_equal(p.vmas[2].dev, "103:02");
	assert_int_equal(p.vmas[2].inode, INT64_C(18446744073709));
	assert_string_equal(p.vmas[2].path, "/x");
	assert_int_equal(p.vmas[2].offset, 0x1000);
	for (size_t i = 3; i < 5; i++) {
		assert_false(has(&p.vmas[i], VMA_START));
		assert_false(has(&p.vmas[i], VMA_END));
		assert_true(has(&p.vmas[i], VMA_PATH));
	}
	assert_int_equal(p.vmas[5].known,
	                 KNOWN(VMA_START) | KNOWN(VMA_END) | KNOWN(VMA_RSS));
	assert_int_equal(p.vmas[5].rss_kb, 4);
	parsed_free(&p);
}

static void test_garbled_values(void **state)
{
	static const char text[] =
		"junk before the first mapping\n"
		"Rss: 4 kB\n"
		"7f00-7f02 rw-p 00000000 00:00 0 \n"
		"Size: 99999999999999999999 kB\n"
		"Rss: -4 kB\n"
		"Pss: 4 MB\n"
		"Swap: 4 kB\n"
		"Swap: four kB\n" /* a garbled repeat: unknown, not the first */
		"Locked: 4 kB\n"
		"Locked: 8 kB\n"  /* a clean repeat: the last */
		"THPeligible: 1 2\n"
		"ProtectionKey: 3\n"
		"NoSuchField: 4 kB\n"
		"Referenced 4 kB\n";
	struct parsed p;

	(void)state;
	assert_int_equal(parse_smaps_vmas(text, &p.vmas, &p.count), 0);
	assert_int_equal(p.count, 1);
	assert_int_equal(p.vmas[0].known & ~(KNOWN(VMA_START) | KNOWN(VMA_END) |
	                                     KNOWN(VMA_PERMS) | KNOWN(VMA_OFFSET) |
	                                     KNOWN(VMA_DEV) | KNOWN(VMA_INODE) |
	                                     KNOWN(VMA_PATH)),
	                 KNOWN(VMA_LOCKED) | KNOWN(VMA_PROTECTION_KEY));
	assert_int_equal(p.vmas[0].locked_kb, 8);
	assert_int_equal(p.vmas[0].protection_key, 3);
	parsed_free(&p);
	assert_int_equal(parse_smaps_vmas(NULL, &p.vmas, &p.count), -EINVAL);
	assert_int_equal(parse_smaps_vmas("", &p.vmas, &p.count), -EINVAL);
	assert_null(p.vmas);
	assert_int_equal(parse_smaps_vmas("Rss: 4 kB\nPss: 4 kB\n", &p.vmas,
	                                  &p.count),
	                 -EINVAL);
	assert_int_equal(p.count, 0);
}

static void test_numa_maps_odd(void **state)
{
	static const char smaps[] =
		"7f20-7f30 rw-p 00000000 00:00 0 \n"
		"7f00-7f10 rw-p 00000000 00:00 0 \n" /* out of order */
		"7f10-7f20 rw-p 00000000 00:00 0 \n"
		"7f30-7f40 rw-p 00000000 00:00 0 \n";
	static const char numa[] =
		"7f00 bind:1,3 anon=4 dirty=2 N1=3 N3=1 kernelpagesize_kB=4\n"
		"7f10 interleave:0-3 huge dirty=2 N0=2 kernelpagesize_kB=2048\n"
		"7f20 default anon=x N0=y future=1 kernelpagesize_kB=4\n"
		"7e00 default anon=1 N0=1 kernelpagesize_kB=4\n" /* gone */
		"junk\n"
		"7f30 default anon=2 N0=2 kernelpagesize_kB=4"; /* cut */
	struct parsed p;

	(void)state;
	assert_int_equal(parse_smaps_vmas(smaps, &p.vmas, &p.count), 0);
	assert_int_equal(parse_numa_maps(numa, p.vmas, p.count), 0);
	/* 7f00: mapped left out = max(anon, dirty) */
	assert_string_equal(p.vmas[1].mempolicy, "bind:1,3");
	assert_int_equal(p.vmas[1].numa_mapped_pages, 4);
	assert_int_equal(p.vmas[1].numa_active_pages, 4);
	assert_int_equal(node(&p.vmas[1], "N1"), 3);
	assert_int_equal(node(&p.vmas[1], "N3"), 1);
	assert_int_equal(node(&p.vmas[1], "N0"), 0);
	/* 7f10: hugetlb counts huge pages and never prints active= */
	assert_int_equal(p.vmas[2].numa_mapped_pages, 2);
	assert_int_equal(p.vmas[2].numa_page_size_kb, 2048);
	assert_false(has(&p.vmas[2], VMA_NUMA_ACTIVE));
	/* 7f20: garbled numbers leave their values unknown */
	assert_string_equal(p.vmas[0].mempolicy, "default");
	assert_false(has(&p.vmas[0], VMA_NUMA_ANON));
	assert_false(has(&p.vmas[0], VMA_NUMA_MAPPED));
	assert_false(has(&p.vmas[0], VMA_NODE_PAGES));
	assert_true(has(&p.vmas[0], VMA_NUMA_DIRTY));
	assert_int_equal(p.vmas[0].numa_page_size_kb, 4);
	/* 7f30: its line was cut */
	assert_int_equal(p.vmas[3].known & NUMA_BITS, 0);
	/* A repeat replaces the first line. */
	assert_int_equal(parse_numa_maps("7f00 local N2=5 kernelpagesize_kB=4\n",
	                                  p.vmas, p.count),
	                 0);
	assert_string_equal(p.vmas[1].mempolicy, "local");
	assert_int_equal(p.vmas[1].node_pages.count, 1);
	assert_int_equal(node(&p.vmas[1], "N2"), 5);
	assert_int_equal(p.vmas[1].numa_mapped_pages, 0);
	assert_int_equal(parse_numa_maps("7e00 default\n", p.vmas, p.count),
	                 -EINVAL);
	assert_int_equal(parse_numa_maps(NULL, p.vmas, p.count), -EINVAL);
	parsed_free(&p);
}

static uint64_t next_random(uint64_t *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 7;
	*seed ^= *seed << 17;
	return *seed;
}

static void random_text(char *buf, size_t size, uint64_t *seed, bool bytes)
{
	static const char *const words[] = {
		"7f00-7f01 ", "7f01-7f00 ", "ffffffffff600000-ffffffffff601000 ",
		"rw-p ", "00000000 ", "fd:00 ", "12 ", "/lib/a b", "Rss:", "Pss:",
		"VmFlags:", "THPeligible:", "Size:", " kB", "\t", " ", "\n", "1",
		"99999999999999999999", "-", "7f00 ", "default ", "N0=", "N",
		"anon=", "mapped=", "kernelpagesize_kB=", "huge ", "=", "\xff",
	};
	size_t len = 0;

	while (len < size - 64 && next_random(seed) % 300 != 0) {
		const char *w = words[next_random(seed) % ARRAY_SIZE(words)];
		size_t wlen = strlen(w);

		if (bytes) {
			buf[len++] = (char)(next_random(seed) % 255 + 1);
			continue;
		}
		memcpy(buf + len, w, wlen);
		len += wlen;
	}
	buf[len] = '\0';
}

static void check_sane(const struct vma *v)
{
	for (size_t i = 0; i < vma_schema.nfields; i++) {
		const struct field *f = &vma_schema.fields[i];
		int64_t value;

		if (f->type != FT_INT || !field_known(&vma_schema, f, v) ||
		    !strcmp(f->name, "start") || !strcmp(f->name, "end") ||
		    !strcmp(f->name, "offset"))
			continue;
		memcpy(&value, field_ptr(f, v), sizeof(value));
		assert_true(value >= 0);
	}
	if (has(v, VMA_START))
		assert_true((uint64_t)v->start <= (uint64_t)v->end);
}

static void test_random(void **state)
{
	char smaps[8192], numa[4096];
	uint64_t seed = 0x9e3779b97f4a7c15u;

	(void)state;
	for (int round = 0; round < 512; round++) {
		struct parsed p = { NULL, 0 };

		random_text(smaps, sizeof(smaps), &seed, round % 4 == 3);
		random_text(numa, sizeof(numa), &seed, round % 4 == 2);
		if (parse_smaps_vmas(smaps, &p.vmas, &p.count) < 0) {
			assert_int_equal(p.count, 0);
			continue;
		}
		(void)parse_numa_maps(numa, p.vmas, p.count);
		for (size_t i = 0; i < p.count; i++)
			check_sane(&p.vmas[i]);
		parsed_free(&p);
	}
}

/* ---- size -------------------------------------------------------------- */

#define MANY_MAPPINGS 100000
/* Well under a second; sanitizers make every access slower. */
#ifdef __SANITIZE_ADDRESS__
#define MANY_MAPPINGS_SECONDS 3.0
#else
#define MANY_MAPPINGS_SECONDS 1.0
#endif

/* One mapping as 6.18 prints it (smaps of this kernel), 4 KiB apart. */
static char *many_smaps(size_t n)
{
	static const char block[] =
		"Size:                  4 kB\nKernelPageSize:        4 kB\n"
		"MMUPageSize:           4 kB\nRss:                   4 kB\n"
		"Pss:                   4 kB\nPss_Dirty:             4 kB\n"
		"Shared_Clean:          0 kB\nShared_Dirty:          0 kB\n"
		"Private_Clean:         0 kB\nPrivate_Dirty:         4 kB\n"
		"Referenced:            4 kB\nAnonymous:             4 kB\n"
		"KSM:                   0 kB\nLazyFree:              0 kB\n"
		"AnonHugePages:         0 kB\nShmemPmdMapped:        0 kB\n"
		"FilePmdMapped:         0 kB\nShared_Hugetlb:        0 kB\n"
		"Private_Hugetlb:       0 kB\nSwap:                  0 kB\n"
		"SwapPss:               0 kB\nLocked:                0 kB\n"
		"THPeligible:           0\nProtectionKey:         0\n"
		"VmFlags: rd wr mr mw me ac \n";
	size_t each = 80 + sizeof(block), len = 0;
	char *text = xmalloc(n * each + 1);

	for (size_t i = 0; i < n; i++) {
		uint64_t start = 0x7f0000000000ULL + i * 0x2000;

		len += (size_t)sprintf(text + len,
		                       "%llx-%llx rw-p 00000000 00:00 0 \n",
		                       (unsigned long long)start,
		                       (unsigned long long)start + 0x1000);
		memcpy(text + len, block, sizeof(block) - 1);
		len += sizeof(block) - 1;
	}
	text[len] = '\0';
	return text;
}

static char *many_numa_maps(size_t n)
{
	char *text = xmalloc(n * 80 + 1);
	size_t len = 0;

	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len,
		                       "%llx default anon=1 dirty=1 N%zu=1 "
		                       "kernelpagesize_kB=4\n",
		                       0x7f0000000000ULL + i * 0x2000, i % 4);
	return text;
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_many_mappings(void **state)
{
	char *smaps = many_smaps(MANY_MAPPINGS);
	char *numa = many_numa_maps(MANY_MAPPINGS);
	struct parsed p;
	double began, took;

	(void)state;
	began = seconds();
	assert_int_equal(parse_smaps_vmas(smaps, &p.vmas, &p.count), 0);
	assert_int_equal(parse_numa_maps(numa, p.vmas, p.count), 0);
	took = seconds() - began;
	print_message("# %d mappings parsed in %.3f s\n", MANY_MAPPINGS, took);
	assert_int_equal(p.count, MANY_MAPPINGS);
	assert_int_equal(p.vmas[MANY_MAPPINGS - 1].known, KNOWN(VMA_BIT_COUNT) - 1);
	assert_int_equal(node(&p.vmas[MANY_MAPPINGS - 1], "N3"), 1);
	assert_true(took < MANY_MAPPINGS_SECONDS);
	parsed_free(&p);
	free(numa);
	free(smaps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smaps_rollup_relation),
		cmocka_unit_test(test_smaps_values),
		cmocka_unit_test(test_smaps_missing_lines),
		cmocka_unit_test(test_numa_maps_merge),
		cmocka_unit_test(test_numa_maps_agree_with_rss),
		cmocka_unit_test(test_smaps_cut_everywhere),
		cmocka_unit_test(test_smaps_pieces),
		cmocka_unit_test(test_smaps_cut_lines),
		cmocka_unit_test(test_numa_maps_cut),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_garbled_values),
		cmocka_unit_test(test_numa_maps_odd),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_many_mappings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
