/*
 * sources.h - the collectors of each section, called by collect.c.
 * Each reads its files below root, fills its part of the snapshot, sets the
 * section's known bit on success and otherwise records why in
 * snap->unavailable.  None of them fails the snapshot as a whole.
 *
 * Must not: render anything, or write to /proc or /sys.
 */
#ifndef MEMLENS_COLLECT_SOURCES_H
#define MEMLENS_COLLECT_SOURCES_H

#include "collect.h"
#include "snapshot.h"

/* hostname, kernel, page_size, time */
void collect_header(struct snapshot *snap, const char *root);
void collect_meminfo(struct snapshot *snap, const char *root);
void collect_vmstat(struct snapshot *snap, const char *root);
void collect_psi(struct snapshot *snap, const char *root);
void collect_zones(struct snapshot *snap, const char *root);
void collect_slab(struct snapshot *snap, const char *root);
void collect_numa(struct snapshot *snap, const char *root);
void collect_thp(struct snapshot *snap, const char *root);
void collect_zswap(struct snapshot *snap, const char *root);
void collect_cgroups(struct snapshot *snap, const char *root);
void collect_sysctl(struct snapshot *snap, const char *root);
/* The physical pageblock map (kpageflags, root only). */
/* The pageblock map costs ~0.4 s per 24 GiB to read, so it is read at
 * most every few seconds: *cache (the collector's, NULL at first) keeps
 * the last map for the snapshots in between, with its own time. */
struct pageblocks_cache;
void collect_pageblocks(struct snapshot *snap, const char *root,
                        struct pageblocks_cache **cache);
void pageblocks_cache_free(struct pageblocks_cache *cache);
/* Past OOM kills in the kernel log (/dev/kmsg, live only). */
void collect_oom_log(struct snapshot *snap, const char *root);
/* MGLRU's generations (debugfs lru_gen: root, debugfs mounted). */
void collect_lru_gen(struct snapshot *snap, const char *root);
/* The mappings of one process (smaps, numa_maps); pid 0: none chosen.
 * *cache (the collector's, NULL at first) keeps the read buffers. */
struct vmas_cache;
void collect_vmas(struct snapshot *snap, const char *root, int64_t pid,
                  struct vmas_cache **cache);
void vmas_cache_free(struct vmas_cache *cache);

/* The process table (libproc2) and the budgeted smaps_rollup reads. */
struct proc_collector;
int proc_collector_new(struct proc_collector **out,
                       const struct collect_options *opts);
void proc_collector_collect(struct proc_collector *pc, struct snapshot *snap);
void proc_collector_free(struct proc_collector *pc);
/* collect_options.fresh_oom_inputs, changed from the next snapshot on. */
void proc_collector_set_fresh_oom(struct proc_collector *pc, bool fresh);

/* The per-process files the collector reads itself (libproc2's are not
 * counted); "smaps" is the fallback of kernels before 4.14; stat and wchan
 * are read only for fresh_oom_inputs. */
enum pid_file {
	PID_FILE_STATUS, PID_FILE_OOM_SCORE, PID_FILE_OOM_SCORE_ADJ,
	PID_FILE_CMDLINE, PID_FILE_CGROUP, PID_FILE_SMAPS_ROLLUP,
	PID_FILE_SMAPS, PID_FILE_STAT, PID_FILE_WCHAN, PID_FILE_COUNT
};

/*
 * How many times each file was opened (or tried) since proc_collector_new,
 * over all processes: for tests and benchmarks, which check that unchanged
 * processes cost no reads.  Returns 0.
 */
int proc_collector_reads(const struct proc_collector *pc,
                         uint64_t counts[PID_FILE_COUNT]);

#endif
