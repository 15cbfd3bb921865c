/*
 * fuzz_record.c - fuzz harness: the record reader (-r).  The input is a
 * record file: the replayer reads it line by line (skipping what is damaged,
 * stopping at what is newer), and every snapshot it yields is rendered as
 * JSON, OpenMetrics and text against the one before, as a replay does.
 * See fuzz.h for how it is built and run.
 *
 * Must not: write anywhere but /dev/null and its own memfd.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "output.h"
#include "record.h"

/* The bytes as a file the replayer can open by name. */
static char *memfd_path(const uint8_t *data, size_t size, int *fd)
{
	*fd = memfd_create("fuzz-record", MFD_CLOEXEC);
	if (*fd < 0 || (size > 0 && write(*fd, data, size) != (ssize_t)size))
		abort();
	return xasprintf("/proc/self/fd/%d", *fd);
}

static void render(FILE *sink, const struct snapshot *prev,
                   const struct snapshot *cur)
{
	struct output_options opts = {
		.format = OUTPUT_TEXT,
		.views = (1u << VIEW_COUNT) - 1,
	};

	output_json(sink, prev, cur, NULL);
	output_openmetrics(sink, prev, cur, NULL);
	output_text(sink, prev, cur, &opts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd;
	char *path = memfd_path(data, size, &fd);
	FILE *sink = fopen("/dev/null", "w");
	struct replayer *r;
	struct snapshot *prev = NULL, *cur;
	char *error;

	if (!sink || replayer_open(&r, path) < 0)
		abort();
	while (replayer_next(r, &cur, &error, sink) > 0) {
		render(sink, prev, cur);
		snapshot_free(prev);
		prev = cur;
	}
	free(error);
	snapshot_free(prev);
	replayer_close(r);
	fclose(sink);
	close(fd);
	free(path);
	return 0;
}
