/*
 * fuzz_pageblocks.c - fuzz harness: the pageblock map's parsers (zone spans
 * from zoneinfo, "Page block order:" from pagetypeinfo) on the input as
 * text, and the kpageflags scan on the same bytes read as a zone and its
 * pages: two bytes of start pfn, two of span (12 bits: a zone of a few
 * blocks shows every edge, and a large one only slows the fuzzer), one of
 * order, then 9 bytes per page (8 of flags, 1 of map count; a count of 255
 * skips a pfn, as a hole in the file would).
 * See fuzz.h for how it is built and run.
 *
 * Must not: keep anything between inputs.
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "parse.h"
#include "schema.h"
#include "snapshot.h"

static void fuzz_spans(const char *text)
{
	struct pageblock_zone *zones = NULL;
	size_t count = 0;
	int64_t order;

	if (parse_zone_spans(text, &zones, &count) == 0) {
		for (size_t i = 0; i < count; i++)
			schema_free_entity(&pageblock_zone_schema, &zones[i]);
		free(zones);
	}
	parse_pageblock_order(text, &order);
}

static uint64_t bytes_le(const uint8_t *data, size_t n)
{
	uint64_t value = 0;

	for (size_t i = n; i > 0; i--)
		value = value << 8 | data[i - 1];
	return value;
}

static void fuzz_scan(const uint8_t *data, size_t size)
{
	struct pageblock_scan scan;
	uint64_t start_pfn, spanned, pfn;

	if (size < 5)
		return;
	start_pfn = bytes_le(data, 2);
	spanned = bytes_le(data + 2, 2) & 0xfff;
	if (pageblock_scan_init(&scan, start_pfn, spanned, data[4] % 16) < 0)
		return;
	pfn = start_pfn;
	for (size_t at = 5; at + 9 <= size; at += 9, pfn++) {
		if (data[at + 8] == 255)
			continue;
		pageblock_scan_page(&scan, pfn, bytes_le(data + at, 8), data[at + 8]);
	}
	free(pageblock_scan_finish(&scan));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);

	fuzz_spans(text);
	free(text);
	fuzz_scan(data, size);
	return 0;
}
