/*
 * fuzz.h - what every harness in tests/fuzz shares: libFuzzer's entry point
 * and the copy that turns the fuzzer's bytes into the NUL-terminated text
 * the parsers take.
 *
 * A harness is built twice: with driver.c (any compiler; make check feeds it
 * the seed corpus) and with clang's -fsanitize=fuzzer (make fuzz).
 *
 * Must not: hold state between inputs; a harness that leaks or keeps
 * anything would make a crash depend on the inputs before it.
 */
#ifndef MEMLENS_FUZZ_H
#define MEMLENS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes as text (caller frees); a NUL inside ends the text early, as
 * it does for the collectors' readers. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);

	if (size > 0)
		memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

#endif
