/*
 * fuzz_oom.c - fuzz harness: OOM reports in kernel log text (/dev/kmsg records and
 * dmesg lines).
 * See fuzz.h for how it is built and run.
 *
 * Must not: keep anything between inputs.
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "parse.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct snapshot *snap = snapshot_new();

	/* Twice: a second log appends to the reports of the first. */
	parse_oom_log(text, &snap->oom_log);
	parse_oom_log(text, &snap->oom_log);
	snapshot_free(snap);
	free(text);
	return 0;
}
