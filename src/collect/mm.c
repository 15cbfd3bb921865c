/* src/collect/mm.c - placeholder: being written. */
#include "config.h"

#include "sources.h"
void collect_thp(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
void collect_zswap(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
