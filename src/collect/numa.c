/* src/collect/numa.c - placeholder: being written. */
#include "config.h"

#include "sources.h"
void collect_numa(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
