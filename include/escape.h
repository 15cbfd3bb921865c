/*
 * escape.h - terminal-safe strings.  Names from the kernel (comm, cmdline,
 * user, cgroup paths, slab names) may hold any byte, including ESC sequences
 * that would clear or reprogram the terminal of whoever reads our output.
 * Every such string goes through here before it is printed, by batch text
 * and by the TUI alike.
 *
 * What passes: printable ASCII, and printable UTF-8 when the output charset
 * is UTF-8.  What is escaped, as \xNN per byte: C0 controls, DEL, C1 controls
 * (also when UTF-8 encoded), bidirectional and line-separator format
 * characters, invalid UTF-8, and under a non-UTF-8 charset every byte >= 0x80.
 * A backslash passes as it is: \xNN is also how JSON records (and replays)
 * a byte that is not UTF-8, so live and replayed text print the same.  A name
 * that really holds the four characters \x1b reads the same as one holding
 * ESC; that ambiguity is on screen only, and no control byte gets through.
 *
 * Must not: print anything, or depend on a terminal.
 */
#ifndef MEMLENS_ESCAPE_H
#define MEMLENS_ESCAPE_H

#include <stdbool.h>

/* Whether the current locale's charset (LC_CTYPE) is UTF-8. */
bool escape_locale_utf8(void);

/*
 * A terminal-safe copy of s (NULL reads as ""); utf8 says whether the
 * output charset is UTF-8.  Caller frees.
 */
char *escape_term(const char *s, bool utf8);

/*
 * The same, limited to max_cols display columns (negative: no limit): cut
 * on a character boundary, never inside an escape.  *cols (may be NULL)
 * gets the columns used, *truncated (may be NULL) whether something was
 * cut.  Caller frees.
 */
char *escape_term_cols(const char *s, bool utf8, int max_cols, int *cols,
                       bool *truncated);

/* Display columns of a string escape_term() returned. */
int escape_width(const char *safe);

#endif
