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

#endif
