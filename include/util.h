/*
 * util.h - small helpers every layer may use: allocation that cannot fail
 * quietly, gettext macros, reading a whole file below a root directory.
 *
 * Must not: know about /proc layouts, snapshots or the terminal.
 */
#ifndef MEMLENS_UTIL_H
#define MEMLENS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Allocation failure is fatal.  Before exiting, xalloc_fail() calls the hook
 * set here (the TUI installs one that restores the terminal).
 */
void util_set_fatal_hook(void (*hook)(void));
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows *ptr so that it holds at least need items of size bytes each. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Reads root + path (path starts with '/') into a NUL-terminated buffer.
 * Stops at the first NUL byte in the file (sysfs page buffers are sometimes
 * captured with NUL padding), so *len is the length of the text.
 * Files are read up to max_bytes (0: a default of 64 MiB).
 * Returns 0, or -errno with *out set to NULL.
 */
int read_text_file(const char *root, const char *path, size_t max_bytes,
                   char **out, size_t *len);

/* root + path, with root NULL or "" meaning "/". Caller frees. */
char *root_path(const char *root, const char *path);

/*
 * A message for a file that could not be read: "PATH: strerror" plus a hint
 * for EACCES/EPERM ("run as root") and ENOENT ("not available on this
 * kernel").  Caller frees.
 */
char *unreadable_reason(const char *path, int negative_errno);

/* Parses a decimal integer that must fill [s, end) or up to white space.
 * Returns 0 or -EINVAL / -ERANGE. */
int parse_int64(const char *s, char **end, int64_t *out);

/*
 * value in lower-case hex, zero-padded to at least min_digits (as "%0*"
 * PRIx64 prints it), at p; returns the end, not terminated.  By hand,
 * because a table of 100,000 mappings formats 200,000 addresses.
 */
char *format_hex(char *p, uint64_t value, int min_digits);

/* Seconds since the epoch, wall clock, microsecond resolution. */
double now_seconds(void);

#endif
