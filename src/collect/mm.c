/*
 * mm.c - the settings directories of memory features: transparent huge
 * pages (sys/kernel/mm/transparent_hugepage/, read recursively: khugepaged/,
 * and on 6.8+ one hugepages-<size>kB/ per mTHP size with its stats/) and
 * zswap (module parameters, and the pool counters in debugfs, which only
 * root can read and only when debugfs is mounted).
 *
 * Values are kept as the kernel prints them, trimmed; the views decide what
 * "always [madvise] never" means.
 *
 * Must not: write to /sys, mount debugfs, or follow symbolic links.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "sources.h"
#include "util.h"

#define THP_DIR "/sys/kernel/mm/transparent_hugepage"
#define ZSWAP_MODULE_DIR "/sys/module/zswap"
#define ZSWAP_PARAM_DIR ZSWAP_MODULE_DIR "/parameters"
#define DEBUGFS_DIR "/sys/kernel/debug"
#define ZSWAP_DEBUG_DIR DEBUGFS_DIR "/zswap"

/* transparent_hugepage/hugepages-64kB/stats/ is the deepest today. */
#define THP_MAX_DEPTH 4

/* A directory that exists but holds nothing this user can read. */
static void mark_empty(struct snapshot *snap, const char *source,
                       const char *dir)
{
	collect_mark_reason(snap, source,
	                    xasprintf(_("%s: nothing readable"), dir));
}

/* ---- transparent huge pages ------------------------------------------- */

/* prefix: the key so far ("", "hugepages-2048kB/"). */
static void thp_walk(struct skvlist *out, const char *root, const char *dir,
                     const char *prefix, int depth)
{
	struct dirent **entries;
	int n = collect_list_dir(root, dir, versionsort, &entries);

	for (int i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		char *path = xasprintf("%s/%s", dir, name);
		char *key = xasprintf("%s%s", prefix, name);
		char *value;

		switch (collect_entry_kind(root, path)) {
		case COLLECT_ENTRY_DIR:
			if (depth < THP_MAX_DEPTH) {
				char *sub_prefix = xasprintf("%s/", key);

				thp_walk(out, root, path, sub_prefix, depth + 1);
				free(sub_prefix);
			}
			break;
		case COLLECT_ENTRY_READABLE_FILE:
			/* A file this user may not read is not shown. */
			value = collect_read_value(root, path, NULL);
			if (value)
				skvlist_add(out, key, value);
			free(value);
			break;
		case COLLECT_ENTRY_OTHER:
			break;
		}
		free(key);
		free(path);
	}
	if (n > 0)
		collect_free_entries(entries, n);
}

void collect_thp(struct snapshot *snap, const char *root)
{
	struct stat st;
	int rc = collect_stat(root, THP_DIR, &st);

	if (rc == 0 && !S_ISDIR(st.st_mode))
		rc = -ENOTDIR;
	if (rc < 0) {
		/* A kernel without CONFIG_TRANSPARENT_HUGEPAGE. */
		collect_mark_unreadable(snap, "thp", THP_DIR, rc);
		return;
	}
	thp_walk(&snap->thp, root, THP_DIR, "", 0);
	if (snap->thp.count == 0) {
		mark_empty(snap, "thp", THP_DIR);
		return;
	}
	snap->known |= KNOWN(SEC_THP);
}

/* ---- zswap ------------------------------------------------------------ */

static void zswap_parameters(struct snapshot *snap, const char *root)
{
	struct dirent **entries;
	int n = collect_list_dir(root, ZSWAP_PARAM_DIR, versionsort,
	                         &entries);

	if (n < 0) {
		collect_mark_unreadable(snap, "zswap.parameters",
		                        ZSWAP_PARAM_DIR, n);
		return;
	}
	for (int i = 0; i < n; i++) {
		char *path = xasprintf(ZSWAP_PARAM_DIR "/%s", entries[i]->d_name);
		char *value = collect_read_setting(root, path);

		if (value)
			skvlist_add(&snap->zswap.parameters, entries[i]->d_name,
			            value);
		free(value);
		free(path);
	}
	collect_free_entries(entries, n);
	if (snap->zswap.parameters.count > 0)
		snap->zswap.known |= KNOWN(ZSWAP_PARAMETERS);
	else
		mark_empty(snap, "zswap.parameters", ZSWAP_PARAM_DIR);
}

/* A debugfs counter: one integer (pool_total_size is in bytes). */
static void zswap_stat_add(struct kvlist *stats, const char *root,
                           const char *name)
{
	char *path = xasprintf(ZSWAP_DEBUG_DIR "/%s", name);
	char *value = collect_read_setting(root, path), *end;
	int64_t number;

	if (value && parse_int64(value, &end, &number) == 0 && *end == '\0')
		kvlist_add(stats, name, number);
	free(value);
	free(path);
}

/* Why the debugfs counters cannot be read, when the zswap dir failed
 * (*err: the errno when a directory could not be read). */
static char *zswap_stats_reason(const struct snapshot *snap, const char *root,
                                int rc, int *err)
{
	const char *enabled = skvlist_get(&snap->zswap.parameters, "enabled");
	struct dirent **entries;
	int n;

	*err = -rc;
	if (rc != -ENOENT)
		return unreadable_reason(ZSWAP_DEBUG_DIR, rc);
	/* An unmounted debugfs leaves its mount point empty (or absent). */
	n = collect_list_dir(root, DEBUGFS_DIR, versionsort, &entries);
	*err = n < 0 ? -n : 0;
	if (n < 0 && n != -ENOENT)
		return unreadable_reason(DEBUGFS_DIR, n);
	if (n <= 0)
		return xasprintf(_("debugfs not mounted at %s (as root: mount -t "
		                   "debugfs none %s)"), DEBUGFS_DIR, DEBUGFS_DIR);
	collect_free_entries(entries, n);
	/* Recent kernels (6.18 here) set zswap up, debugfs files included,
	 * only when it is first enabled (zswap_setup()). */
	if (enabled && (enabled[0] == 'N' || enabled[0] == '0'))
		return xasprintf(_("%s: absent: zswap has not been enabled since "
		                   "boot"), ZSWAP_DEBUG_DIR);
	*err = -rc;
	return unreadable_reason(ZSWAP_DEBUG_DIR, rc);
}

static void zswap_stats(struct snapshot *snap, const char *root)
{
	struct dirent **entries;
	int n = collect_list_dir(root, ZSWAP_DEBUG_DIR, versionsort,
	                         &entries);

	if (n < 0) {
		int err;
		char *reason = zswap_stats_reason(snap, root, n, &err);

		collect_mark_reason_errno(snap, "zswap.stats", reason, err);
		return;
	}
	for (int i = 0; i < n; i++)
		zswap_stat_add(&snap->zswap.stats, root, entries[i]->d_name);
	collect_free_entries(entries, n);
	if (snap->zswap.stats.count > 0)
		snap->zswap.known |= KNOWN(ZSWAP_STATS);
	else
		mark_empty(snap, "zswap.stats", ZSWAP_DEBUG_DIR);
}

void collect_zswap(struct snapshot *snap, const char *root)
{
	struct stat st;
	int rc = collect_stat(root, ZSWAP_MODULE_DIR, &st);

	if (rc < 0) {
		/* A kernel built without CONFIG_ZSWAP has no such module. */
		collect_mark_unreadable(snap, "zswap", ZSWAP_MODULE_DIR, rc);
		return;
	}
	zswap_parameters(snap, root);
	zswap_stats(snap, root);
	if (!snap->zswap.known) {
		snapshot_set_unavailable(snap, "zswap",
		                         _("neither the zswap parameters nor its "
		                           "counters could be read"));
		return;
	}
	snap->known |= KNOWN(SEC_ZSWAP);
}
