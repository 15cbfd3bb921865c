/*
 * fuzz_zones.c - fuzz harness: buddyinfo, zoneinfo and pagetypeinfo, all three on the
 * same input into one zone array, as the collector merges them.
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

	parse_buddyinfo(text, &snap->zones, &snap->nzones);
	parse_zoneinfo(text, &snap->zones, &snap->nzones);
	parse_pagetypeinfo(text, &snap->zones, &snap->nzones);
	snapshot_free(snap);
	free(text);
	return 0;
}
