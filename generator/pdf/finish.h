/* finish: the PDF libharu drew (in memory), completed and written by
 * libqpdf, the only file that includes <qpdf/qpdf-c.h>. libharu 2.3
 * writes PDF 1.3 with a classic cross-reference table, an indirect
 * /Length per stream, no /ID and whatever objects it made whether or
 * not anything refers to them; qpdf writes what is reachable from the
 * catalog, with object streams and a cross-reference stream, direct
 * lengths and an /ID computed from the content (the same input gives
 * the same bytes), as PDF 1.7. */
#ifndef TEBIKI_FINISH_H
#define TEBIKI_FINISH_H
#include <stddef.h>

/* Writes the PDF in pdf[0..len) to path. Returns 0, or -1 with the
 * reason in why. */
int finish_write(const void *pdf, size_t len, const char *path, char *why, size_t whylen);

#endif
