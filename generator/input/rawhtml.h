/* rawhtml: HTML written in Markdown, read into tree nodes (see the
 * file's comment for what is kept). */
#ifndef TEBIKI_RAWHTML_H
#define TEBIKI_RAWHTML_H
#include <stddef.h>

#include "../base/buf.h"

struct doc;
struct doc_node;

/* What tebiki keeps, for messages. */
extern const char *rawhtml_allowed;
/* Reads the raw HTML nodes of the tree under root. */
void rawhtml_tree(struct doc *d, struct doc_node *root);
/* Reads one HTML block (a Lua filter's RawBlock) as rawhtml_tree
 * would: what it means without its tags becomes its children. */
void rawhtml_read_block(struct doc *d, struct doc_node *n);
/* Is s only HTML comments (and blanks)? Those are left out quietly. */
int rawhtml_is_comment(const char *s, size_t n);
/* How many tags raw HTML s holds (open and void ones), and adds its
 * close tags to *closes; the first tag goes to first ("<div>") if that
 * is empty (or holds only a close tag, and this is an open one). */
int rawhtml_describe(const char *s, size_t n, struct buf *first, int *closes);

/* Raw HTML a back end leaves out of one page, for one warning: how
 * many tags, the first, and where. */
struct rawhtml_tally {
	int opens, closes;
	struct buf first;
	const struct doc_node *at;
};
void rawhtml_tally(struct rawhtml_tally *t, const struct doc_node *n);
/* Warns (if anything was left out) and empties t. */
void rawhtml_report(struct rawhtml_tally *t, const char *file, const char *where,
		    const char *hint);

#endif
