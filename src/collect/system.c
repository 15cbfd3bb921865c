/*
 * system.c - the snapshot header (time, hostname, kernel, page size) and the
 * system-wide counter files: /proc/meminfo, /proc/vmstat,
 * /proc/pressure/memory and the settings in /proc/sys/vm/.
 *
 * Must not: write to /proc or /sys, or read a file whose read has a side
 * effect (vm/stat_refresh flushes every CPU's counters when read).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "common.h"
#include "parse.h"
#include "sources.h"
#include "util.h"

/* /proc/version, PSI and the head of smaps: a few hundred bytes. */
#define SMALL_FILE_MAX_BYTES 4096

/* ---- header ----------------------------------------------------------- */

/* A header value: the first line of a file, which must not be blank. */
static char *header_line(const char *root, const char *path, int *rc)
{
	char *line = collect_read_line(root, path, rc);

	if (line && !*line) {
		free(line);
		*rc = -ENODATA;
		return NULL;
	}
	return line;
}

static void header_hostname(struct snapshot *snap, const char *root)
{
	char name[256];
	int rc;

	if (collect_is_live(root)) {
		if (gethostname(name, sizeof(name)) == 0) {
			name[sizeof(name) - 1] = '\0';
			snap->hostname = xstrdup(name);
			return;
		}
		rc = -errno;
	} else {
		snap->hostname =
			header_line(root, "/proc/sys/kernel/hostname", &rc);
		if (snap->hostname)
			return;
	}
	collect_mark_unreadable(snap, "hostname", "/proc/sys/kernel/hostname",
	                        rc);
}

/* "Linux version 5.8.0-63-generic (buildd@...) ..." -> "5.8.0-63-generic" */
static char *release_from_proc_version(const char *root)
{
	static const char prefix[] = "Linux version ";
	char *text, *release = NULL;

	if (read_text_file(root, "/proc/version", SMALL_FILE_MAX_BYTES, &text,
	                   NULL) < 0)
		return NULL;
	if (strncmp(text, prefix, strlen(prefix)) == 0) {
		const char *start = text + strlen(prefix);
		size_t len = strcspn(start, " \t\n");

		if (len > 0)
			release = xstrndup(start, len);
	}
	free(text);
	return release;
}

static void header_kernel(struct snapshot *snap, const char *root)
{
	struct utsname uts;
	int rc;

	snap->kernel = header_line(root, "/proc/sys/kernel/osrelease", &rc);
	if (snap->kernel)
		return;
	/* Captured trees often keep /proc/version but not /proc/sys/kernel. */
	snap->kernel = release_from_proc_version(root);
	if (snap->kernel)
		return;
	if (collect_is_live(root) && uname(&uts) == 0) {
		snap->kernel = xstrdup(uts.release);
		return;
	}
	collect_mark_unreadable(snap, "kernel", "/proc/sys/kernel/osrelease",
	                        rc);
}

/*
 * A captured tree does not say its page size directly; the "KernelPageSize:"
 * line of a process's smaps does.  Returns bytes, or 0 when not found.
 */
static int64_t page_size_from_smaps(const char *root)
{
	static const char *const smaps[] = { "/proc/self/smaps", "/proc/1/smaps" };
	static const char key[] = "KernelPageSize:";

	for (size_t i = 0; i < ARRAY_SIZE(smaps); i++) {
		char *text, *line;
		int64_t kb;

		if (read_text_file(root, smaps[i], SMALL_FILE_MAX_BYTES, &text,
		                   NULL) < 0)
			continue;
		line = strstr(text, key);
		if (line && parse_int64(line + strlen(key), NULL, &kb) == 0 &&
		    kb > 0 && kb <= INT64_MAX / 1024) {
			free(text);
			return kb * 1024;
		}
		free(text);
	}
	return 0;
}

static void header_page_size(struct snapshot *snap, const char *root)
{
	long live;

	if (collect_is_live(root)) {
		live = sysconf(_SC_PAGESIZE);
		if (live > 0) {
			snap->page_size = live;
			return;
		}
	} else {
		snap->page_size = page_size_from_smaps(root);
		if (snap->page_size > 0)
			return;
	}
	/* What almost every captured machine used (x86, most arm64). */
	snap->page_size = 4096;
}

void collect_header(struct snapshot *snap, const char *root)
{
	snap->time = now_seconds();
	header_hostname(snap, root);
	header_kernel(snap, root);
	header_page_size(snap, root);
}

/* ---- counter files ---------------------------------------------------- */

/* Reads one counter file into list; sets section's bit or says why not. */
static void counter_file(struct snapshot *snap, const char *root,
                         const char *path, const char *source,
                         enum snapshot_section section,
                         collect_kv_parser parse, struct kvlist *list)
{
	char *reason = collect_kv_file(root, path, parse, list);

	if (reason) {
		collect_mark_reason(snap, source, reason);
		return;
	}
	snap->known |= KNOWN(section);
}

void collect_meminfo(struct snapshot *snap, const char *root)
{
	counter_file(snap, root, "/proc/meminfo", "meminfo", SEC_MEMINFO,
	             parse_meminfo, &snap->meminfo);
}

void collect_vmstat(struct snapshot *snap, const char *root)
{
	counter_file(snap, root, "/proc/vmstat", "vmstat", SEC_VMSTAT,
	             parse_name_value, &snap->vmstat);
}

void collect_psi(struct snapshot *snap, const char *root)
{
	static const char path[] = "/proc/pressure/memory";
	char *text;
	int rc = read_text_file(root, path, SMALL_FILE_MAX_BYTES, &text, NULL);

	/* Absent without CONFIG_PSI or with psi=0; EOPNOTSUPP when disabled. */
	if (rc < 0) {
		collect_mark_unreadable(snap, "psi", path, rc);
		return;
	}
	memset(&snap->psi, 0, sizeof(snap->psi));
	rc = parse_psi(text, &snap->psi);
	free(text);
	if (rc < 0) {
		memset(&snap->psi, 0, sizeof(snap->psi));
		collect_mark_unparsable(snap, "psi", path);
		return;
	}
	snap->psi.known |= 1;
	snap->known |= KNOWN(SEC_PSI);
}

/* ---- /proc/sys/vm ----------------------------------------------------- */

/*
 * One setting: regular files with a read bit only.  Write-only triggers
 * (drop_caches, compact_memory) and files this user may not read
 * (mmap_rnd_bits is 0600) are skipped quietly: they are not settings we
 * can show.
 */
static void sysctl_add(struct snapshot *snap, const char *root,
                       const char *dir, const char *name)
{
	char *path, *value;

	/* Reading it makes every CPU flush its vmstat deltas: a side effect. */
	if (strcmp(name, "stat_refresh") == 0)
		return;
	path = xasprintf("%s/%s", dir, name);
	value = collect_read_setting(root, path);
	if (value)
		skvlist_add(&snap->sysctl, name, value);
	free(value);
	free(path);
}

/*
 * MGLRU's switches, kept with the vm settings as "lru_gen/enabled" and
 * "lru_gen/min_ttl_ms".  A /sys/kernel/mm without lru_gen is a kernel built
 * without CONFIG_LRU_GEN; a capture without /sys/kernel/mm tells nothing.
 */
static void sysctl_lru_gen(struct snapshot *snap, const char *root)
{
	static const char *const names[] = { "enabled", "min_ttl_ms" };
	struct stat st;

	if (collect_stat(root, "/sys/kernel/mm/lru_gen", &st) < 0) {
		if (collect_stat(root, "/sys/kernel/mm", &st) == 0)
			snapshot_set_unavailable(snap, "sysctl.lru_gen",
			                         _("/sys/kernel/mm/lru_gen: absent, "
			                           "the kernel is built without "
			                           "MGLRU (CONFIG_LRU_GEN)"));
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char *path = xasprintf("/sys/kernel/mm/lru_gen/%s", names[i]);
		char *value = collect_read_setting(root, path);
		char *name = xasprintf("lru_gen/%s", names[i]);

		if (value)
			skvlist_add(&snap->sysctl, name, value);
		free(name);
		free(value);
		free(path);
	}
}

void collect_sysctl(struct snapshot *snap, const char *root)
{
	static const char dir[] = "/proc/sys/vm";
	struct dirent **entries;
	int n = collect_list_dir(root, dir, alphasort, &entries);

	if (n < 0) {
		collect_mark_unreadable(snap, "sysctl", dir, n);
		return;
	}
	for (int i = 0; i < n; i++)
		sysctl_add(snap, root, dir, entries[i]->d_name);
	collect_free_entries(entries, n);
	if (snap->sysctl.count > 0)
		sysctl_lru_gen(snap, root);
	if (snap->sysctl.count == 0) {
		snapshot_set_unavailable(snap, "sysctl",
		                         _("/proc/sys/vm: no readable settings"));
		return;
	}
	snap->known |= KNOWN(SEC_SYSCTL);
}
