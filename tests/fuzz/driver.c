/*
 * driver.c - runs a fuzz harness without libFuzzer: every file of the
 * directories (or the files) named on the command line goes to
 * LLVMFuzzerTestOneInput whole, then cut at several lengths, since a file
 * cut short is what a parser meets most when a process exits mid-read.
 * `make check` runs each harness so on its seed corpus
 * (tests/fuzz/harnesses.sh), under the sanitizers too when the build has
 * them.
 *
 * Exits 0 when every input ran, 1 when there was nothing to run (a missing
 * corpus must not pass silently); a crash is the harness's own signal.
 *
 * Must not: skip an input it could not read without saying so.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static size_t inputs_run;

/* The file's bytes in a new buffer; 0 or -errno. */
static int read_whole(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return -errno;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = xrealloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	*data = buf;
	*size = len;
	return 0;
}

static void run_input(const uint8_t *data, size_t size)
{
	LLVMFuzzerTestOneInput(data, size);
	inputs_run++;
}

/* The whole file, then cut: at 1 byte, a third, half, two thirds, one byte
 * short, and at each of the first few line ends. */
static void run_cuts(const uint8_t *data, size_t size)
{
	size_t cuts[] = { 1, size / 3, size / 2, size * 2 / 3, size - 1 };
	size_t lines = 0;

	run_input(data, size);
	for (size_t i = 0; size > 1 && i < sizeof(cuts) / sizeof(cuts[0]); i++)
		run_input(data, cuts[i]);
	for (size_t i = 0; i + 1 < size && lines < 4; i++)
		if (data[i] == '\n') {
			run_input(data, i + 1);
			lines++;
		}
}

static int run_file(const char *path)
{
	uint8_t *data = NULL;
	size_t size = 0;
	int rc = read_whole(path, &data, &size);

	if (rc < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(-rc));
		return rc;
	}
	run_cuts(data, size);
	free(data);
	return 0;
}

static int run_dir(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *entry;
	int rc = 0;

	if (!dir) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -errno;
	}
	while ((entry = readdir(dir)) != NULL) {
		char *file;
		struct stat st;

		if (entry->d_name[0] == '.')
			continue;
		file = xasprintf("%s/%s", path, entry->d_name);
		if (stat(file, &st) == 0 && S_ISREG(st.st_mode) &&
		    run_file(file) < 0)
			rc = -EIO;
		free(file);
	}
	closedir(dir);
	return rc;
}

int main(int argc, char **argv)
{
	int failed = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			failed = 1;
		} else if (S_ISDIR(st.st_mode) ? run_dir(argv[i]) < 0
		                               : run_file(argv[i]) < 0) {
			failed = 1;
		}
	}
	printf("%zu inputs\n", inputs_run);
	return failed || inputs_run == 0;
}
