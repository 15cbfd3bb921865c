/*
 * workload.c - reads the files of --what-if workload:FILE for the lru
 * engine, which must not do I/O itself.  Each such what-if becomes
 * "workload:FILE\n" followed by the file's text and, for every file a read
 * step names without a "file" step, a "file NAME SIZE" line with the size
 * stat() gives.  Relative names are taken from the workload file's
 * directory (tests/live/workload resolves them the same way).
 *
 * Must not: read anything but the workload files and the sizes of the files
 * they name, or follow more than WORKLOAD_MAX_TEXT bytes of a file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect.h"
#include "util.h"
#include "workload.h"

#define WHAT_IF_PREFIX "workload:"
#define WORKLOAD_MAX_TEXT (1 << 20)

/* The whole of a small text file; -errno, or -EFBIG past the limit. */
static int read_small_file(const char *path, char **out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	char *buf;

	*out = NULL;
	if (fd < 0)
		return -errno;
	buf = xmalloc(WORKLOAD_MAX_TEXT + 1);
	for (;;) {
		ssize_t n = read(fd, buf + len, WORKLOAD_MAX_TEXT + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int rc = n < 0 ? -errno : 0;

			close(fd);
			if (rc < 0) {
				free(buf);
				return rc;
			}
			break;
		}
		len += (size_t)n;
		if (len > WORKLOAD_MAX_TEXT) {
			close(fd);
			free(buf);
			return -EFBIG;
		}
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

/* name as the workload names it, resolved against dir_of's directory. */
static char *resolve(const char *workload_path, const char *name)
{
	const char *slash = strrchr(workload_path, '/');

	if (name[0] == '/' || !slash)
		return xstrdup(name);
	return xasprintf("%.*s/%s", (int)(slash - workload_path),
	                 workload_path, name);
}

static bool declared(const struct workload *w, const char *name)
{
	for (size_t i = 0; i < w->count; i++)
		if (w->steps[i].op == WL_FILE && strcmp(w->steps[i].file, name) == 0)
			return true;
	return false;
}

/* Whether an earlier read step named the same file. */
static bool named_before(const struct workload *w, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (w->steps[j].op == WL_READ && w->steps[j].file &&
		    strcmp(w->steps[j].file, w->steps[i].file) == 0)
			return true;
	return false;
}

/* The size of the file name stands for; -errno with *error. */
static int file_size(const char *path, const struct workload_step *s,
                     long long *size, char **error)
{
	char *full = resolve(path, s->file);
	struct stat st;
	const char *why = NULL;

	if (stat(full, &st) < 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = _("not a regular file");
	if (why)
		*error = xasprintf(_("workload %s line %u: cannot read the size "
		                     "of %s: %s (or declare it: 'file %s SIZE')"),
		                   path, s->line, full, why, s->file);
	else
		*size = (long long)st.st_size;
	free(full);
	return why ? -ENOENT : 0;
}

/* Appends "file NAME SIZE" for each undeclared file a read step names. */
static int add_file_sizes(const char *path, const struct workload *w,
                          char **text, char **error)
{
	for (size_t i = 0; i < w->count; i++) {
		const struct workload_step *s = &w->steps[i];
		long long size;
		char *grown;

		if (s->op != WL_READ || !s->file || declared(w, s->file) ||
		    named_before(w, i))
			continue;
		if (file_size(path, s, &size, error) < 0)
			return -ENOENT;
		grown = xasprintf("%s\nfile %s %lld", *text, s->file, size);
		free(*text);
		*text = grown;
	}
	return 0;
}

/* "workload:PATH" into "workload:PATH\n<text>[\nfile NAME SIZE...]". */
static int expand(const char *expr, char **out, char **error)
{
	const char *path = expr + strlen(WHAT_IF_PREFIX);
	struct workload w;
	char *text, *parse_error = NULL;
	int rc;

	if (!*path || strchr(path, '\n')) {
		*error = xasprintf(_("--what-if %s: name the workload file"), expr);
		return -EINVAL;
	}
	rc = read_small_file(path, &text);
	if (rc < 0) {
		*error = xasprintf(_("--what-if %s: cannot read %s: %s"), expr, path,
		                   rc == -EFBIG ? _("larger than 1 MiB")
		                                : strerror(-rc));
		return rc;
	}
	/* The engine reports grammar errors; only the file sizes are ours. */
	if (parse_workload(text, &w, &parse_error) == 0) {
		rc = add_file_sizes(path, &w, &text, error);
		workload_clear(&w);
	}
	free(parse_error);
	if (rc < 0) {
		free(text);
		return rc;
	}
	*out = xasprintf("%s\n%s", expr, text);
	free(text);
	return 0;
}

int collect_workload_what_ifs(const char *const *what_ifs, size_t n,
                              char ***out, char **error)
{
	char **list = xcalloc(n + 1, sizeof(*list));

	*error = NULL;
	for (size_t i = 0; i < n; i++) {
		int rc = 0;

		if (strncmp(what_ifs[i], WHAT_IF_PREFIX,
		            strlen(WHAT_IF_PREFIX)) == 0)
			rc = expand(what_ifs[i], &list[i], error);
		else
			list[i] = xstrdup(what_ifs[i]);
		if (rc < 0) {
			collect_workload_what_ifs_free(list, i);
			*out = NULL;
			return rc;
		}
	}
	*out = list;
	return 0;
}

void collect_workload_what_ifs_free(char **list, size_t n)
{
	if (!list)
		return;
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}
