/*
 * util.c - allocation that cannot fail quietly, reading whole files below a
 * root directory, and small number helpers.
 *
 * Must not: know about /proc layouts, snapshots or the terminal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "util.h"

static void (*fatal_hook)(void);

void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

_Noreturn void fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook)
		fatal_hook();
	fputs("memlens: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *check_alloc(void *ptr)
{
	if (!ptr)
		fatal("%s", _("out of memory"));
	return ptr;
}

void *xmalloc(size_t size)
{
	return check_alloc(malloc(size ? size : 1));
}

void *xcalloc(size_t count, size_t size)
{
	return check_alloc(calloc(count ? count : 1, size ? size : 1));
}

void *xrealloc(void *ptr, size_t size)
{
	return check_alloc(realloc(ptr, size ? size : 1));
}

void xgrow(void **ptr, size_t *cap, size_t need, size_t size)
{
	size_t new_cap;

	if (need <= *cap)
		return;
	new_cap = *cap ? *cap : 8;
	while (new_cap < need)
		new_cap *= 2;
	*ptr = xrealloc(*ptr, new_cap * size);
	*cap = new_cap;
}

char *xstrdup(const char *s)
{
	return check_alloc(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
	return check_alloc(strndup(s, n));
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *out;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&out, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("%s", _("out of memory"));
	return out;
}

char *root_path(const char *root, const char *path)
{
	if (!root || !*root || strcmp(root, "/") == 0)
		return xstrdup(path);
	return xasprintf("%s%s", root, path);
}

/* Reads fd to EOF; a read error after some bytes is still an error. */
static int read_all(int fd, size_t max_bytes, char **out, size_t *len)
{
	size_t cap = 4096, used = 0;
	char *buf = xmalloc(cap);

	for (;;) {
		ssize_t n;

		if (used + 1 >= cap) {
			if (cap >= max_bytes)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + used, cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			free(buf);
			return -err;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	buf[used] = '\0';
	*out = buf;
	*len = strlen(buf); /* stop at NUL padding */
	return 0;
}

int read_text_file(const char *root, const char *path, size_t max_bytes,
                   char **out, size_t *len)
{
	char *full = root_path(root, path);
	size_t ignored;
	int fd, rc;

	*out = NULL;
	if (!len)
		len = &ignored;
	*len = 0;
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	free(full);
	if (fd < 0)
		return -errno;
	rc = read_all(fd, max_bytes ? max_bytes : (64u << 20), out, len);
	close(fd);
	return rc;
}

char *unreadable_reason(const char *path, int negative_errno)
{
	int err = -negative_errno;
	const char *hint = "";

	/* Root can be refused too (a security module, lockdown, or a process
	 * in another user namespace): then running as root is no advice. */
	if ((err == EACCES || err == EPERM) && geteuid() != 0)
		hint = _(" (run as root)");
	else if (err == EACCES || err == EPERM)
		hint = _(" (refused even to root here)");
	else if (err == ENOENT)
		hint = _(" (not available on this kernel or configuration)");
	return xasprintf("%s: %s%s", path, strerror(err), hint);
}

char *format_hex(char *p, uint64_t value, int min_digits)
{
	char digits[16];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[value & 0xf];
		value >>= 4;
	} while (value);
	for (int i = n; i < min_digits; i++)
		*p++ = '0';
	while (n > 0)
		*p++ = digits[--n];
	return p;
}

int parse_int64(const char *s, char **end, int64_t *out)
{
	long long value;
	char *stop;

	errno = 0;
	value = strtoll(s, &stop, 10);
	if (stop == s)
		return -EINVAL;
	if (errno == ERANGE)
		return -ERANGE;
	if (end)
		*end = stop;
	*out = value;
	return 0;
}

double now_seconds(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}
