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
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "parse.h"
#include "sources.h"
#include "util.h"

/* Settings files are a few bytes; a larger one is not a setting. */
#define SETTING_MAX_BYTES 4096

static bool is_live(const char *root)
{
	return !root || !*root || strcmp(root, "/") == 0;
}

static void mark_unreadable(struct snapshot *snap, const char *source,
                            const char *path, int rc)
{
	char *reason = unreadable_reason(path, rc);

	snapshot_set_unavailable(snap, source, reason);
	free(reason);
}

static void mark_unparsable(struct snapshot *snap, const char *source,
                            const char *path)
{
	char *reason = xasprintf(_("%s: no values could be parsed"), path);

	snapshot_set_unavailable(snap, source, reason);
	free(reason);
}

/* Cuts leading and trailing white space in place; returns the start. */
static char *trim(char *text)
{
	size_t len;

	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	len = strlen(text);
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
	                   text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	return text;
}

/* The first line of a small file, trimmed, or NULL. Caller frees. */
static char *read_line(const char *root, const char *path, int *rc_out)
{
	char *text, *line;
	int rc = read_text_file(root, path, SETTING_MAX_BYTES, &text, NULL);

	*rc_out = rc;
	if (rc < 0)
		return NULL;
	text[strcspn(text, "\n")] = '\0';
	line = trim(text);
	if (!*line) {
		free(text);
		*rc_out = -ENODATA;
		return NULL;
	}
	line = xstrdup(line);
	free(text);
	return line;
}

/* ---- header ----------------------------------------------------------- */

static void header_hostname(struct snapshot *snap, const char *root)
{
	char name[256];
	int rc;

	if (is_live(root)) {
		if (gethostname(name, sizeof(name)) == 0) {
			name[sizeof(name) - 1] = '\0';
			snap->hostname = xstrdup(name);
			return;
		}
		rc = -errno;
	} else {
		snap->hostname = read_line(root, "/proc/sys/kernel/hostname", &rc);
		if (snap->hostname)
			return;
	}
	mark_unreadable(snap, "hostname", "/proc/sys/kernel/hostname", rc);
}

/* "Linux version 5.8.0-63-generic (buildd@...) ..." -> "5.8.0-63-generic" */
static char *release_from_proc_version(const char *root)
{
	static const char prefix[] = "Linux version ";
	char *text, *release = NULL;

	if (read_text_file(root, "/proc/version", SETTING_MAX_BYTES, &text,
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

	snap->kernel = read_line(root, "/proc/sys/kernel/osrelease", &rc);
	if (snap->kernel)
		return;
	/* Captured trees often keep /proc/version but not /proc/sys/kernel. */
	snap->kernel = release_from_proc_version(root);
	if (snap->kernel)
		return;
	if (is_live(root) && uname(&uts) == 0) {
		snap->kernel = xstrdup(uts.release);
		return;
	}
	mark_unreadable(snap, "kernel", "/proc/sys/kernel/osrelease", rc);
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

		if (read_text_file(root, smaps[i], SETTING_MAX_BYTES, &text,
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

	if (is_live(root)) {
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

typedef int (*kv_parser)(const char *text, struct kvlist *out);

/* Reads one counter file into list; sets section's bit or says why not. */
static void collect_kv_file(struct snapshot *snap, const char *root,
                            const char *path, const char *source,
                            enum snapshot_section section, kv_parser parse,
                            struct kvlist *list)
{
	char *text;
	int rc = read_text_file(root, path, 0, &text, NULL);

	if (rc < 0) {
		mark_unreadable(snap, source, path, rc);
		return;
	}
	rc = parse(text, list);
	free(text);
	if (rc < 0 || list->count == 0) {
		kvlist_free(list);
		mark_unparsable(snap, source, path);
		return;
	}
	snap->known |= KNOWN(section);
}

void collect_meminfo(struct snapshot *snap, const char *root)
{
	collect_kv_file(snap, root, "/proc/meminfo", "meminfo", SEC_MEMINFO,
	                parse_meminfo, &snap->meminfo);
}

void collect_vmstat(struct snapshot *snap, const char *root)
{
	collect_kv_file(snap, root, "/proc/vmstat", "vmstat", SEC_VMSTAT,
	                parse_name_value, &snap->vmstat);
}

void collect_psi(struct snapshot *snap, const char *root)
{
	static const char path[] = "/proc/pressure/memory";
	char *text;
	int rc = read_text_file(root, path, SETTING_MAX_BYTES, &text, NULL);

	/* Absent without CONFIG_PSI or with psi=0; EOPNOTSUPP when disabled. */
	if (rc < 0) {
		mark_unreadable(snap, "psi", path, rc);
		return;
	}
	memset(&snap->psi, 0, sizeof(snap->psi));
	rc = parse_psi(text, &snap->psi);
	free(text);
	if (rc < 0) {
		memset(&snap->psi, 0, sizeof(snap->psi));
		mark_unparsable(snap, "psi", path);
		return;
	}
	snap->psi.known |= 1;
	snap->known |= KNOWN(SEC_PSI);
}

/* ---- /proc/sys/vm ----------------------------------------------------- */

static int skip_dot_entries(const struct dirent *entry)
{
	return entry->d_name[0] != '.';
}

/*
 * One setting: regular files with a read bit only.  Write-only triggers
 * (drop_caches, compact_memory) and files this user may not read
 * (mmap_rnd_bits is 0600) are skipped quietly: they are not settings we
 * can show.
 */
static void sysctl_add(struct snapshot *snap, const char *root,
                       const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *full = root_path(root, path);
	struct stat st;
	char *text;

	/* Reading it makes every CPU flush its vmstat deltas: a side effect. */
	if (strcmp(name, "stat_refresh") == 0)
		goto out;
	if (lstat(full, &st) < 0 || !S_ISREG(st.st_mode) ||
	    !(st.st_mode & (S_IRUSR | S_IRGRP | S_IROTH)))
		goto out;
	if (read_text_file(root, path, SETTING_MAX_BYTES, &text, NULL) < 0)
		goto out;
	skvlist_add(&snap->sysctl, name, trim(text));
	free(text);
out:
	free(full);
	free(path);
}

void collect_sysctl(struct snapshot *snap, const char *root)
{
	static const char dir[] = "/proc/sys/vm";
	char *full = root_path(root, dir);
	struct dirent **entries;
	int n = scandir(full, &entries, skip_dot_entries, alphasort);

	free(full);
	if (n < 0) {
		mark_unreadable(snap, "sysctl", dir, -errno);
		return;
	}
	for (int i = 0; i < n; i++) {
		sysctl_add(snap, root, dir, entries[i]->d_name);
		free(entries[i]);
	}
	free(entries);
	if (snap->sysctl.count == 0) {
		snapshot_set_unavailable(snap, "sysctl",
		                         _("/proc/sys/vm: no readable settings"));
		return;
	}
	snap->known |= KNOWN(SEC_SYSCTL);
}
