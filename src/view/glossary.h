/*
 * glossary.h - what the kernel's own names mean: meminfo lines, vmstat
 * counters, THP and zswap settings, zones and migratetypes, reclaim
 * sysctls.  The text views explain the line under the cursor with it, and
 * the field tables' help covers the rest (column titles of zones, nodes,
 * PSI, cgroups).
 *
 * Must not: read files.
 */
#ifndef MEMLENS_VIEW_GLOSSARY_H
#define MEMLENS_VIEW_GLOSSARY_H

#include "ui_explain.h"

/* The meaning of a kernel name (N_() text, translate at use), or NULL. */
const char *glossary_lookup(const char *name);

/*
 * Explains the words of a line that the glossary or a field table knows,
 * each once, at most max of them; returns how many it explained.
 */
int glossary_explain_line(const char *line, struct ui_explain *ex, int max);

#endif
