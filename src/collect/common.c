/*
 * common.c - the helpers every collector shares (common.h): the live-system
 * test, small value files, counter files, directory listings below --root
 * and the reasons recorded when a source is missing.
 *
 * Must not: know any particular file or section, parse counters (parse.h
 * does), or write to /proc or /sys.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "util.h"

bool collect_is_live(const char *root)
{
	return !root || !*root || strcmp(root, "/") == 0;
}

/* White space as the C locale has it, whatever the user's locale. */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

char *collect_trim(char *text)
{
	size_t len;

	while (is_space(*text))
		text++;
	len = strlen(text);
	while (len > 0 && is_space(text[len - 1]))
		text[--len] = '\0';
	return text;
}

static char *read_small(const char *root, const char *path, bool first_line,
                        int *rc_out)
{
	char *text, *value;
	int rc = read_text_file(root, path, COLLECT_VALUE_MAX_BYTES, &text,
	                        NULL);

	if (rc_out)
		*rc_out = rc;
	if (rc < 0)
		return NULL;
	if (first_line)
		text[strcspn(text, "\n")] = '\0';
	value = xstrdup(collect_trim(text));
	free(text);
	return value;
}

char *collect_read_value(const char *root, const char *path, int *rc)
{
	return read_small(root, path, false, rc);
}

char *collect_read_line(const char *root, const char *path, int *rc)
{
	return read_small(root, path, true, rc);
}

char *collect_read_setting(const char *root, const char *path)
{
	if (collect_entry_kind(root, path) != COLLECT_ENTRY_READABLE_FILE)
		return NULL;
	return collect_read_value(root, path, NULL);
}

char *collect_kv_file(const char *root, const char *path,
                      collect_kv_parser parse, struct kvlist *list)
{
	char *text;
	int rc = read_text_file(root, path, 0, &text, NULL);

	if (rc < 0)
		return unreadable_reason(path, rc);
	rc = parse(text, list);
	free(text);
	if (rc < 0 || list->count == 0) {
		kvlist_free(list);
		return collect_unparsable_reason(path);
	}
	return NULL;
}

int collect_stat(const char *root, const char *path, struct stat *st)
{
	char *full = root_path(root, path);
	int rc = stat(full, st) < 0 ? -errno : 0;

	free(full);
	return rc;
}

enum collect_entry_kind collect_entry_kind(const char *root, const char *path)
{
	char *full = root_path(root, path);
	struct stat st;
	int rc = lstat(full, &st);

	free(full);
	if (rc < 0)
		return COLLECT_ENTRY_OTHER;
	if (S_ISDIR(st.st_mode))
		return COLLECT_ENTRY_DIR;
	if (S_ISREG(st.st_mode) && (st.st_mode & (S_IRUSR | S_IRGRP | S_IROTH)))
		return COLLECT_ENTRY_READABLE_FILE;
	return COLLECT_ENTRY_OTHER;
}

static int skip_dot_entries(const struct dirent *entry)
{
	return entry->d_name[0] != '.';
}

int collect_list_dir(const char *root, const char *dir,
                     collect_dir_order order, struct dirent ***entries)
{
	char *full = root_path(root, dir);
	int n = scandir(full, entries, skip_dot_entries, order);
	int err = errno;

	free(full);
	return n < 0 ? -err : n;
}

void collect_free_entries(struct dirent **entries, int count)
{
	for (int i = 0; i < count; i++)
		free(entries[i]);
	free(entries);
}

void collect_mark_reason(struct snapshot *snap, const char *source,
                         char *reason)
{
	snapshot_set_unavailable(snap, source, reason);
	free(reason);
}

void collect_mark_reason_errno(struct snapshot *snap, const char *source,
                               char *reason, int err)
{
	if (err)
		snapshot_set_unavailable_errno(snap, source, reason, err);
	else
		snapshot_set_unavailable(snap, source, reason);
	free(reason);
}

void collect_mark_unreadable(struct snapshot *snap, const char *source,
                             const char *path, int rc)
{
	collect_mark_reason_errno(snap, source, unreadable_reason(path, rc), -rc);
}

char *collect_unparsable_reason(const char *path)
{
	return xasprintf(_("%s: no values could be parsed"), path);
}

void collect_mark_unparsable(struct snapshot *snap, const char *source,
                             const char *path)
{
	collect_mark_reason(snap, source, collect_unparsable_reason(path));
}
