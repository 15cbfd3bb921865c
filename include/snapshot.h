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
	/* the OOM killer's inputs besides status (--sim oom) */
	PROC_STAT_RSS, PROC_TOTAL_VM, PROC_TASK_FLAGS, PROC_NICE, PROC_CPU_TIME,
	PROC_AGE, PROC_MEMS_ALLOWED, PROC_CAP_EFF, PROC_OOM_SCORE_STABLE,
	PROC_MM_GROUP, PROC_IN_VFORK,
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
	/* From stat, every refresh (free: libproc2 reads stat anyway). */
	int64_t stat_rss_pages; /* field 24: get_mm_rss(), the approximate read */
	int64_t total_vm_pages; /* field 23 (vsize) in pages: mm->total_vm */
	int64_t task_flags;     /* field 9: PF_* (PF_KTHREAD 0x00200000) */
	int64_t nice;           /* field 19 */
	double cpu_time_s;      /* fields 14 + 15 (utime + stime), seconds */
	double age_s;           /* uptime - field 22 (start), seconds */
	char *mems_allowed;     /* status Mems_allowed_list: "0-1" */
	int64_t cap_eff;        /* status CapEff: effective capabilities */
	/* With collect_options.fresh_oom_inputs only: */
	int64_t oom_score_stable; /* 1: oom_score read before and after the
	                           * other inputs agreed, and stat's rss had
	                           * not moved since libproc2 read it */
	int64_t mm_group;  /* lowest pid sharing this address space (kcmp) */
	int64_t in_vfork;  /* 1: a vfork child still sharing its parent's mm */
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
	CG_MEMSW_USAGE, CG_MEMSW_LIMIT, CG_STAT, CG_EVENTS, CG_SWAPPINESS,
	CG_BIT_COUNT
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
	int64_t swappiness;   /* v1 memory.swappiness (v2 uses vm.swappiness) */
};

struct cgroups {
	uint64_t known;   /* bit 0: version and mount */
	int64_t version;  /* 1 or 2 */
	char *mount;      /* where the memory hierarchy is mounted */
	struct cgroup_mem *groups; /* parents before children */
	size_t count;
};

/* ---- one process's mappings (smaps, numa_maps) ------------------------- */

/*
 * What smaps and numa_maps say of one mapping (VMA).  Each line of either
 * file has its bit: old kernels lack some (Pss_Dirty before 6.1, KSM before
 * 6.6, FilePmdMapped before 4.17), a capture may be cut, and the numa_maps
 * bits stay clear without CONFIG_NUMA or when the mapping appeared between
 * the two reads.
 */
enum vma_bit {
	VMA_START, VMA_END, VMA_PERMS, VMA_OFFSET, VMA_DEV, VMA_INODE,
	VMA_PATH, VMA_SIZE, VMA_KERNEL_PAGE_SIZE, VMA_MMU_PAGE_SIZE, VMA_RSS,
	VMA_PSS, VMA_PSS_DIRTY, VMA_SHARED_CLEAN, VMA_SHARED_DIRTY,
	VMA_PRIVATE_CLEAN, VMA_PRIVATE_DIRTY, VMA_REFERENCED, VMA_ANONYMOUS,
	VMA_KSM, VMA_LAZYFREE, VMA_ANON_HUGE, VMA_SHMEM_PMD, VMA_FILE_PMD,
	VMA_SHARED_HUGETLB, VMA_PRIVATE_HUGETLB, VMA_SWAP, VMA_SWAP_PSS,
	VMA_LOCKED, VMA_THP_ELIGIBLE, VMA_PROTECTION_KEY, VMA_VM_FLAGS,
	VMA_MEMPOLICY, VMA_NODE_PAGES, VMA_NUMA_ANON, VMA_NUMA_DIRTY,
	VMA_NUMA_MAPPED, VMA_NUMA_MAPMAX, VMA_NUMA_SWAPCACHE, VMA_NUMA_ACTIVE,
	VMA_NUMA_WRITEBACK, VMA_NUMA_PAGE_SIZE, VMA_BIT_COUNT
};

struct vma {
	uint64_t known; /* KNOWN(VMA_*) */
	/* Addresses and the offset are 64-bit unsigned in the kernel; they
	 * are kept as their two's complement, so the kernel-half [vsyscall]
	 * page (ffffffffff600000) reads as a negative number. */
	int64_t start;
	int64_t end;
	char *perms;  /* "rw-p": read, write, execute, p(rivate) or s(hared) */
	int64_t offset; /* bytes into the file */
	char *dev;    /* "fd:01", major:minor in hex */
	int64_t inode;
	char *path;   /* file, [heap], [stack], [anon:name], "" for anonymous;
	               * with " (deleted)" as the kernel prints it */
	int64_t size_kb;
	int64_t kernel_page_size_kb;
	int64_t mmu_page_size_kb;
	int64_t rss_kb;
	int64_t pss_kb;
	int64_t pss_dirty_kb;
	int64_t shared_clean_kb;
	int64_t shared_dirty_kb;
	int64_t private_clean_kb;
	int64_t private_dirty_kb;
	int64_t referenced_kb;
	int64_t anonymous_kb;
	int64_t ksm_kb;
	int64_t lazyfree_kb;
	int64_t anon_huge_kb;   /* AnonHugePages */
	int64_t shmem_pmd_kb;   /* ShmemPmdMapped */
	int64_t file_pmd_kb;    /* FilePmdMapped */
	int64_t shared_hugetlb_kb;
	int64_t private_hugetlb_kb;
	int64_t swap_kb;
	int64_t swap_pss_kb;
	int64_t locked_kb;
	int64_t thp_eligible;   /* 0 or 1 */
	int64_t protection_key;
	char *vm_flags;         /* "rd wr mr mw me ac" */
	/* numa_maps; page counts in pages of numa_page_size_kb */
	char *mempolicy;        /* "default", "bind:0-1", "interleave:0-3" */
	struct kvlist node_pages; /* "N0" -> pages, only nodes with pages */
	int64_t numa_anon_pages;
	int64_t numa_dirty_pages;
	int64_t numa_mapped_pages;
	int64_t numa_mapmax;
	int64_t numa_swapcache_pages;
	int64_t numa_active_pages;
	int64_t numa_writeback_pages;
	int64_t numa_page_size_kb;
};

/* The mappings of one process, in address order (the snapshot's "vmas"). */
struct vmas {
	uint64_t known; /* bit 0: read (the section bit says the same) */
	int64_t pid;
	struct vma *mappings;
	size_t count;
};

/* ---- the physical pageblock map (kpageflags, root only) --------------- */

/*
 * What most pages of a pageblock hold, from /proc/kpageflags: free (buddy),
 * movable (anonymous and shmem pages on the LRU), reclaimable (file cache
 * on the LRU), unmovable (other kernel pages), slab, THP, reserved, or a
 * hole (no page, or outside the zone).
 */
enum pageblock_state {
	PB_HOLE, PB_FREE, PB_MOVABLE, PB_RECLAIMABLE, PB_UNMOVABLE, PB_SLAB,
	PB_THP, PB_RESERVED, PB_STATE_COUNT
};

/*
 * One pageblock is one character of pageblock_zone.cells, a base64 digit
 * (A-Z a-z 0-9 + /) whose value is state * 8 + free: free is 0 when no
 * page of the block is free, else ceil(7 * free pages / pages per block)
 * (7 for a wholly free block).  So a 24 GiB zone is a 12 KiB string.
 */
static inline char pageblock_cell(unsigned state, unsigned free7)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij"
	                             "klmnopqrstuvwxyz0123456789+/";

	return digits[((state & 7) << 3) | (free7 & 7)];
}

/* The value of a cell, 0..63, or -1 for a byte that is not one. */
static inline int pageblock_cell_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

struct pageblock_zone {
	uint64_t known;   /* bit 0: cells read */
	int64_t node;
	char *zone;
	int64_t start_pfn;     /* zoneinfo start_pfn */
	int64_t spanned_pages; /* zoneinfo spanned */
	/* One cell per pageblock from the block holding start_pfn to the
	 * one holding the last pfn; blocks the zone only partly spans
	 * describe the zone's pages. */
	char *cells;
};

struct pageblocks {
	uint64_t known;          /* bit 0: read */
	double time;             /* when the map was read (seconds since the
	                          * epoch): it is read sparingly, so it may be
	                          * older than the snapshot */
	int64_t pageblock_order; /* pagetypeinfo "Page block order" */
	struct pageblock_zone *zones;
	size_t count;
};

/* ---- past OOM kills, from the kernel log (/dev/kmsg) ------------------ */

enum oom_task_bit { OT_LINE, OT_RSS_PARTS };

/*
 * One line of an OOM report's task dump ("Tasks state (memory values in
 * pages)"): what oom_badness() read of the process then.  rss_anon, _file
 * and _shmem are printed from 6.8 on (OT_RSS_PARTS).
 */
struct oom_task {
	uint64_t known;
	int64_t pid;
	int64_t uid;
	int64_t tgid;
	int64_t total_vm_pages;
	int64_t rss_pages;
	int64_t rss_anon_pages;
	int64_t rss_file_pages;
	int64_t rss_shmem_pages;
	int64_t pgtables_bytes;
	int64_t swapents_pages;
	int64_t oom_score_adj;
	char *name;
};

enum oom_report_bit {
	ORP_TIME, ORP_INVOKER, ORP_CONSTRAINT, ORP_MEMCG, ORP_KILLED,
	ORP_MEMCG_USAGE, ORP_MEMCG_SWAP, ORP_MEMCG_MEMSW, ORP_TASKS,
	ORP_BIT_COUNT
};

/* One OOM kill as the kernel logged it (kernel-spec.md 1.7). */
struct oom_report {
	uint64_t known;
	double time_s;           /* log time stamp: seconds since boot */
	char *invoker;           /* "<comm> invoked oom-killer" */
	char *gfp_mask;          /* "0xcc0(GFP_KERNEL)" */
	int64_t order;
	int64_t invoker_adj;     /* the invoker's oom_score_adj */
	char *constraint;        /* CONSTRAINT_NONE, _MEMCG, _CPUSET, ... */
	char *nodemask;          /* "(null)" or a node list */
	char *cpuset;
	char *mems_allowed;
	char *oom_memcg;         /* memcg OOM: the group whose limit was hit */
	char *task_memcg;
	int64_t memcg_usage_kb;  /* "memory: usage %llukB, limit %llukB" */
	int64_t memcg_limit_kb;
	int64_t memcg_swap_limit_kb;  /* v2 "swap: usage, limit" */
	int64_t memcg_memsw_limit_kb; /* v1 "memory+swap: usage, limit" */
	char *killed_by;         /* "Out of memory", "Memory cgroup out of memory" */
	int64_t victim_pid;
	char *victim_comm;
	int64_t victim_uid;
	int64_t victim_total_vm_kb;
	int64_t victim_anon_rss_kb;
	int64_t victim_file_rss_kb;
	int64_t victim_shmem_rss_kb;
	int64_t victim_pgtables_kb;
	int64_t victim_adj;
	struct oom_task *tasks;  /* the task dump, in the kernel's walk order */
	size_t ntasks;
};

struct oom_log {
	uint64_t known; /* bit 0: the log was read (it may hold no report) */
	struct oom_report *reports; /* oldest first */
	size_t count;
};

/* ---- MGLRU generations (debugfs lru_gen, root only) ------------------- */

/*
 * One generation of one memory cgroup on one node, a line of
 * /sys/kernel/debug/lru_gen (Documentation/admin-guide/mm/multigen_lru.rst,
 * lru_gen_seq_show() in mm/vmscan.c): "memcg ID PATH", " node N", then
 * " SEQ AGE_MS NR_ANON NR_FILE" per generation, oldest (smallest seq) first.
 * Every member of a parsed line is known.
 */
struct lru_gen {
	uint64_t known;
	int64_t memcg_id;   /* mem_cgroup_id(); newer kernels print the
	                     * cgroup's inode number (mem_cgroup_ino()) */
	char *memcg_path;   /* "/" for the root, "" without CONFIG_MEMCG */
	int64_t node;
	int64_t seq;        /* the generation's number: larger is younger */
	int64_t age_ms;     /* since aging made it */
	int64_t anon_pages;
	int64_t file_pages;
};

/* ---- the snapshot ----------------------------------------------------- */

enum snapshot_section {
	SEC_MEMINFO, SEC_VMSTAT, SEC_PROCESSES, SEC_ZONES, SEC_SLAB, SEC_NUMA,
	SEC_THP, SEC_ZSWAP, SEC_PSI, SEC_CGROUP, SEC_SYSCTL, SEC_VMAS,
	SEC_PAGEBLOCKS, SEC_OOM_LOG, SEC_LRU_GEN, SEC_COUNT
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

	/* The mappings of one process (--pid), read for that process only. */
	struct vmas vmas;

	/* The physical map, one cell per pageblock (--sim buddy, root). */
	struct pageblocks pageblocks;

	/* Past OOM kills in the kernel log (/dev/kmsg; --sim oom). */
	struct oom_log oom_log;

	/* MGLRU's generations (debugfs lru_gen; the lru view), in the file's
	 * order: memcg, then node, then seq. */
	struct lru_gen *lru_gen;
	size_t nlru_gen;

	/*
	 * Why something is missing: source -> reason.  A source is a section
	 * name ("slab"), a file ("pagetypeinfo", "hostname"), or a part of a
	 * section written section.part ("zswap.stats", "numa.meminfo").
	 */
	struct skvlist unavailable;
	/*
	 * The same as data, for decisions that the reasons' words (which
	 * are translated) must not drive: source -> the errno of the read
	 * that failed (EACCES, EPERM: refused), or UNAVAILABLE_NOT_REQUESTED.
	 * Only what the collector knows; not recorded (a replayed snapshot
	 * has none).
	 */
	struct kvlist unavailable_errno;
};

#define UNAVAILABLE_NOT_REQUESTED (-1)

struct snapshot *snapshot_new(void);
void snapshot_free(struct snapshot *snap);

/* Records why a section or source is unavailable (takes a copy). */
void snapshot_set_unavailable(struct snapshot *snap, const char *source,
                              const char *reason);
/* The same, with the errno of the failed read (positive) or
 * UNAVAILABLE_NOT_REQUESTED kept as data beside the words. */
void snapshot_set_unavailable_errno(struct snapshot *snap, const char *source,
                                    const char *reason, int err);

/* The process with this pid, or NULL; processes must be sorted by pid. */
const struct proc *snapshot_find_proc(const struct snapshot *snap, int64_t pid);

/* Sorts processes by pid (collectors and readers call it once). */
void snapshot_sort_processes(struct snapshot *snap);

void proc_clear(struct proc *p);
void zone_clear(struct zone *z);
void numa_node_clear(struct numa_node *n);
void cgroup_mem_clear(struct cgroup_mem *cg);
void vma_clear(struct vma *v);
/* Clears count mappings and frees the array. */
void vma_array_free(struct vma *vmas, size_t count);

#endif
