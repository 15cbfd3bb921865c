/*
 * fuzz_whatif.c - fuzz harness: the engines' what-if grammars (--what-if)
 * and the --sim list, through sim_plan_new as main() calls it.  Each line
 * of the input is one what-if; the first is also tried as a --sim list.
 * See fuzz.h for how it is built and run.
 *
 * Must not: let a what-if read a file ("workload:" is skipped: it would
 * open whatever path the fuzzer makes up).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sim.h"

#define MAX_WHAT_IFS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	const char *what_ifs[MAX_WHAT_IFS];
	size_t n = 0;
	unsigned engines = 0;
	const char *bad;
	size_t bad_len;
	struct sim_plan *plan = NULL;
	char *error = NULL, *save = NULL;

	for (char *line = strtok_r(text, "\n", &save); line && n < MAX_WHAT_IFS;
	     line = strtok_r(NULL, "\n", &save))
		if (!strstr(line, "workload"))
			what_ifs[n++] = line;
	if (n > 0)
		sim_parse_list(what_ifs[0], &engines, &bad, &bad_len);
	engines = (1u << SIM_COUNT) - 1;
	if (sim_plan_new(&plan, engines, what_ifs, n, NULL, &error) == 0)
		sim_plan_free(plan);
	free(error);
	free(text);
	return 0;
}
