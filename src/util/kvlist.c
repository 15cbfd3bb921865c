/*
 * kvlist.c - ordered name/value lists (see kvlist.h).
 *
 * Lookups are linear: lists are short (meminfo ~60, vmstat ~200 entries) and
 * looked up by name rarely; keeping the file's order matters more.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kvlist.h"
#include "util.h"

void kvlist_add_n(struct kvlist *list, const char *name, size_t name_len,
                  int64_t value)
{
	xgrow((void **)&list->items, &list->cap, list->count + 1,
	      sizeof(*list->items));
	list->items[list->count].name = xstrndup(name, name_len);
	list->items[list->count].value = value;
	list->count++;
}

void kvlist_add(struct kvlist *list, const char *name, int64_t value)
{
	kvlist_add_n(list, name, strlen(name), value);
}

const struct kv *kvlist_find(const struct kvlist *list, const char *name)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].name, name) == 0)
			return &list->items[i];
	return NULL;
}

bool kvlist_get(const struct kvlist *list, const char *name, int64_t *value)
{
	const struct kv *kv = kvlist_find(list, name);

	if (kv)
		*value = kv->value;
	return kv != NULL;
}

void kvlist_copy(struct kvlist *dst, const struct kvlist *src)
{
	for (size_t i = 0; i < src->count; i++)
		kvlist_add(dst, src->items[i].name, src->items[i].value);
}

void kvlist_free(struct kvlist *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].name);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

void skvlist_add(struct skvlist *list, const char *name, const char *value)
{
	xgrow((void **)&list->items, &list->cap, list->count + 1,
	      sizeof(*list->items));
	list->items[list->count].name = xstrdup(name);
	list->items[list->count].value = xstrdup(value);
	list->count++;
}

const char *skvlist_get(const struct skvlist *list, const char *name)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].name, name) == 0)
			return list->items[i].value;
	return NULL;
}

void skvlist_copy(struct skvlist *dst, const struct skvlist *src)
{
	for (size_t i = 0; i < src->count; i++)
		skvlist_add(dst, src->items[i].name, src->items[i].value);
}

void skvlist_free(struct skvlist *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].name);
		free(list->items[i].value);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}
