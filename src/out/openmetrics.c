/* src/out/openmetrics.c - placeholder: being written. */
#include "config.h"

#include "output.h"
int output_openmetrics(FILE *out, const struct snapshot *prev, const struct snapshot *cur, const struct output_options *o) { (void)prev; (void)cur; (void)o; fputs("# EOF\n", out); return 0; }
