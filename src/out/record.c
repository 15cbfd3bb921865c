/*
 * record.c - record files (-w, -r): snapshots appended as JSON Lines, the
 * very lines output_json() writes, and read back one line at a time.
 *
 * A recording may end in a line cut short (the machine lost power while
 * memlens wrote it) or hold a line damaged by hand: the replayer skips such a
 * line with a warning naming the file and line, and goes on.  A line of a
 * newer format version, or of another format, stops the replay: what follows
 * cannot be understood.
 *
 * Must not: collect or render (json.c turns snapshots into lines and back).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "json.h"
#include "output.h"
#include "record.h"
#include "util.h"

/* ---- recording -------------------------------------------------------- */

struct recorder {
	int fd;
};

/* Writes all of buf; a short write (full disk) goes on where it stopped. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * A file that ends inside a line (a write cut short) gets a newline first,
 * so the damaged line stays one line and costs no more than itself.
 */
static int end_cut_line(int fd)
{
	struct stat st;
	char last;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
		return 0;
	if (pread(fd, &last, 1, st.st_size - 1) != 1 || last == '\n')
		return 0;
	return write_all(fd, "\n", 1);
}

int recorder_open(struct recorder **out, const char *path)
{
	int flags = O_APPEND | O_CREAT | O_CLOEXEC;
	int fd, rc;

	*out = NULL;
	/* Reading is only for end_cut_line(); a write-only file is fine. */
	fd = open(path, O_RDWR | flags, 0644);
	if (fd < 0)
		fd = open(path, O_WRONLY | flags, 0644);
	if (fd < 0)
		return -errno;
	rc = end_cut_line(fd);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	*out = xcalloc(1, sizeof(**out));
	(*out)->fd = fd;
	return 0;
}

/*
 * The line goes to the file in one write(2): with O_APPEND, a reader (or a
 * second recorder) never sees half of it, and nothing waits in a buffer.
 */
int recorder_append(struct recorder *r, const struct snapshot *prev,
                    const struct snapshot *cur)
{
	char *line = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&line, &len);
	int rc;

	if (!mem)
		return -errno;
	rc = output_json(mem, prev, cur, NULL);
	if (fclose(mem) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0)
		rc = write_all(r->fd, line, len);
	free(line);
	return rc;
}

int recorder_close(struct recorder *r)
{
	int rc = 0;

	if (!r)
		return 0;
	/* A pipe or terminal cannot be synced, and need not be. */
	if (fsync(r->fd) < 0 && errno != EINVAL && errno != EROFS)
		rc = -errno;
	if (close(r->fd) < 0 && rc == 0)
		rc = -errno;
	free(r);
	return rc;
}

/* ---- replaying -------------------------------------------------------- */

struct replayer {
	FILE *file;
	char *path;
	char *line;
	size_t cap;
	long line_number;
};

int replayer_open(struct replayer **out, const char *path)
{
	FILE *file = fopen(path, "re");

	*out = NULL;
	if (!file)
		return -errno;
	*out = xcalloc(1, sizeof(**out));
	(*out)->file = file;
	(*out)->path = xstrdup(path);
	return 0;
}

static void warn_skipped(const struct replayer *r, FILE *warn,
                         const char *reason)
{
	if (warn)
		fprintf(warn, _("%s:%ld: skipped: %s\n"), r->path, r->line_number,
		        reason);
}

/* Length-aware: a line may hold NUL bytes, and those are not blank. */
static bool blank(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n", line[i]) || line[i] == '\0')
			return false;
	return true;
}

/*
 * A newer version, or another format, stops the replay instead of being
 * skipped: what follows cannot be understood either.  json.c says why; this
 * only tells a stop from a skip.
 */
static bool stops_replay(const json_t *root)
{
	const json_t *format = json_object_get(root, "format");
	const json_t *version = json_object_get(root, "version");

	if (json_is_string(format) &&
	    strcmp(json_string_value(format), SNAPSHOT_FORMAT) != 0)
		return true;
	return json_is_integer(version) &&
	       json_integer_value(version) > SNAPSHOT_VERSION;
}

/* 1: *out set; 0: the line was skipped; -EINVAL: stop with *error. */
static int replay_line(struct replayer *r, size_t len, struct snapshot **out,
                       char **error, FILE *warn)
{
	json_error_t json_error;
	json_t *root = json_loadb(r->line, len, 0, &json_error);
	char *reason = NULL;
	bool cut;
	int rc;

	if (!root) {
		/* The text ended inside a value: the file ends there, or a
		 * recorder appending after the cut ended the line for it. */
		cut = len == 0 || r->line[len - 1] != '\n' ||
		      (json_error.position >= 0 &&
		       (size_t)json_error.position >= len);
		reason = cut ? xasprintf(_("line cut short (%s)"), json_error.text)
		             : xasprintf(_("not JSON at column %d: %s"),
		                         json_error.column, json_error.text);
		warn_skipped(r, warn, reason);
		free(reason);
		return 0;
	}
	rc = snapshot_from_json(root, out, &reason);
	if (rc < 0 && stops_replay(root)) {
		*error = xasprintf("%s:%ld: %s", r->path, r->line_number, reason);
		free(reason);
		json_decref(root);
		return rc;
	}
	json_decref(root);
	if (rc < 0) {
		warn_skipped(r, warn, reason);
		free(reason);
		return 0;
	}
	return 1;
}

int replayer_next(struct replayer *r, struct snapshot **out, char **error,
                  FILE *warn)
{
	ssize_t len;

	*out = NULL;
	*error = NULL;
	while ((len = getline(&r->line, &r->cap, r->file)) >= 0) {
		int rc;

		r->line_number++;
		if (blank(r->line, (size_t)len))
			continue;
		rc = replay_line(r, (size_t)len, out, error, warn);
		if (rc != 0)
			return rc;
	}
	if (ferror(r->file)) {
		int err = errno ? errno : EIO;

		*error = xasprintf("%s: %s", r->path, strerror(err));
		return -err;
	}
	return 0;
}

void replayer_close(struct replayer *r)
{
	if (!r)
		return;
	fclose(r->file);
	free(r->line);
	free(r->path);
	free(r);
}
