/*
 * test_text_vmas.c - the vmas view of batch text (text_vmas.c) on a
 * snapshot built here: addresses in hex (the kernel-half page too), a
 * column per NUMA node in KiB, a total that is n/a when one mapping's value
 * is, a path with terminal escapes escaped, rows cut at max_rows with the
 * total still over all, and the reason when the section is missing.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "output.h"
#include "snapshot.h"
#include "util.h"

#define SIZES_KNOWN                                                        \
	(KNOWN(VMA_START) | KNOWN(VMA_END) | KNOWN(VMA_PERMS) |            \
	 KNOWN(VMA_PATH) | KNOWN(VMA_SIZE) | KNOWN(VMA_PSS) |              \
	 KNOWN(VMA_SHARED_DIRTY) | KNOWN(VMA_PRIVATE_DIRTY) |              \
	 KNOWN(VMA_SWAP) | KNOWN(VMA_ANON_HUGE) | KNOWN(VMA_LOCKED) |      \
	 KNOWN(VMA_VM_FLAGS))

static void mapping(struct vma *v, uint64_t start, uint64_t end,
                    const char *perms, const char *path, int64_t size_kb)
{
	memset(v, 0, sizeof(*v));
	v->known = SIZES_KNOWN;
	v->start = (int64_t)start;
	v->end = (int64_t)end;
	v->perms = xstrdup(perms);
	v->path = xstrdup(path);
	v->vm_flags = xstrdup("rd mr");
	v->size_kb = size_kb;
}

static void on_node(struct vma *v, const char *node, int64_t pages)
{
	kvlist_add(&v->node_pages, node, pages);
	v->numa_page_size_kb = 4;
	v->known |= KNOWN(VMA_NODE_PAGES) | KNOWN(VMA_NUMA_PAGE_SIZE);
}

static struct snapshot *three_mappings(void)
{
	struct snapshot *snap = snapshot_new();
	struct vma *v = xcalloc(3, sizeof(*v));

	snap->known = KNOWN(SEC_VMAS);
	snap->vmas = (struct vmas){ .known = 1, .pid = 42, .mappings = v,
	                            .count = 3 };
	mapping(&v[0], 0x55a9e753c000ULL, 0x55a9e7570000ULL, "r--p",
	        "/usr/bin/a\x1b[2Jb", 208);
	v[0].rss_kb = 208;
	v[0].pss_kb = 104;
	v[0].private_dirty_kb = 8;
	v[0].known |= KNOWN(VMA_RSS);
	on_node(&v[0], "N0", 52);
	/* Rss unknown: the total must not pretend */
	mapping(&v[1], 0x7f0000000000ULL, 0x7f0000002000ULL, "rw-p", "", 8);
	v[1].shared_dirty_kb = 4;
	on_node(&v[1], "N1", 2);
	/* In smaps, not in numa_maps; nothing resident */
	mapping(&v[2], 0xffffffffff600000ULL, 0xffffffffff601000ULL, "--xp",
	        "[vsyscall]", 4);
	v[2].known |= KNOWN(VMA_RSS);
	return snap;
}

static char *render(const struct snapshot *snap, int max_rows)
{
	struct output_options opts = {
		.views = 1u << VIEW_VMAS, .max_rows = max_rows,
	};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	assert_int_equal(output_text(out, NULL, snap, &opts), 0);
	fclose(out);
	return text;
}

/* The words of the line starting with first, joined by single blanks. */
static char *line_words(const char *text, const char *first)
{
	char *needle = xasprintf("\n%s", first);
	const char *line = strstr(text, needle);
	char *words = xmalloc(strlen(text) + 1), *w = words;

	free(needle);
	assert_non_null(line);
	line++;
	for (; *line && *line != '\n'; line++) {
		if (*line == ' ' && (w == words || w[-1] == ' '))
			continue;
		*w++ = *line;
	}
	*w = '\0';
	return words;
}

static void test_table(void **state)
{
	struct snapshot *snap = three_mappings();
	char *text = render(snap, 0);
	char *words;

	(void)state;
	words = line_words(text, "ADDRESS");
	assert_string_equal(words, "ADDRESS PERM SIZE RSS PSS DIRTY SWAP THP "
	                           "LOCKED N0 N1 FLAGS PATH");
	free(words);
	words = line_words(text, "55a9e753c000-");
	assert_string_equal(words, "55a9e753c000-55a9e7570000 r--p 208 208 104 "
	                           "8 0 0 0 208 0 rd mr /usr/bin/a\\x1b[2Jb");
	free(words);
	words = line_words(text, "7f0000000000-");
	assert_string_equal(words, "7f0000000000-7f0000002000 rw-p 8 n/a 0 4 0 0 "
	                           "0 0 8 rd mr [ anon ]");
	free(words);
	words = line_words(text, "ffffffffff600000-");
	assert_string_equal(words, "ffffffffff600000-ffffffffff601000 --xp 4 0 "
	                           "0 0 0 0 0 0 0 rd mr [vsyscall]");
	free(words);
	words = line_words(text, "total");
	assert_string_equal(words, "total 220 n/a 104 12 0 0 0 208 8");
	free(words);
	assert_non_null(strstr(text, "pid 42: 3 mappings"));
	assert_null(strchr(text, '\x1b'));
	free(text);
	snapshot_free(snap);
}

static void test_max_rows(void **state)
{
	struct snapshot *snap = three_mappings();
	char *text = render(snap, 1);
	char *words;

	(void)state;
	assert_null(strstr(text, "7f0000000000-"));
	assert_non_null(strstr(text, "(2 more mappings not shown"));
	words = line_words(text, "total");
	assert_string_equal(words, "total 220 n/a 104 12 0 0 0 208 8");
	free(words);
	free(text);
	snapshot_free(snap);
}

static void test_missing(void **state)
{
	struct snapshot *snap = snapshot_new();
	char *text;

	(void)state;
	snapshot_set_unavailable(snap, "vmas", "/proc/1/smaps: Permission "
	                                       "denied (run as root)");
	text = render(snap, 0);
	assert_non_null(strstr(text, "n/a (vmas): /proc/1/smaps: Permission "
	                             "denied (run as root)"));
	free(text);
	snapshot_free(snap);
	/* Mappings without numa_maps: no node columns, and why. */
	snap = three_mappings();
	for (size_t i = 0; i < snap->vmas.count; i++)
		snap->vmas.mappings[i].known &= ~KNOWN(VMA_NODE_PAGES);
	snapshot_set_unavailable(snap, "vmas.numa_maps",
	                         "/proc/42/numa_maps: No such file");
	text = render(snap, 0);
	assert_null(strstr(text, " N0 "));
	assert_non_null(strstr(text, "n/a (vmas.numa_maps): /proc/42/numa_maps"));
	free(text);
	snapshot_free(snap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_max_rows),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
