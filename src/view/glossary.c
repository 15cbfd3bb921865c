/*
 * glossary.c - meanings of the kernel's names (see glossary.h), written
 * from Documentation/filesystems/proc.rst, admin-guide/mm/transhuge.rst,
 * admin-guide/mm/zswap.rst and admin-guide/sysctl/vm.rst.
 *
 * Must not: read files.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "glossary.h"
#include "schema.h"
#include "util.h"

struct glossary_entry {
	const char *name;
	const char *help;
};

static const struct glossary_entry glossary[] = {
	/* meminfo */
	{ "MemTotal", N_("Usable RAM: physical memory minus what firmware and the kernel image reserve.") },
	{ "MemFree", N_("RAM not used for anything; low values are normal, MemAvailable is what matters.") },
	{ "MemAvailable", N_("The kernel's estimate of memory available for new work without swapping: free memory plus the reclaimable part of the page cache and slab, minus the watermarks.") },
	{ "Buffers", N_("Page cache of block devices (file system metadata).") },
	{ "Cached", N_("Page cache of files, tmpfs and shared memory included (Shmem is not reclaimable by dropping it).") },
	{ "SwapCached", N_("Pages that are both in RAM and in swap: they can be dropped without writing.") },
	{ "Active", N_("Pages recently used, on the active LRU lists (anon + file).") },
	{ "Inactive", N_("Pages not recently used: the candidates for reclaim.") },
	{ "Active(anon)", N_("Anonymous and shmem pages on the active list: reclaimed only by swapping, after demotion to the inactive list.") },
	{ "Inactive(anon)", N_("Anonymous and shmem pages on the inactive list: swapped out first under pressure.") },
	{ "Active(file)", N_("File pages on the active list: used more than once recently.") },
	{ "Inactive(file)", N_("File pages on the inactive list: dropped (or written back, if dirty) first under pressure.") },
	{ "Unevictable", N_("Pages that cannot be reclaimed: mlocked, ramfs, SHM_LOCK.") },
	{ "Mlocked", N_("Pages locked in memory with mlock().") },
	{ "SwapTotal", N_("Total swap space.") },
	{ "SwapFree", N_("Unused swap space.") },
	{ "Zswap", N_("Memory the zswap pool takes (compressed pages).") },
	{ "Zswapped", N_("Uncompressed size of the pages stored in zswap.") },
	{ "Dirty", N_("Pages modified in memory and waiting to be written back to disk.") },
	{ "Writeback", N_("Pages being written back now.") },
	{ "AnonPages", N_("Anonymous pages mapped into user page tables.") },
	{ "Mapped", N_("File pages mapped into processes (mmap), libraries included.") },
	{ "Shmem", N_("tmpfs, shared anonymous memory and SysV shared memory: counted in Cached, but only swapping frees it.") },
	{ "KReclaimable", N_("Kernel memory the kernel can reclaim under pressure: SReclaimable and other caches.") },
	{ "Slab", N_("Kernel slab caches (see the slab view).") },
	{ "SReclaimable", N_("Slab caches that can be reclaimed, such as dentries and inodes.") },
	{ "SUnreclaim", N_("Slab caches that cannot be reclaimed.") },
	{ "KernelStack", N_("Kernel stacks of all tasks.") },
	{ "PageTables", N_("Memory of page tables.") },
	{ "CommitLimit", N_("With overcommit_memory 2, the most the kernel lets processes commit: swap + RAM x overcommit_ratio% (or overcommit_kbytes).") },
	{ "Committed_AS", N_("Memory processes have committed (allocated, not necessarily touched): what would be needed if all of it were used.") },
	{ "VmallocUsed", N_("Kernel virtual memory allocated with vmalloc.") },
	{ "AnonHugePages", N_("Anonymous memory mapped by transparent huge pages.") },
	{ "ShmemHugePages", N_("Shared memory and tmpfs backed by huge pages.") },
	{ "FileHugePages", N_("File pages in huge pages (page cache).") },
	{ "HugePages_Total", N_("hugetlbfs pool size in huge pages (reserved, not THP).") },
	{ "HugePages_Free", N_("hugetlbfs pages not yet allocated.") },
	{ "Hugetlb", N_("Memory taken by hugetlbfs pools of every size.") },
	/* vmstat */
	{ "pgfault", N_("Page faults, minor and major, since boot.") },
	{ "pgmajfault", N_("Major page faults: the faulting task waited for I/O (a file page read, a swap-in).") },
	{ "pgscan_kswapd", N_("Pages kswapd scanned on the LRU lists: background reclaim, woken below the low watermark.") },
	{ "pgscan_direct", N_("Pages scanned by direct reclaim: an allocating task reclaimed itself, and stalled.") },
	{ "pgsteal_kswapd", N_("Pages kswapd reclaimed.") },
	{ "pgsteal_direct", N_("Pages direct reclaim reclaimed.") },
	{ "pgrefill", N_("Pages scanned on the active lists to refill the inactive lists.") },
	{ "pgactivate", N_("Pages moved from an inactive list to an active one.") },
	{ "pgdeactivate", N_("Pages moved from an active list to an inactive one.") },
	{ "pgrotated", N_("Pages moved to the tail of the inactive list after writeback, to be reclaimed next.") },
	{ "workingset_refault_anon", N_("Anonymous pages faulted back in soon after reclaim evicted them: the working set does not fit.") },
	{ "workingset_refault_file", N_("File pages read back in soon after reclaim evicted them: thrashing of the page cache.") },
	{ "workingset_refault", N_("Pages read back in soon after eviction (kernels before 5.9).") },
	{ "workingset_activate_anon", N_("Refaulted anonymous pages activated at once, because they were in the working set.") },
	{ "workingset_activate_file", N_("Refaulted file pages activated at once, because they were in the working set.") },
	{ "workingset_restore_anon", N_("Refaulted anonymous pages that had been active before eviction.") },
	{ "workingset_restore_file", N_("Refaulted file pages that had been active before eviction.") },
	{ "pswpin", N_("Pages read from swap.") },
	{ "pswpout", N_("Pages written to swap.") },
	{ "zswpin", N_("Pages loaded back from zswap.") },
	{ "zswpout", N_("Pages stored into zswap.") },
	{ "zswpwb", N_("Pages written back from zswap to the swap device.") },
	{ "allocstall", N_("Times an allocation entered direct reclaim.") },
	{ "compact_stall", N_("Times an allocation entered direct compaction to make a high-order block.") },
	{ "compact_fail", N_("Direct compactions that did not produce the block.") },
	{ "compact_success", N_("Direct compactions that did.") },
	{ "oom_kill", N_("Processes killed by the OOM killer since boot.") },
	{ "thp_fault_alloc", N_("Huge pages allocated at a page fault.") },
	{ "thp_fault_fallback", N_("Faults that wanted a huge page and fell back to small pages: no order-9 block was free.") },
	{ "thp_fault_fallback_charge", N_("Fallbacks because the memory cgroup charge failed.") },
	{ "thp_collapse_alloc", N_("Huge pages khugepaged allocated to collapse small pages into.") },
	{ "thp_collapse_alloc_failed", N_("Collapses khugepaged gave up on: no huge page could be allocated.") },
	{ "thp_split_page", N_("Huge pages split into small pages (partial unmap, reclaim, migration).") },
	{ "thp_deferred_split_page", N_("Huge pages queued to be split when memory is short.") },
	{ "thp_file_alloc", N_("File huge pages allocated (tmpfs, page cache).") },
	{ "thp_file_mapped", N_("File huge pages mapped into user space.") },
	{ "thp_swpout", N_("Huge pages swapped out without being split.") },
	{ "thp_zero_page_alloc", N_("Huge zero pages allocated.") },
	{ "numa_hit", N_("Allocations satisfied on the node they were meant for.") },
	{ "numa_miss", N_("Allocations that landed on this node though another was preferred.") },
	{ "numa_foreign", N_("Allocations meant for this node that landed on another.") },
	{ "interleave_hit", N_("Interleave-policy allocations that got this node.") },
	{ "local_node", N_("Allocations on this node for a task running on it.") },
	{ "other_node", N_("Allocations on this node for a task running on another node.") },
	/* THP settings (transparent_hugepage/) */
	{ "enabled", N_("THP: always (every suitable anonymous mapping), madvise (only MADV_HUGEPAGE regions) or never.  zswap: whether zswap takes new pages.") },
	{ "defrag", N_("THP: how hard a fault works for a huge page: always (direct compaction), defer, defer+madvise, madvise, never.") },
	{ "shmem_enabled", N_("THP for tmpfs and shared memory: always, within_size, advise, never, deny, force.") },
	{ "use_zero_page", N_("Whether reads of untouched THP memory map the huge zero page.") },
	{ "max_ptes_none", N_("khugepaged: empty small pages a collapse may fill (up to 511).") },
	{ "pages_to_scan", N_("khugepaged: pages scanned per wake-up.") },
	{ "scan_sleep_millisecs", N_("khugepaged: sleep between scans.") },
	/* zswap parameters */
	{ "compressor", N_("zswap: the compression algorithm.") },
	{ "max_pool_percent", N_("zswap: the most of RAM the pool may take, in percent.") },
	{ "accept_threshold_percent", N_("zswap: once full, accepts pages again only below this share of the pool limit.") },
	{ "shrinker_enabled", N_("zswap: write cold compressed pages back to swap under memory pressure.") },
	{ "zpool", N_("zswap: the allocator of compressed pages (zsmalloc, z3fold, zbud).") },
	/* zones and migratetypes */
	{ "DMA", N_("Zone of the first 16 MiB, for old devices.") },
	{ "DMA32", N_("Zone below 4 GiB, for 32-bit devices.") },
	{ "Normal", N_("The zone of all other memory.") },
	{ "Movable", N_("Zone (kernelcore=, movablecore=) or migratetype of pages that can be migrated: user memory.  Movable blocks let compaction make huge pages.") },
	{ "Unmovable", N_("Migratetype of kernel allocations that cannot move.  Unmovable pages in many pageblocks prevent huge pages.") },
	{ "Reclaimable", N_("Migratetype of kernel allocations that can be freed but not moved (slab caches of dentries, inodes).") },
	{ "HighAtomic", N_("Migratetype reserved for high-order atomic allocations.") },
	{ "CMA", N_("Contiguous memory allocator: pages movable allocations may borrow, but devices get back.") },
	{ "Isolate", N_("Pageblocks isolated for migration or memory hot-remove.") },
	{ "all", N_("The zone's free blocks of every migratetype (/proc/buddyinfo).") },
	/* sysctls (vm.) */
	{ "swappiness", N_("vm.swappiness (0-200): how readily reclaim takes anonymous pages (swapping) against file pages.  60 is the default.") },
	{ "vfs_cache_pressure", N_("vm.vfs_cache_pressure: how readily reclaim takes dentry and inode caches; 100 is fair.") },
	{ "min_free_kbytes", N_("vm.min_free_kbytes: the reserve the min watermarks are made of.") },
	{ "watermark_scale_factor", N_("vm.watermark_scale_factor: the distance between the watermarks, in 1/10000 of memory; higher wakes kswapd earlier.") },
	{ "watermark_boost_factor", N_("vm.watermark_boost_factor: how far watermarks are boosted after fragmenting fallbacks.") },
	{ "lowmem_reserve_ratio", N_("vm.lowmem_reserve_ratio: how much of a lower zone is kept from allocations that could use a higher one.") },
	{ "compaction_proactiveness", N_("vm.compaction_proactiveness (0-100): background compaction effort.") },
	{ "extfrag_threshold", N_("vm.extfrag_threshold: above this fragmentation index, compaction is tried rather than reclaim.") },
	{ "overcommit_memory", N_("vm.overcommit_memory: 0 heuristic, 1 always allow, 2 never beyond CommitLimit.") },
	{ "overcommit_ratio", N_("vm.overcommit_ratio: the share of RAM in CommitLimit with overcommit_memory 2.") },
	{ "some", N_("PSI: share of time at least one task stalled on memory (reclaim, refaults, swap-in).") },
	{ "full", N_("PSI: share of time all non-idle tasks stalled on memory at once: lost work.") },
};

const char *glossary_lookup(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(glossary); i++)
		if (strcmp(glossary[i].name, name) == 0)
			return glossary[i].help;
	return NULL;
}

/* Field tables whose titles appear in the text views' tables. */
static const struct schema *const glossary_schemas[] = {
	&zone_schema, &migratetype_schema, &numa_node_schema, &psi_line_schema,
	&cgroup_mem_schema,
};

static const struct field *glossary_field(const char *word)
{
	for (size_t s = 0; s < ARRAY_SIZE(glossary_schemas); s++)
		for (size_t i = 0; i < glossary_schemas[s]->nfields; i++) {
			const struct field *f = &glossary_schemas[s]->fields[i];

			/* The text views print the translated title. */
			if (f->help && (strcmp(f->title, word) == 0 ||
			                strcmp(field_title(f), word) == 0 ||
			                strcmp(f->name, word) == 0))
				return f;
		}
	return NULL;
}

static bool glossary_said(char said[][64], int n, const char *word)
{
	for (int i = 0; i < n; i++)
		if (strcmp(said[i], word) == 0)
			return true;
	return false;
}

int glossary_explain_line(const char *line, struct ui_explain *ex, int max)
{
	char said[16][64];
	int n = 0;
	const char *p = line;

	while (*p && n < max && n < 16) {
		size_t len = strcspn(p, " \t=:,;");
		char word[64];
		const char *help;
		const struct field *f = NULL;

		if (len == 0 || len >= sizeof(word)) {
			p += len ? len : 1;
			continue;
		}
		memcpy(word, p, len);
		word[len] = '\0';
		p += len;
		help = glossary_lookup(word);
		if (!help && (f = glossary_field(word)) != NULL)
			help = f->help;
		if (!help || glossary_said(said, n, word))
			continue;
		snprintf(said[n++], sizeof(said[0]), "%s", word);
		ui_explain_add(ex, UI_EX_VALUE, "%s", word);
		ui_explain_add(ex, UI_EX_TEXT, "%s", _(help));
	}
	return n;
}
