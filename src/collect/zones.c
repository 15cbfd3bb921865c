/* src/collect/zones.c - placeholder: being written. */
#include "config.h"

#include "sources.h"
void collect_zones(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
