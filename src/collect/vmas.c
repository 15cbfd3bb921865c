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
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "parse.h"
#include "sources.h"
#include "util.h"

/*
 * smaps prints ~1 KiB per mapping; vm.max_map_count (65530 by default, set
 * to 262144 and more for some databases) bounds the mappings.  Reading
 * stops here; the buffers grow only as far as a file (numa_maps) or a line
 * (smaps, read a piece at a time) needs.
 */
#define VMAS_SMAPS_MAX_BYTES (1024u << 20)

/* A buffer kept from one read to the next. */
struct vmas_buffer {
	char *text;
	size_t cap; /* a power of two, as read_text_file() grows its own */
};

/*
 * The read buffers, kept for the next refresh.  smaps (75 MB for 100,000
 * mappings) is parsed a piece at a time as it is read, in a buffer of
 * VMAS_PIECE_BYTES that stays in cache and is not page-faulted in anew;
 * numa_maps (a line per mapping) is read whole, and its buffer shrinks
 * when the file needs under a quarter of it.
 */
struct vmas_cache {
	struct vmas_buffer smaps;
	struct vmas_buffer numa_maps;
};

void vmas_cache_free(struct vmas_cache *cache)
{
	if (!cache)
		return;
	free(cache->smaps.text);
	free(cache->numa_maps.text);
	free(cache);
}

static void vmas_buffer_fit(struct vmas_buffer *buf, size_t used)
{
	size_t cap = buf->cap;

	while (cap > 4096 && used + 1 <= cap / 4)
		cap /= 2;
	if (cap != buf->cap) {
		buf->text = xrealloc(buf->text, cap);
		buf->cap = cap;
	}
}

/* Reads fd to EOF into buf as read_text_file() does (up to max bytes, then
 * NUL-terminated; text after a NUL byte is not looked at); 0 or -errno. */
static int vmas_buffer_read(struct vmas_buffer *buf, int fd, size_t max)
{
	size_t used = 0;

	for (;;) {
		ssize_t n;

		if (used + 1 >= buf->cap) {
			if (buf->cap >= max)
				break;
			buf->cap = buf->cap ? buf->cap * 2 : 4096;
			buf->text = xrealloc(buf->text, buf->cap);
		}
		n = read(fd, buf->text + used, buf->cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		used += (size_t)n;
	}
	buf->text[used] = '\0';
	vmas_buffer_fit(buf, used);
	return 0;
}

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

/* Opens root/proc/PID/name (*path: /proc/PID/name); fd, or -errno. */
static int vmas_open(const char *root, int64_t pid, const char *name,
                     char **path)
{
	char *full;
	int fd;

	*path = xasprintf("/proc/%" PRId64 "/%s", pid, name);
	full = root_path(root, *path);
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	free(full);
	return fd < 0 ? -errno : fd;
}

/* Reads root/proc/PID/name into buf; 0, or -errno. */
static int vmas_read(const char *root, int64_t pid, const char *name,
                     char **path, struct vmas_buffer *buf)
{
	int fd = vmas_open(root, pid, name, path), rc;

	if (fd < 0)
		return fd;
	rc = vmas_buffer_read(buf, fd, VMAS_SMAPS_MAX_BYTES);
	close(fd);
	return rc;
}

#define VMAS_PIECE_BYTES (1u << 20)

/* What reading smaps a piece at a time gave. */
struct vmas_stream {
	struct parse_smaps_stream parse;
	size_t kept;  /* bytes at the start of the buffer: a part line */
	size_t total; /* bytes of text read */
	bool done;    /* end of file, a NUL byte, or the size limit */
};

/* One read into buf after the part line kept, and the whole lines parsed;
 * 0 or -errno.  Stops at a NUL and at VMAS_SMAPS_MAX_BYTES, as
 * read_text_file() does. */
static int vmas_stream_piece(struct vmas_stream *vs, struct vmas_buffer *buf,
                             int fd)
{
	size_t room, len, used;
	ssize_t n;

	if (vs->kept + 1 >= buf->cap) { /* a line longer than the buffer */
		buf->cap = buf->cap ? buf->cap * 2 : VMAS_PIECE_BYTES;
		buf->text = xrealloc(buf->text, buf->cap);
	}
	room = buf->cap - vs->kept - 1;
	if (room > VMAS_SMAPS_MAX_BYTES - 1 - vs->total)
		room = VMAS_SMAPS_MAX_BYTES - 1 - vs->total;
	do
		n = room ? read(fd, buf->text + vs->kept, room) : 0;
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	len = strnlen(buf->text + vs->kept, (size_t)n);
	vs->done = n == 0 || len < (size_t)n;
	vs->total += len;
	vs->kept += len;
	used = parse_smaps_feed(&vs->parse, buf->text, vs->kept);
	memmove(buf->text, buf->text + used, vs->kept - used);
	vs->kept -= used;
	return 0;
}

/* smaps from fd into v; 0 or -errno (v empty then).  *total: the bytes of
 * text; *parsed: parse_smaps_end()'s result. */
static int vmas_stream_smaps(int fd, struct vmas_buffer *buf, struct vmas *v,
                             size_t *total, int *parsed)
{
	struct vmas_stream vs = { .parse = { .vmas = NULL } };
	int rc = 0;

	if (buf->cap < VMAS_PIECE_BYTES) {
		buf->text = xrealloc(buf->text, VMAS_PIECE_BYTES);
		buf->cap = VMAS_PIECE_BYTES;
	}
	while (!vs.done && rc == 0)
		rc = vmas_stream_piece(&vs, buf, fd);
	*total = vs.total;
	*parsed = parse_smaps_end(&vs.parse, buf->text, vs.kept, &v->mappings,
	                          &v->count);
	if (rc < 0) {
		vma_array_free(v->mappings, v->count);
		v->mappings = NULL;
		v->count = 0;
	}
	return rc;
}

/* numa_maps into the mappings, or why not under "vmas.numa_maps". */
static void vmas_numa(struct snapshot *snap, const char *root, int64_t pid,
                      struct vmas_cache *cache)
{
	struct vmas *v = &snap->vmas;
	char *path;
	int rc = vmas_read(root, pid, "numa_maps", &path, &cache->numa_maps);

	if (rc < 0)
		collect_mark_unreadable(snap, "vmas.numa_maps", path, rc);
	else if (parse_numa_maps(cache->numa_maps.text, v->mappings, v->count) <
	         0)
		collect_mark_reason(snap, "vmas.numa_maps",
		                    xasprintf(_("%s: no line matches a mapping "
		                                "of smaps (the process changed "
		                                "between the two reads)"),
		                              path));
	free(path);
}

/* smaps into snap->vmas; false (with the reason said) when it cannot. */
static bool vmas_smaps(struct snapshot *snap, const char *root, int64_t pid,
                       struct vmas_cache *cache)
{
	struct vmas *v = &snap->vmas;
	char *path;
	size_t total = 0;
	int parsed = 0, rc = vmas_open(root, pid, "smaps", &path);

	if (rc >= 0) {
		int fd = rc;

		rc = vmas_stream_smaps(fd, &cache->smaps, v, &total, &parsed);
		close(fd);
	}
	if (rc < 0)
		collect_mark_reason(snap, "vmas",
		                    vmas_read_reason(root, pid, path, rc));
	else if (total == 0)
		collect_mark_reason(snap, "vmas",
		                    xasprintf(_("pid %" PRId64 " has no address "
		                                "space (a kernel thread or a "
		                                "zombie)"),
		                              pid));
	else if (parsed < 0)
		collect_mark_unparsable(snap, "vmas", path);
	free(path);
	return v->count > 0;
}

void collect_vmas(struct snapshot *snap, const char *root, int64_t pid,
                  struct vmas_cache **cache)
{
	if (pid <= 0 || pid > INT_MAX) {
		collect_mark_reason(snap, "vmas",
		                    xstrdup(pid == 0 ? _("no process chosen: name "
		                                         "one with --pid")
		                                     : _("not a process id")));
		return;
	}
	if (!*cache)
		*cache = xcalloc(1, sizeof(**cache));
	if (!vmas_smaps(snap, root, pid, *cache))
		return;
	snap->vmas.pid = pid;
	snap->vmas.known |= KNOWN(0);
	snap->known |= KNOWN(SEC_VMAS);
	vmas_numa(snap, root, pid, *cache);
}
