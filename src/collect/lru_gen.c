/*
 * lru_gen.c - the "lru_gen" section: MGLRU's generations per memory cgroup
 * and node, from /sys/kernel/debug/lru_gen (parse_lru_gen() reads it).
 * Read only for the lru view: the kernel walks every memory cgroup and
 * node to print it.
 *
 * Three things keep it from us, and the reason says which: a kernel built
 * without CONFIG_LRU_GEN (no /sys/kernel/mm/lru_gen), debugfs not mounted
 * (its mount point empty), and debugfs being root's (mode 0700).  The
 * switches themselves (lru_gen/enabled, min_ttl_ms) are read with the vm
 * settings (system.c).
 *
 * Must not: mount debugfs, or write to lru_gen (a write runs aging or
 * eviction).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "common.h"
#include "parse.h"
#include "sources.h"
#include "util.h"

#define LRU_GEN_SYSFS "/sys/kernel/mm/lru_gen"
#define LRU_GEN_DEBUGFS "/sys/kernel/debug/lru_gen"
#define LRU_GEN_DEBUGFS_DIR "/sys/kernel/debug"
/* 4 lines of ~50 bytes per generation set: 16 MiB is 80,000 memcg-nodes. */
#define LRU_GEN_MAX_BYTES (16u << 20)

/* Why MGLRU's sysfs directory says there is nothing to read, or NULL. */
static char *lru_gen_not_built(const char *root)
{
	struct stat st;
	int rc = collect_stat(root, LRU_GEN_SYSFS, &st);

	if (rc == 0)
		return NULL;
	/* A capture without /sys/kernel/mm tells nothing about the kernel. */
	if (rc != -ENOENT || collect_stat(root, "/sys/kernel/mm", &st) < 0)
		return unreadable_reason(LRU_GEN_SYSFS, rc);
	return xstrdup(_("MGLRU not built: /sys/kernel/mm/lru_gen is absent "
	                 "(a kernel without CONFIG_LRU_GEN)"));
}

/* Why debugfs lru_gen is absent when MGLRU is built. */
static char *lru_gen_absent_reason(const char *root)
{
	struct dirent **entries;
	int n = collect_list_dir(root, LRU_GEN_DEBUGFS_DIR, NULL, &entries);

	if (n < 0 && n != -ENOENT)
		return unreadable_reason(LRU_GEN_DEBUGFS_DIR, n);
	/* An unmounted debugfs leaves its mount point empty (or absent). */
	if (n <= 0)
		return xasprintf(_("debugfs not mounted at %s (memlens does not "
		                   "mount it; as root: mount -t debugfs none %s)"),
		                 LRU_GEN_DEBUGFS_DIR, LRU_GEN_DEBUGFS_DIR);
	collect_free_entries(entries, n);
	return unreadable_reason(LRU_GEN_DEBUGFS, -ENOENT);
}

void collect_lru_gen(struct snapshot *snap, const char *root)
{
	char *why = lru_gen_not_built(root), *text;
	size_t len;
	int rc;

	if (why) {
		collect_mark_reason(snap, "lru_gen", why);
		return;
	}
	rc = read_text_file(root, LRU_GEN_DEBUGFS, LRU_GEN_MAX_BYTES, &text,
	                    &len);
	if (rc == -ENOENT) {
		collect_mark_reason(snap, "lru_gen", lru_gen_absent_reason(root));
		return;
	}
	if (rc < 0) { /* EACCES: debugfs is root's */
		collect_mark_unreadable(snap, "lru_gen", LRU_GEN_DEBUGFS, rc);
		return;
	}
	rc = parse_lru_gen(text, &snap->lru_gen, &snap->nlru_gen);
	free(text);
	if (rc < 0) {
		collect_mark_unparsable(snap, "lru_gen", LRU_GEN_DEBUGFS);
		return;
	}
	snap->known |= KNOWN(SEC_LRU_GEN);
}
