/*
 * fuzz_smaps.c - fuzz harness: /proc/PID/smaps into mappings, and numa_maps merged
 * into them (the same input as both: the fuzzer finds the address
 * matches).
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
	struct vma *vmas = NULL;
	size_t count = 0;

	if (parse_smaps_vmas(text, &vmas, &count) == 0)
		parse_numa_maps(text, vmas, count);
	vma_array_free(vmas, count);
	free(text);
	return 0;
}
