/* numfmt: numbers and dates as Japanese readers expect them in tables
 * and charts: thousands separators, a fixed number of decimals, a unit
 * right after the number (824名, 41.6%), dates as 2009年3月2日（月）. */
#ifndef TEBIKI_NUMFMT_H
#define TEBIKI_NUMFMT_H

struct buf;

/* 1234.5 with decimals 1 → "1,234.5"; then unit if not NULL. */
void numfmt(struct buf *out, double v, int decimals, const char *unit);
/* "2009-03-02" → "2009年3月2日（月）"; other text as it is. */
void numfmt_date(struct buf *out, const char *iso);

#endif
