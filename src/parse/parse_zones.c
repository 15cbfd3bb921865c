/* src/parse/parse_zones.c - placeholder: being written. */
#include "config.h"

#include <errno.h>
#include "parse.h"
int parse_buddyinfo(const char *t, struct zone **z, size_t *n) { (void)t; (void)z; (void)n; return -EINVAL; }
int parse_zoneinfo(const char *t, struct zone **z, size_t *n) { (void)t; (void)z; (void)n; return -EINVAL; }
int parse_pagetypeinfo(const char *t, struct zone **z, size_t *n) { (void)t; (void)z; (void)n; return -EINVAL; }
