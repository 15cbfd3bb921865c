/*
 * cgroup.c - the memory cgroup hierarchy: finds where the memory controller
 * is mounted (cgroup v2, else v1), walks its groups parents first and reads
 * each group's usage, limits, memory.stat and events.
 *
 * Where the controller is: v2 when /sys/fs/cgroup/cgroup.controllers, or the
 * cgroup.controllers of a cgroup2 mount in /proc/self/mounts, lists
 * "memory"; else v1 at /sys/fs/cgroup/memory or at a "cgroup" mount with the
 * memory option.  Captured trees often lack both cgroup.controllers and
 * the mount table; a /sys/fs/cgroup that holds v2 memory files at its top
 * (memory.stat, memory.pressure) is then taken as v2.
 *
 * Sizes become KiB.  "max" (v2) and the v1 "no limit" value (PAGE_COUNTER_MAX
 * pages: 9223372036854771712 bytes on 64-bit, u64 max on old kernels)
 * become CGROUP_UNLIMITED.
 *
 * Must not: write to cgroupfs, follow symbolic links, or walk more than
 * CGROUP_MAX_GROUPS groups.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "parse.h"
#include "sources.h"
#include "util.h"

#define CGROUP_FS "/sys/fs/cgroup"
#define CGROUP_MAX_GROUPS 4096
/* Any byte count at or above this is a "no limit" sentinel, not a size. */
#define CGROUP_UNLIMITED_BYTES (UINT64_C(1) << 62)
#define VALUE_MAX_BYTES 4096

/* ---- small helpers ------------------------------------------------------ */

/* Whether a white-space or comma separated list holds word. */
static bool list_has_word(const char *list, const char *word, const char *sep)
{
	size_t word_len = strlen(word);

	while (*list) {
		size_t len = strcspn(list, sep);

		if (len == word_len && strncmp(list, word, len) == 0)
			return true;
		list += len;
		list += strspn(list, sep);
	}
	return false;
}

/* Whether root + path is a regular file (links followed). */
static bool file_exists(const char *root, const char *path)
{
	struct stat st;

	return collect_stat(root, path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- where the memory controller is ----------------------------------- */

/* 1 if mount's cgroup.controllers lists memory, 0 if not, or -errno. */
static int v2_has_memory(const char *root, const char *mount)
{
	char *path = xasprintf("%s/cgroup.controllers", mount);
	char *text;
	int rc = read_text_file(root, path, VALUE_MAX_BYTES, &text, NULL);

	free(path);
	if (rc < 0)
		return rc;
	rc = list_has_word(text, "memory", " \t\n");
	free(text);
	return rc;
}

/* Undoes the octal escapes of /proc/self/mounts (\040 for a space). */
static void unescape_mount_path(char *path)
{
	char *out = path;

	for (char *in = path; *in; in++) {
		if (in[0] == '\\' && in[1] >= '0' && in[1] <= '3' &&
		    in[2] >= '0' && in[2] <= '7' && in[3] >= '0' && in[3] <= '7') {
			*out++ = (char)((in[1] - '0') * 64 + (in[2] - '0') * 8 +
			                (in[3] - '0'));
			in += 3;
		} else {
			*out++ = *in;
		}
	}
	*out = '\0';
}

/*
 * Looks through /proc/self/mounts for a memory hierarchy of this version:
 * a cgroup2 mount whose controllers include memory, or a v1 "cgroup" mount
 * with the memory option.  Returns the mount point or NULL.
 */
static char *mount_from_table(const char *root, int version)
{
	char *text, *line, *save = NULL, *found = NULL;

	if (read_text_file(root, "/proc/self/mounts", 0, &text, NULL) < 0)
		return NULL;
	for (line = strtok_r(text, "\n", &save); line && !found;
	     line = strtok_r(NULL, "\n", &save)) {
		char *fields[4], *field_save = NULL;
		size_t n = 0;

		for (char *f = strtok_r(line, " \t", &field_save); f && n < 4;
		     f = strtok_r(NULL, " \t", &field_save))
			fields[n++] = f;
		if (n < 4)
			continue;
		unescape_mount_path(fields[1]);
		if (version == 2 && strcmp(fields[2], "cgroup2") == 0 &&
		    v2_has_memory(root, fields[1]) == 1)
			found = xstrdup(fields[1]);
		else if (version == 1 && strcmp(fields[2], "cgroup") == 0 &&
		         list_has_word(fields[3], "memory", ","))
			found = xstrdup(fields[1]);
	}
	free(text);
	return found;
}

/*
 * A captured v2 tree without cgroup.controllers: memory files at the top
 * that v1 does not have there, and no v1 usage file.
 */
static bool looks_like_v2_capture(const char *root)
{
	if (file_exists(root, CGROUP_FS "/cgroup.controllers") ||
	    file_exists(root, CGROUP_FS "/memory.usage_in_bytes"))
		return false;
	return file_exists(root, CGROUP_FS "/memory.stat") ||
	       file_exists(root, CGROUP_FS "/memory.pressure");
}

static int find_memory_controller(const char *root, int64_t *version,
                                  char **mount)
{
	if (v2_has_memory(root, CGROUP_FS) == 1) {
		*version = 2;
		*mount = xstrdup(CGROUP_FS);
	} else if ((*mount = mount_from_table(root, 2))) {
		*version = 2;
	} else if (file_exists(root,
	                       CGROUP_FS "/memory/memory.usage_in_bytes")) {
		*version = 1;
		*mount = xstrdup(CGROUP_FS "/memory");
	} else if ((*mount = mount_from_table(root, 1))) {
		*version = 1;
	} else if (looks_like_v2_capture(root)) {
		*version = 2;
		*mount = xstrdup(CGROUP_FS);
	} else {
		return -ENOENT;
	}
	return 0;
}

/* ---- one group's files ------------------------------------------------ */

struct cgroup_value_file {
	const char *name;
	enum cgroup_bit bit;
	size_t offset; /* of an int64_t in struct cgroup_mem */
	bool is_limit; /* "max" and the v1 sentinel mean no limit */
};

#define VALUE_FILE(file, b, member, limit) \
	{ file, b, offsetof(struct cgroup_mem, member), limit }

static const struct cgroup_value_file v2_values[] = {
	VALUE_FILE("memory.current", CG_USAGE, usage_kb, false),
	VALUE_FILE("memory.max", CG_LIMIT, limit_kb, true),
	VALUE_FILE("memory.high", CG_HIGH, high_kb, true),
	VALUE_FILE("memory.low", CG_LOW, low_kb, true),
	VALUE_FILE("memory.min", CG_MIN, min_kb, true),
	VALUE_FILE("memory.swap.current", CG_SWAP_USAGE, swap_usage_kb, false),
	VALUE_FILE("memory.swap.max", CG_SWAP_LIMIT, swap_limit_kb, true),
};

static const struct cgroup_value_file v1_values[] = {
	VALUE_FILE("memory.usage_in_bytes", CG_USAGE, usage_kb, false),
	VALUE_FILE("memory.limit_in_bytes", CG_LIMIT, limit_kb, true),
	/* Only with swap accounting (swapaccount=1). */
	VALUE_FILE("memory.memsw.usage_in_bytes", CG_MEMSW_USAGE, memsw_usage_kb,
	           false),
	VALUE_FILE("memory.memsw.limit_in_bytes", CG_MEMSW_LIMIT, memsw_limit_kb,
	           true),
};

/* Bytes (or "max") into KiB; a limit may be CGROUP_UNLIMITED. */
static int parse_bytes_kb(char *text, bool is_limit, int64_t *kb)
{
	unsigned long long bytes;
	char *end;

	text = collect_trim(text);
	if (is_limit && strcmp(text, "max") == 0) {
		*kb = CGROUP_UNLIMITED;
		return 0;
	}
	if (!isdigit((unsigned char)*text))
		return -EINVAL;
	errno = 0;
	bytes = strtoull(text, &end, 10);
	if (errno == ERANGE || *end)
		return -EINVAL;
	if (bytes >= CGROUP_UNLIMITED_BYTES) {
		if (!is_limit)
			return -ERANGE;
		*kb = CGROUP_UNLIMITED;
		return 0;
	}
	*kb = (int64_t)(bytes / 1024);
	return 0;
}

/* The text of dir/name, or NULL when it cannot be read. */
static char *group_file(const char *root, const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *text;

	read_text_file(root, path, 0, &text, NULL);
	free(path);
	return text;
}

static void group_values(const char *root, const char *dir,
                         const struct cgroup_value_file *files, size_t nfiles,
                         struct cgroup_mem *cg)
{
	for (size_t i = 0; i < nfiles; i++) {
		char *text = group_file(root, dir, files[i].name);
		int64_t kb;

		if (text && parse_bytes_kb(text, files[i].is_limit, &kb) == 0) {
			memcpy((char *)cg + files[i].offset, &kb, sizeof(kb));
			cg->known |= KNOWN(files[i].bit);
		}
		free(text);
	}
}

/* A "name value" file into list; true when it gave at least one value. */
static bool group_kv(const char *root, const char *dir, const char *name,
                     struct kvlist *list)
{
	char *text = group_file(root, dir, name);
	bool ok = text && parse_name_value(text, list) == 0 && list->count > 0;

	free(text);
	return ok;
}

static void group_read_v2(const char *root, const char *dir,
                          struct cgroup_mem *cg)
{
	group_values(root, dir, v2_values, ARRAY_SIZE(v2_values), cg);
	if (group_kv(root, dir, "memory.stat", &cg->stat))
		cg->known |= KNOWN(CG_STAT);
	if (group_kv(root, dir, "memory.events", &cg->events))
		cg->known |= KNOWN(CG_EVENTS);
}

/* v1 events: oom_control (oom_kill_disable, under_oom, oom_kill), failcnt;
 * and swappiness. */
static void group_read_v1(const char *root, const char *dir,
                          struct cgroup_mem *cg)
{
	char *text;
	int64_t failcnt;

	group_values(root, dir, v1_values, ARRAY_SIZE(v1_values), cg);
	if (group_kv(root, dir, "memory.stat", &cg->stat))
		cg->known |= KNOWN(CG_STAT);
	if (group_kv(root, dir, "memory.oom_control", &cg->events))
		cg->known |= KNOWN(CG_EVENTS);
	text = group_file(root, dir, "memory.failcnt");
	if (text && parse_int64(collect_trim(text), NULL, &failcnt) == 0) {
		kvlist_add(&cg->events, "failcnt", failcnt);
		cg->known |= KNOWN(CG_EVENTS);
	}
	free(text);
	/* The OOM killer's totalpages counts swap only when it is not 0. */
	text = group_file(root, dir, "memory.swappiness");
	if (text && parse_int64(collect_trim(text), NULL, &cg->swappiness) == 0)
		cg->known |= KNOWN(CG_SWAPPINESS);
	free(text);
}

/* ---- the walk --------------------------------------------------------- */

struct name_list {
	char **names;
	size_t count;
	size_t cap;
};

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool entry_is_dir(DIR *dir, const struct dirent *entry)
{
	struct stat st;

	if (entry->d_type == DT_DIR)
		return true;
	if (entry->d_type != DT_UNKNOWN)
		return false; /* DT_LNK included: links are not followed */
	return fstatat(dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

/*
 * The child groups of dir, sorted by name.  Not collect_list_dir: a group
 * holds dozens of files and only its directories are wanted, so they are
 * picked out before anything is allocated (listing them all made the walk
 * a third slower).
 */
static int list_children(const char *root, const char *dir,
                         struct name_list *children)
{
	char *full = root_path(root, dir);
	DIR *d = opendir(full);
	struct dirent *entry;

	free(full);
	if (!d)
		return -errno;
	while ((entry = readdir(d))) {
		if (entry->d_name[0] == '.' || !entry_is_dir(d, entry))
			continue;
		xgrow((void **)&children->names, &children->cap, children->count + 1,
		      sizeof(*children->names));
		children->names[children->count++] = xstrdup(entry->d_name);
	}
	closedir(d);
	if (children->count > 1)
		qsort(children->names, children->count, sizeof(*children->names),
		      compare_names);
	return 0;
}

struct cgroup_walk {
	const char *root;
	struct cgroups *out;
	size_t groups_cap;
	struct name_list pending; /* a stack of group paths, next on top */
};

static char *group_dir(const struct cgroup_walk *walk, const char *group)
{
	if (strcmp(group, "/") == 0)
		return xstrdup(walk->out->mount);
	return xasprintf("%s%s", walk->out->mount, group);
}

/* Reads one group and pushes its children so that the first pops next. */
static int walk_group(struct cgroup_walk *walk, char *group)
{
	struct cgroup_mem *cg;
	struct name_list children = { 0 };
	char *dir = group_dir(walk, group);
	int rc = list_children(walk->root, dir, &children);

	if (rc < 0) {
		free(dir);
		free(group);
		return rc;
	}
	xgrow((void **)&walk->out->groups, &walk->groups_cap,
	      walk->out->count + 1, sizeof(*walk->out->groups));
	cg = &walk->out->groups[walk->out->count++];
	memset(cg, 0, sizeof(*cg));
	cg->path = group;
	if (walk->out->version == 2)
		group_read_v2(walk->root, dir, cg);
	else
		group_read_v1(walk->root, dir, cg);
	for (size_t i = children.count; i-- > 0;) {
		struct name_list *stack = &walk->pending;

		xgrow((void **)&stack->names, &stack->cap, stack->count + 1,
		      sizeof(*stack->names));
		stack->names[stack->count++] =
			xasprintf("%s/%s", strcmp(group, "/") ? group : "",
			          children.names[i]);
		free(children.names[i]);
	}
	free(children.names);
	free(dir);
	return 0;
}

static void cgroup_walk_tree(struct snapshot *snap, const char *root)
{
	struct cgroup_walk walk = { .root = root, .out = &snap->cgroup };
	char *reason;
	int rc = walk_group(&walk, xstrdup("/"));

	if (rc < 0) {
		collect_mark_unreadable(snap, "cgroup", snap->cgroup.mount, rc);
		return;
	}
	/* A group that vanished since its parent was listed is skipped. */
	while (walk.pending.count > 0 && snap->cgroup.count < CGROUP_MAX_GROUPS)
		walk_group(&walk, walk.pending.names[--walk.pending.count]);
	if (walk.pending.count > 0) {
		reason = xasprintf(_("more than %d cgroups: only the first %d "
		                     "are read"), CGROUP_MAX_GROUPS,
		                   CGROUP_MAX_GROUPS);
		collect_mark_reason(snap, "cgroup.groups", reason);
	}
	for (size_t i = 0; i < walk.pending.count; i++)
		free(walk.pending.names[i]);
	free(walk.pending.names);
	snap->cgroup.known |= 1;
	snap->known |= KNOWN(SEC_CGROUP);
}

void collect_cgroups(struct snapshot *snap, const char *root)
{
	if (find_memory_controller(root, &snap->cgroup.version,
	                           &snap->cgroup.mount) < 0) {
		snapshot_set_unavailable(snap, "cgroup",
		                         _("no memory cgroup controller found "
		                           "(neither cgroup v2 with the memory "
		                           "controller nor a v1 memory hierarchy)"));
		return;
	}
	cgroup_walk_tree(snap, root);
}
