/*
 * fuzz_kv.c - fuzz harness: the "Name: value kB" and "name value" parsers
 * (meminfo, vmstat, memory.stat, numastat) and /proc/pressure/memory.
 * See fuzz.h for how it is built and run.
 *
 * Must not: keep anything between inputs.
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "kvlist.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct kvlist list = { 0 };
	struct psi psi = { 0 };

	parse_meminfo(text, &list);
	kvlist_free(&list);
	parse_name_value(text, &list);
	kvlist_free(&list);
	parse_psi(text, &psi);
	free(text);
	return 0;
}
