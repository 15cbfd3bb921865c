/*
 * fixture.h - loads captured files for the unit tests.
 * FIXTURES is tests/fixtures (set by Makefile.am); each folder there mirrors
 * a capture in shared/fixtures/real and says where it came from in ORIGIN.
 */
#ifndef MEMLENS_TEST_FIXTURE_H
#define MEMLENS_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The text of FIXTURES/relpath, or the test fails (never returns NULL). */
static inline char *fixture_text(const char *relpath)
{
	char *root = xasprintf("%s/", FIXTURES);
	char *path = xasprintf("/%s", relpath);
	char *text = NULL;
	size_t len;
	int rc = read_text_file(root, path, 0, &text, &len);

	if (rc < 0) {
		fprintf(stderr, "cannot read fixture %s%s: %s\n", root, path,
		        strerror(-rc));
		abort();
	}
	free(root);
	free(path);
	return text;
}

/* FIXTURES/folder, for collectors that take a root directory. Caller frees. */
static inline char *fixture_root(const char *folder)
{
	return xasprintf("%s/%s", FIXTURES, folder);
}

#endif
