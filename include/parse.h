/*
 * parse.h - parsers for the kernel's text files, one per format.
 *
 * Each takes the file's whole text (NUL-terminated; readers already cut NUL
 * padding) and fills plain data.  They are pure: no I/O, no globals, so unit
 * tests feed them captured files and the fuzzers feed them anything.
 * They never crash on bad input: a line that does not parse is skipped, and
 * a file with nothing usable returns -EINVAL (the collector then marks the
 * section unavailable with the file's name).
 *
 * Must not: open files, allocate anything the caller cannot free with the
 * snapshot's own release functions.
 */
#ifndef MEMLENS_PARSE_H
#define MEMLENS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kvlist.h"
#include "snapshot.h"

/*
 * "Name:   value kB" lines (/proc/meminfo, node meminfo with its "Node N "
 * prefix removed, the old 2.4 "total: used:" header and "Mem:" lines skipped).
 * Values are as printed (kB, or counts for HugePages_*).
 */
int parse_meminfo(const char *text, struct kvlist *out);

/* "name value" lines: vmstat, numastat, memory.stat, memory.events. */
int parse_name_value(const char *text, struct kvlist *out);

/*
 * Zones.  buddyinfo and zoneinfo each add zones they have not seen (by node
 * and name) to *zones in the kernel's order and fill their part; the order in
 * which the three are parsed does not matter.  pagetypeinfo fills
 * migratetypes.
 */
int parse_buddyinfo(const char *text, struct zone **zones, size_t *nzones);
int parse_zoneinfo(const char *text, struct zone **zones, size_t *nzones);
int parse_pagetypeinfo(const char *text, struct zone **zones, size_t *nzones);

/* slabinfo version 2.x; -ENOTSUP for another version. */
int parse_slabinfo(const char *text, struct slab_cache **caches,
                   size_t *count);

/* /proc/pressure/memory ("some ..." and "full ..." lines). */
int parse_psi(const char *text, struct psi *out);

/*
 * The memory lines of /proc/PID/status: VmRSS, RssAnon, RssFile, RssShmem,
 * VmSwap, VmPTE, VmSize, VmLck.  Sets the known bit of each line found.
 * Returns -EINVAL when VmRSS is absent (a kernel thread or a zombie has no
 * memory lines: then nothing is known, which is the truth).
 */
int parse_status_memory(const char *text, struct proc *p);

/*
 * /proc/PID/smaps_rollup (or a whole smaps, summed): Pss, Private_Clean +
 * Private_Dirty (USS), AnonHugePages, SwapPss.  Sets pss_kb, uss_kb, thp_kb,
 * swap_pss_kb and their known bits.
 */
int parse_smaps_rollup(const char *text, struct proc *p);

/*
 * Every mapping of /proc/PID/smaps, in the file's order, into a new array
 * *vmas of *count mappings (free it with vma_array_free).  The header line
 * gives start, end, perms, offset, dev, inode and path (which may hold
 * blanks and end in " (deleted)"); each "Name: value" line sets its member
 * and known bit, so lines a kernel lacks stay unknown.  A last mapping cut
 * short keeps what it has; a cut header is dropped.  Returns 0, or -EINVAL
 * when the text holds no mapping (*vmas NULL, *count 0).
 */
int parse_smaps_vmas(const char *text, struct vma **vmas, size_t *count);

/*
 * The same a piece at a time, for smaps read a buffer at a time (75 MB for
 * 100,000 mappings need not be in memory at once).  Start from a zeroed
 * struct; parse_smaps_feed() parses the lines of [text, text + len) that
 * end in a newline and returns the bytes it used (the rest, part of a
 * line, comes again at the start of the next piece); parse_smaps_end()
 * takes the last line, without its newline ([text, text + len), may be
 * empty), and returns the mappings as parse_smaps_vmas() does.
 */
struct parse_smaps_stream {
	struct vma *vmas;
	size_t count;
	size_t cap;
	size_t hint;  /* where the next field line's name is looked for first */
	bool in_vma;  /* field lines go to vmas[count - 1] */
};
size_t parse_smaps_feed(struct parse_smaps_stream *sp, const char *text,
                        size_t len);
int parse_smaps_end(struct parse_smaps_stream *sp, const char *text,
                    size_t len, struct vma **vmas, size_t *count);

/*
 * Merges /proc/PID/numa_maps into the mappings parse_smaps_vmas made,
 * matching each line's start address: mempolicy, node_pages and the numa_*
 * counts (values the kernel leaves out because they equal a default are
 * known from it).  Lines of mappings that are not in vmas (mapped between
 * the two reads) are skipped.  Linear when both are in address order, as
 * the kernel writes them.  Returns 0, or -EINVAL when no line matched.
 */
int parse_numa_maps(const char *text, struct vma *vmas, size_t count);

/*
 * Field number field (1-based, as proc(5) numbers them; 3 or later: after
 * the comm) of /proc/PID/stat, a decimal integer.  Returns 0 or -EINVAL.
 */
int parse_stat_field(const char *text, int field, int64_t *value);

/*
 * OOM reports in kernel log text (parse_oom.c): /dev/kmsg records
 * ("6,1234,5678,-;message") or dmesg lines ("[  5.678] message"), one a
 * line; continuation lines of kmsg (" KEY=value") are skipped.  Appends
 * each complete report (from "invoked oom-killer" to "Killed process") to
 * log->reports.  Returns 0, or -EINVAL for text with no log line at all.
 */
int parse_oom_log(const char *text, struct oom_log *log);

/*
 * MGLRU's debugfs file /sys/kernel/debug/lru_gen (parse_lru_gen.c) into a
 * new array *gens of *count generations in the file's order (free each
 * with schema_free_entity on lru_gen_schema, then the array).  A
 * generation line counts only after its "memcg" and "node" lines, with a
 * seq larger than the one before it on that node; other lines, and a last
 * line cut before its newline, are skipped.  Returns 0, or -EINVAL when
 * no generation was found (*gens NULL, *count 0).
 */
int parse_lru_gen(const char *text, struct lru_gen **gens, size_t *count);

/* A list of integers such as "10 21 21 10" (node distance). */
int parse_int_list(const char *text, int64_t **values, size_t *count);

/*
 * A cpulist or node list such as "0-3,8,10-11" into ids; an empty or
 * white-space-only text is an empty list.
 */
int parse_id_list(const char *text, int64_t **ids, size_t *count);

/*
 * The memory controller's line of /proc/PID/cgroup: "N:memory:/path" (v1) or,
 * when there is none, "0::/path" (v2).  Returns a copy of the path or NULL.
 */
char *parse_cgroup_memory_path(const char *text);

/*
 * The physical pageblock map (parse_pageblocks.c).  parse_zone_spans()
 * makes a new array of the zones of /proc/zoneinfo that span pages, with
 * start_pfn and spanned_pages set (free each with schema_free_entity on
 * pageblock_zone_schema, then the array).  parse_pageblock_order() reads
 * pagetypeinfo's "Page block order:".
 */
int parse_zone_spans(const char *text, struct pageblock_zone **zones,
                     size_t *count);
int parse_pageblock_order(const char *text, int64_t *order);

/* Pages of each pageblock_state in one pageblock. */
struct pageblock_tally {
	uint32_t pages[PB_STATE_COUNT];
};

/*
 * Turns the /proc/kpageflags and /proc/kpagecount entries of one zone, fed
 * in pfn order, into its cells (pageblock_zone.cells): init, then
 * pageblock_scan_page() for each pfn of the zone, then finish, which
 * returns the cells (caller frees) and releases the scan.
 */
struct pageblock_scan {
	uint64_t start_pfn, end_pfn;
	unsigned pageblock_order;
	uint64_t first_block;
	size_t nblocks;
	struct pageblock_tally *tally;
	uint64_t run_head; /* a free block being read: its head ... */
	uint64_t run_len;  /* ... and the pages seen so far (0: none) */
};

int pageblock_scan_init(struct pageblock_scan *s, uint64_t start_pfn,
                        uint64_t spanned_pages, unsigned pageblock_order);
void pageblock_scan_page(struct pageblock_scan *s, uint64_t pfn,
                         uint64_t flags, uint64_t count);
char *pageblock_scan_finish(struct pageblock_scan *s);

#endif
