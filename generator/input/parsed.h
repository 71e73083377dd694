/* parsed: the trees serve keeps as parsed, so that a whole rebuild
 * (a title changed, a page added) parses again only the pages whose
 * text changed and copies the others. */
#ifndef TEBIKI_PARSED_H
#define TEBIKI_PARSED_H
#include <stddef.h>

struct doc;
struct parsed;

struct parsed *parsed_new(void);
void parsed_free(struct parsed *c);
/* A load of n pages begins: page i's slot is filled by parsed_use or
 * parsed_keep, from any thread, each slot by one. Outside a load, the
 * slot PARSED_ALONE uses and keeps an entry at once (serve's fast
 * path, reading one page). */
#define PARSED_ALONE ((size_t)-1)
void parsed_begin(struct parsed *c, size_t n);
/* The tree kept for source when its body and first line are these,
 * read back as a new tree for file, or NULL (it is parsed then). */
struct doc *parsed_use(struct parsed *c, size_t i, const char *source, const char *body,
		       size_t len, int line, const char *file);
/* Keeps d, parsed from that body, packed in slot i. */
void parsed_keep(struct parsed *c, size_t i, const char *source, const char *body,
		 size_t len, int line, const struct doc *d);
/* The load is over: what no page used is dropped. */
void parsed_end(struct parsed *c);
/* How many pages the last load parsed (the others were copied). */
size_t parsed_fresh(const struct parsed *c);

#endif
