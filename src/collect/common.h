/*
 * common.h - what every collector needs around its files: whether it reads
 * the live system, small values read whole and trimmed, directory listings
 * below --root, and recording why a source is missing.
 *
 * Must not: know any particular file or section, parse counters (parse.h
 * does), or write to /proc or /sys.
 */
#ifndef MEMLENS_COLLECT_COMMON_H
#define MEMLENS_COLLECT_COMMON_H

#include <dirent.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "kvlist.h"
#include "snapshot.h"

/*
 * The most a value file is read of: sysfs gives a page, and a cpumap or a
 * distance row of a large machine is still a few KiB.
 */
#define COLLECT_VALUE_MAX_BYTES (64u << 10)

/* Whether root (NULL, "" or "/") is the live system, not a captured tree. */
bool collect_is_live(const char *root);

/* Cuts leading and trailing white space in place; returns the start. */
char *collect_trim(char *text);

/*
 * A small file below root, whole and trimmed (collect_read_value), or only
 * its first line, trimmed (collect_read_line; "" for a blank first line).
 * Caller frees; NULL with *rc (unless rc is NULL) set to -errno when it
 * cannot be read.
 */
char *collect_read_value(const char *root, const char *path, int *rc);
char *collect_read_line(const char *root, const char *path, int *rc);

/*
 * A setting: the value of a regular file with a read bit, never through a
 * symbolic link.  NULL for anything else (write-only triggers, files only
 * root may read) and when it cannot be read.  Caller frees.
 */
char *collect_read_setting(const char *root, const char *path);

/* A "name value" or "Name: value" parser of parse.h. */
typedef int (*collect_kv_parser)(const char *text, struct kvlist *out);

/*
 * Reads a counter file below root into list.  Returns NULL when it gave at
 * least one value, else why not (list left empty; caller frees).
 */
char *collect_kv_file(const char *root, const char *path,
                      collect_kv_parser parse, struct kvlist *list);

/* stat() of root + path.  Returns 0 or -errno. */
int collect_stat(const char *root, const char *path, struct stat *st);

enum collect_entry_kind {
	COLLECT_ENTRY_OTHER,
	COLLECT_ENTRY_DIR,
	COLLECT_ENTRY_READABLE_FILE, /* regular, with a read bit */
};

/* What root + path is, never through a symbolic link. */
enum collect_entry_kind collect_entry_kind(const char *root, const char *path);

typedef int (*collect_dir_order)(const struct dirent **,
                                 const struct dirent **);

/*
 * The entries of root + dir but those whose name starts with '.', sorted by
 * order (alphasort, versionsort; NULL: as listed).  Returns the count, or
 * -errno with *entries untouched.  Free with collect_free_entries.
 */
int collect_list_dir(const char *root, const char *dir,
                     collect_dir_order order, struct dirent ***entries);
void collect_free_entries(struct dirent **entries, int count);

/* Records why source is missing; takes reason (and frees it). */
void collect_mark_reason(struct snapshot *snap, const char *source,
                         char *reason);
/* The same with the errno behind it (0: none), which the TUI's status
 * line decides from (needs root, or not worth a warning). */
void collect_mark_reason_errno(struct snapshot *snap, const char *source,
                               char *reason, int err);

/* The usual reasons: a file that could not be read, or held no values. */
void collect_mark_unreadable(struct snapshot *snap, const char *source,
                             const char *path, int rc);
void collect_mark_unparsable(struct snapshot *snap, const char *source,
                             const char *path);
char *collect_unparsable_reason(const char *path);

#endif
