/*
 * kvlist.h - ordered lists of name/value pairs, the shape of most kernel
 * counter files (meminfo, vmstat, numastat, memory.stat, zswap debugfs) and of
 * settings directories (THP, zswap parameters).
 *
 * Order is the file's order, so output keeps the kernel's order.
 * Must not: parse files (parsers fill lists through kvlist_add).
 */
#ifndef MEMLENS_KVLIST_H
#define MEMLENS_KVLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kv {
	char *name;
	int64_t value;
};

struct kvlist {
	struct kv *items;
	size_t count;
	size_t cap;
};

struct skv {
	char *name;
	char *value;
};

/* Text values: settings files such as "always [madvise] never". */
struct skvlist {
	struct skv *items;
	size_t count;
	size_t cap;
};

void kvlist_add(struct kvlist *list, const char *name, int64_t value);
void kvlist_add_n(struct kvlist *list, const char *name, size_t name_len,
                  int64_t value);
/* Returns true and sets *value when name is present. */
bool kvlist_get(const struct kvlist *list, const char *name, int64_t *value);
const struct kv *kvlist_find(const struct kvlist *list, const char *name);
void kvlist_copy(struct kvlist *dst, const struct kvlist *src);
void kvlist_free(struct kvlist *list);

void skvlist_add(struct skvlist *list, const char *name, const char *value);
const char *skvlist_get(const struct skvlist *list, const char *name);
void skvlist_copy(struct skvlist *dst, const struct skvlist *src);
void skvlist_free(struct skvlist *list);

#endif
