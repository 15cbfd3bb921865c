/*
 * fuzz_lru_gen.c - fuzz harness: MGLRU's /sys/kernel/debug/lru_gen.
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

	parse_lru_gen(text, &snap->lru_gen, &snap->nlru_gen);
	snapshot_free(snap);
	free(text);
	return 0;
}
