/* docpack: a document tree as one compact byte string and back. serve
 * keeps every page's tree as parsed this way (a third of the tree's
 * size) to copy it instead of parsing the page again. */
#ifndef TEBIKI_DOCPACK_H
#define TEBIKI_DOCPACK_H
#include <stddef.h>

struct buf;
struct doc;

/* Appends d (nodes, strings, held warnings) to out. */
void docpack_write(const struct doc *d, struct buf *out);
/* A new tree that shares nothing with p; file: its file name. NULL if
 * p is not what docpack_write wrote. */
struct doc *docpack_read(const char *p, size_t n, const char *file);

#endif
