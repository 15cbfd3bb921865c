/* src/collect/slab.c - placeholder: being written. */
#include "config.h"

#include "sources.h"
void collect_slab(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
