/* coverage: which pages reach which cell of the size × industry
 * matrix. A required page that misses a cell is an error; a page that
 * reaches no cell, a warning. */
#ifndef TEBIKI_COVERAGE_H
#define TEBIKI_COVERAGE_H

struct buf;
struct site;

/* Checks the site (after organize) and, if out is not NULL, writes the
 * table as text. */
void coverage_site(const struct site *s, struct buf *out);

#endif
