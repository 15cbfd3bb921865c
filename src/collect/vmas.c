/*
 * vmas.c - the mappings of one process (the vmas view): /proc/PID/smaps,
 * then /proc/PID/numa_maps merged into it, for the pid of
 * collect_options.vmas_pid only (DESIGN.md: "Per-VMA smaps and numa_maps are
 * read for the selected process only"; each read walks the process's page
 * tables).  Both are read below root, so --root works for this section.
 *
 * What cannot be read says why under "vmas": no pid chosen, no such
 * process, permission (smaps needs ptrace read access: the same user or
 * root), or no address space (a kernel thread or a zombie reads empty).
 * numa_maps may be missing (no CONFIG_NUMA, or a capture without it): its
 * fields stay unknown and "vmas.numa_maps" says why.
 *
 * Must not: read any other process, write to /proc, or parse text itself
 * (parse_smaps.c does).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "common.h"
#include "parse.h"
#include "sources.h"
#include "util.h"

/*
 * smaps prints ~1 KiB per mapping; vm.max_map_count (65530 by default, set
 * to 262144 and more for some databases) bounds the mappings.  The buffer
 * grows only as far as the file goes.
 */
#define VMAS_SMAPS_MAX_BYTES (1024u << 20)

/* Whether root/proc/PID is there: tells a vanished process from a file
 * this kernel or capture does not have. */
static bool vmas_pid_exists(const char *root, int64_t pid)
{
	char *dir = xasprintf("/proc/%" PRId64, pid);
	struct stat st;
	bool exists = collect_stat(root, dir, &st) == 0 && S_ISDIR(st.st_mode);

	free(dir);
	return exists;
}

static char *vmas_read_reason(const char *root, int64_t pid, const char *path,
                              int rc)
{
	if ((rc == -ENOENT || rc == -ESRCH) && !vmas_pid_exists(root, pid))
		return xasprintf(_("pid %" PRId64 ": no such process"), pid);
	return unreadable_reason(path, rc);
}

/* Reads root/proc/PID/name; 0, or -errno with *text NULL. */
static int vmas_read(const char *root, int64_t pid, const char *name,
                     char **path, char **text, size_t *len)
{
	*path = xasprintf("/proc/%" PRId64 "/%s", pid, name);
	return read_text_file(root, *path, VMAS_SMAPS_MAX_BYTES, text, len);
}

/* numa_maps into the mappings, or why not under "vmas.numa_maps". */
static void vmas_numa(struct snapshot *snap, const char *root, int64_t pid)
{
	struct vmas *v = &snap->vmas;
	char *path, *text;
	int rc = vmas_read(root, pid, "numa_maps", &path, &text, NULL);

	if (rc < 0)
		collect_mark_unreadable(snap, "vmas.numa_maps", path, rc);
	else if (parse_numa_maps(text, v->mappings, v->count) < 0)
		collect_mark_reason(snap, "vmas.numa_maps",
		                    xasprintf(_("%s: no line matches a mapping "
		                                "of smaps (the process changed "
		                                "between the two reads)"),
		                              path));
	free(text);
	free(path);
}

/* smaps into snap->vmas; false (with the reason said) when it cannot. */
static bool vmas_smaps(struct snapshot *snap, const char *root, int64_t pid)
{
	struct vmas *v = &snap->vmas;
	char *path, *text;
	size_t len;
	int rc = vmas_read(root, pid, "smaps", &path, &text, &len);

	if (rc < 0)
		collect_mark_reason(snap, "vmas",
		                    vmas_read_reason(root, pid, path, rc));
	else if (len == 0)
		collect_mark_reason(snap, "vmas",
		                    xasprintf(_("pid %" PRId64 " has no address "
		                                "space (a kernel thread or a "
		                                "zombie)"),
		                              pid));
	else if (parse_smaps_vmas(text, &v->mappings, &v->count) < 0)
		collect_mark_unparsable(snap, "vmas", path);
	free(text);
	free(path);
	return v->count > 0;
}

void collect_vmas(struct snapshot *snap, const char *root, int64_t pid)
{
	if (pid <= 0 || pid > INT_MAX) {
		collect_mark_reason(snap, "vmas",
		                    xstrdup(pid == 0 ? _("no process chosen: name "
		                                         "one with --pid")
		                                     : _("not a process id")));
		return;
	}
	if (!vmas_smaps(snap, root, pid))
		return;
	snap->vmas.pid = pid;
	snap->vmas.known |= KNOWN(0);
	snap->known |= KNOWN(SEC_VMAS);
	vmas_numa(snap, root, pid);
}
