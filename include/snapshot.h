/*
 * snapshot.h - one moment of the machine: the plain data value that every
 * collector fills, every output renders, and every engine reads.
 *
 * A snapshot is owned by whoever collected or replayed it and is never
 * changed afterwards; snapshot_free() releases all of it.  A value that could
 * not be read is "unknown" (its bit in the entity's known mask is clear) and
 * is rendered as n/a or JSON null, never as 0.  Why it is unknown is said in
 * snapshot.unavailable (per source: "slab" -> "/proc/slabinfo: Permission
 * denied (run as root)") or, for one process, in proc.source_err.
 *
 * Sizes are KiB (_kb), page counts are pages (_pages), as in DESIGN.md.
 * The field tables in schema.h describe every member that is rendered.
 *
 * Must not: do I/O, know about curses or JSON.
 */
#ifndef MEMLENS_SNAPSHOT_H
#define MEMLENS_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kvlist.h"

/* Bumped on an incompatible change of the snapshot keys; readers refuse a
 * newer one. */
#define SNAPSHOT_FORMAT "memlens-snapshot"
#define SNAPSHOT_VERSION 1

#define KNOWN(bit) (UINT64_C(1) << (bit))

/* ---- processes -------------------------------------------------------- */

/* The files a process's values come from; each can fail on its own. */
enum proc_source {
	PROC_SRC_STAT,         /* libproc2: stat and the owner (user) */
	PROC_SRC_STATUS,       /* own parser: memory lines of status */
	PROC_SRC_SMAPS_ROLLUP, /* own parser, budgeted (expensive) */
	PROC_SRC_OOM,          /* oom_score, oom_score_adj */
	PROC_SOURCE_COUNT
};

/* source_err values besides 0 (read) and a positive errno. */
#define PROC_SOURCE_NOT_READ (-1) /* not asked for this snapshot */

enum proc_bit {
	PROC_PID, PROC_PPID, PROC_USER, PROC_COMM, PROC_CMDLINE, PROC_STATE,
	PROC_THREADS, PROC_START_TICKS,
	PROC_RSS, PROC_ANON, PROC_FILE, PROC_SHMEM, PROC_SWAP, PROC_PGTABLES,
	PROC_VSZ, PROC_LOCKED,
	PROC_PSS, PROC_USS, PROC_THP, PROC_SWAP_PSS, PROC_SMAPS_TIME,
	PROC_MINFLT, PROC_MAJFLT,
	PROC_OOM_SCORE, PROC_OOM_SCORE_ADJ, PROC_NUMA_NODE, PROC_CGROUP,
	PROC_BIT_COUNT
};

struct proc {
	uint64_t known; /* KNOWN(PROC_*) for each member that was read */
	int64_t pid;
	int64_t ppid;
	char *user;
	char *comm;    /* as the kernel has it (may hold any bytes) */
	char *cmdline; /* arguments joined by spaces (raw bytes) */
	char *state;   /* one letter: R, S, D, Z, ... */
	int64_t threads;
	int64_t start_ticks; /* stat field 22: tells a reused pid apart */
	int64_t rss_kb;      /* status VmRSS */
	int64_t anon_kb;     /* status RssAnon */
	int64_t file_kb;     /* status RssFile */
	int64_t shmem_kb;    /* status RssShmem */
	int64_t swap_kb;     /* status VmSwap */
	int64_t pgtables_kb; /* status VmPTE */
	int64_t vsz_kb;      /* status VmSize */
	int64_t locked_kb;   /* status VmLck */
	int64_t pss_kb;      /* smaps_rollup Pss */
	int64_t uss_kb;      /* smaps_rollup Private_Clean + Private_Dirty */
	int64_t thp_kb;      /* smaps_rollup AnonHugePages */
	int64_t swap_pss_kb; /* smaps_rollup SwapPss */
	double smaps_time;   /* when pss/uss/thp were read (may be older) */
	int64_t minflt;      /* stat, cumulative */
	int64_t majflt;
	int64_t oom_score;
	int64_t oom_score_adj;
	int64_t numa_node; /* node of the CPU it last ran on */
	char *cgroup;      /* memory cgroup path (v1 memory line or v2 0::) */
	int source_err[PROC_SOURCE_COUNT]; /* 0, errno, PROC_SOURCE_NOT_READ */
};

/* ---- zones (buddyinfo, zoneinfo, pagetypeinfo) ------------------------ */

enum zone_bit {
	ZONE_FREE_BLOCKS, ZONE_FREE, ZONE_BOOST, ZONE_MIN, ZONE_LOW, ZONE_HIGH,
	ZONE_SPANNED, ZONE_PRESENT, ZONE_MANAGED, ZONE_CMA, ZONE_PROTECTION,
	ZONE_STATS, ZONE_MIGRATETYPES, ZONE_BIT_COUNT
};

/* Free blocks of one migratetype (pagetypeinfo), and its pageblock count. */
struct zone_migratetype {
	uint64_t known; /* bit 0: free_blocks, bit 1: pageblocks */
	char *type;     /* "Unmovable", "Movable", ... */
	int64_t *free_blocks;
	size_t norders;
	int64_t pageblocks;
};

struct zone {
	uint64_t known;
	int64_t node;
	char *zone;            /* "DMA", "DMA32", "Normal", "Movable", ... */
	int64_t *free_blocks;  /* buddyinfo: free blocks per order */
	size_t norders;
	int64_t free_pages;    /* zoneinfo "pages free" */
	int64_t boost_pages;
	int64_t min_pages;
	int64_t low_pages;
	int64_t high_pages;
	int64_t spanned_pages;
	int64_t present_pages;
	int64_t managed_pages;
	int64_t cma_pages;
	int64_t *protection_pages; /* lowmem reserve against each zone */
	size_t nprotection;
	struct kvlist stats;       /* the zone's nr_* items in zoneinfo */
	struct zone_migratetype *migratetypes; /* pagetypeinfo, root only */
	size_t nmigratetypes;
};

/* ---- slab caches (slabinfo 2.1) --------------------------------------- */

struct slab_cache {
	uint64_t known; /* all or nothing: a row with impossible values keeps
	                 * its name and nothing else */
	char *name;
	int64_t active_objs;
	int64_t num_objs;
	int64_t objsize;
	int64_t objperslab;
	int64_t pagesperslab;
	int64_t active_slabs;
	int64_t num_slabs;
};

/* ---- NUMA ------------------------------------------------------------- */

enum numa_node_bit {
	NUMA_CPULIST, NUMA_DISTANCE, NUMA_MEMINFO, NUMA_NUMASTAT, NUMA_VMSTAT,
	NUMA_NODE_BIT_COUNT
};

struct numa_node {
	uint64_t known;
	int64_t node;
	char *cpulist;        /* "0-3,8-11", "" for a CPU-less node */
	int64_t *distance;    /* to every node in numa.nodes order */
	size_t ndistance;
	struct kvlist meminfo;  /* per-node meminfo, "Node N " prefix removed */
	struct kvlist numastat; /* numa_hit, numa_miss, ... (pages) */
	struct kvlist vmstat;   /* per-node vmstat */
};

struct numa {
	uint64_t known;          /* bit 0: nodes listed */
	struct numa_node *nodes; /* in node id order; ids may be sparse */
	size_t count;
};

/* ---- zswap ------------------------------------------------------------ */

enum zswap_bit { ZSWAP_PARAMETERS, ZSWAP_STATS };

struct zswap {
	uint64_t known;
	struct skvlist parameters; /* /sys/module/zswap/parameters/ */
	struct kvlist stats;       /* debugfs zswap/ (root, debugfs mounted) */
};

/* ---- pressure stall information --------------------------------------- */

struct psi_line {
	uint64_t known; /* bit 0: the line is present */
	double avg10;
	double avg60;
	double avg300;
	int64_t total_us;
};

struct psi {
	uint64_t known; /* bit 0: the file was read */
	struct psi_line some;
	struct psi_line full;
};

/* ---- memory cgroups --------------------------------------------------- */

/* Limits use CGROUP_UNLIMITED for "max" (v2) or the v1 "no limit" value. */
#define CGROUP_UNLIMITED INT64_MAX

enum cgroup_bit {
	CG_USAGE, CG_LIMIT, CG_HIGH, CG_LOW, CG_MIN, CG_SWAP_USAGE, CG_SWAP_LIMIT,
	CG_MEMSW_USAGE, CG_MEMSW_LIMIT, CG_STAT, CG_EVENTS, CG_BIT_COUNT
};

struct cgroup_mem {
	uint64_t known;
	char *path;           /* relative to the hierarchy: "/", "/system.slice" */
	int64_t usage_kb;     /* v2 memory.current, v1 memory.usage_in_bytes */
	int64_t limit_kb;     /* v2 memory.max, v1 memory.limit_in_bytes */
	int64_t high_kb;      /* v2 only */
	int64_t low_kb;       /* v2 only */
	int64_t min_kb;       /* v2 only */
	int64_t swap_usage_kb; /* v2 memory.swap.current */
	int64_t swap_limit_kb; /* v2 memory.swap.max */
	int64_t memsw_usage_kb; /* v1 memory.memsw.usage_in_bytes (mem+swap) */
	int64_t memsw_limit_kb; /* v1 memory.memsw.limit_in_bytes */
	struct kvlist stat;   /* memory.stat */
	struct kvlist events; /* v2 memory.events; v1 memory.oom_control + failcnt */
};

struct cgroups {
	uint64_t known;   /* bit 0: version and mount */
	int64_t version;  /* 1 or 2 */
	char *mount;      /* where the memory hierarchy is mounted */
	struct cgroup_mem *groups; /* parents before children */
	size_t count;
};

/* ---- the snapshot ----------------------------------------------------- */

enum snapshot_section {
	SEC_MEMINFO, SEC_VMSTAT, SEC_PROCESSES, SEC_ZONES, SEC_SLAB, SEC_NUMA,
	SEC_THP, SEC_ZSWAP, SEC_PSI, SEC_CGROUP, SEC_SYSCTL, SEC_COUNT
};

struct snapshot {
	uint64_t known; /* KNOWN(SEC_*) for each section that was read */
	int64_t version;
	double time;      /* seconds since the epoch */
	char *hostname;
	char *kernel;     /* release, from proc/sys/kernel/osrelease */
	int64_t page_size; /* bytes */

	struct kvlist meminfo; /* every line, kB as printed (HugePages_* counts) */
	struct kvlist vmstat;  /* every counter, raw names */

	struct proc *processes; /* sorted by pid */
	size_t nprocesses;

	struct zone *zones; /* node, then zone order as the kernel prints */
	size_t nzones;

	struct slab_cache *slab;
	size_t nslab;

	struct numa numa;

	/* THP settings, by path below transparent_hugepage/: "enabled",
	 * "khugepaged/defrag", "hugepages-2048kB/enabled"; counters are thp_* in
	 * vmstat. */
	struct skvlist thp;
	struct zswap zswap;

	struct psi psi;
	struct cgroups cgroup;

	/* /proc/sys/vm/ settings by name ("swappiness" -> "60"), as text. */
	struct skvlist sysctl;

	/*
	 * Why something is missing: source -> reason.  A source is a section
	 * name ("slab"), a file ("pagetypeinfo", "hostname"), or a part of a
	 * section written section.part ("zswap.stats", "numa.meminfo").
	 */
	struct skvlist unavailable;
};

struct snapshot *snapshot_new(void);
void snapshot_free(struct snapshot *snap);

/* Records why a section or source is unavailable (takes a copy). */
void snapshot_set_unavailable(struct snapshot *snap, const char *source,
                              const char *reason);

/* The process with this pid, or NULL; processes must be sorted by pid. */
const struct proc *snapshot_find_proc(const struct snapshot *snap, int64_t pid);

/* Sorts processes by pid (collectors and readers call it once). */
void snapshot_sort_processes(struct snapshot *snap);

void proc_clear(struct proc *p);
void zone_clear(struct zone *z);
void numa_node_clear(struct numa_node *n);
void cgroup_mem_clear(struct cgroup_mem *cg);

#endif
