/*
 * scan.c - the number readers of the parsers' shared lexer (scan.h) that
 * are not on a hot path: signed integers and the kernel's fixed-point
 * decimals.
 *
 * No sscanf, strtoll or strtod: they are slow in a loop that runs every
 * refresh, they read past a line's end into the next, and strtod reads
 * "0.10" wrongly under a locale with a decimal comma.
 *
 * Must not: allocate, do I/O, keep state, or wrap a number that does not
 * fit: that is -ERANGE, and the parsers leave the value unknown.
 */
#include "config.h"

#include <errno.h>

#include "scan.h"
#include "util.h"

int scan_int64(const char **pos, const char *end, int64_t *out)
{
	const char *p = *pos;
	uint64_t magnitude;

	if (p >= end || *p != '-')
		return scan_count(pos, end, out);
	p++;
	if (p >= end || !scan_is_digit(*p))
		return -EINVAL;
	if (!scan_digits(&p, end, (uint64_t)INT64_MAX + 1, &magnitude)) {
		*pos = p;
		return -ERANGE;
	}
	*pos = p;
	*out = magnitude == (uint64_t)INT64_MAX + 1 ? INT64_MIN
	                                             : -(int64_t)magnitude;
	return 0;
}

/*
 * The digits are kept as one integer and divided once by a power of ten, so
 * the result is what strtod gives in the C locale.
 */
int scan_decimal(const char **pos, const char *end, double *out)
{
	static const double powers_of_ten[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
		1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	};
	const uint64_t exact_limit = UINT64_C(1) << 53;
	const char *p = *pos;
	uint64_t digits_value = 0;
	size_t fraction_digits = 0;
	bool seen_digit = false;
	bool seen_point = false;
	bool overflow = false;

	for (; p < end; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		if (!scan_is_digit(*p))
			break;
		seen_digit = true;
		if (overflow)
			continue; /* consume the rest in one pass */
		digits_value = digits_value * 10 + (unsigned)(*p - '0');
		overflow = digits_value > exact_limit;
		if (seen_point)
			fraction_digits++;
	}
	if (!seen_digit)
		return -EINVAL;
	*pos = p;
	if (overflow || fraction_digits >= ARRAY_SIZE(powers_of_ten))
		return -ERANGE;
	*out = (double)digits_value / powers_of_ten[fraction_digits];
	return 0;
}
