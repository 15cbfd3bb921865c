/*
 * fuzz_proc.c - fuzz harness: the parsers of one process's small files: /proc/PID/stat,
 * status, smaps_rollup and cgroup, and the number lists of sysfs (node
 * distance, cpulists).
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
	struct proc p = { 0 };
	int64_t value, *values = NULL;
	size_t count = 0;

	for (int field = 3; field <= 52; field += 7)
		parse_stat_field(text, field, &value);
	parse_status_memory(text, &p);
	parse_smaps_rollup(text, &p);
	proc_clear(&p);
	free(parse_cgroup_memory_path(text));
	if (parse_int_list(text, &values, &count) == 0)
		free(values);
	values = NULL;
	if (parse_id_list(text, &values, &count) == 0)
		free(values);
	free(text);
	return 0;
}
