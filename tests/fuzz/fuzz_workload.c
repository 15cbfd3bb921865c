/*
 * fuzz_workload.c - fuzz harness: the lru engine's workload grammar, and each step
 * written back as text.
 * See fuzz.h for how it is built and run.
 *
 * Must not: keep anything between inputs.
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "workload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct workload w = { 0 };
	char *error = NULL;

	if (parse_workload(text, &w, &error) == 0) {
		for (size_t i = 0; i < w.count; i++)
			free(workload_step_text(&w.steps[i]));
		workload_clear(&w);
	}
	free(error);
	free(text);
	return 0;
}
