/*
 * fuzz_slab.c - fuzz harness: /proc/slabinfo.
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

	parse_slabinfo(text, &snap->slab, &snap->nslab);
	snapshot_free(snap);
	free(text);
	return 0;
}
