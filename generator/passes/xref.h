/* xref: heading ids, links written as source paths rewritten to page
 * URLs, anchors checked, images collected. */
#ifndef TEBIKI_XREF_H
#define TEBIKI_XREF_H
#include <stddef.h>

struct site;
struct buf;

struct page;

void xref_site(struct site *s);
/* Gives every heading of the page its id and lists them in anchors. */
void xref_headings(struct page *p);
/* The same for any tree; anchors may be NULL. page_anchor: the id
 * the page's title holds (page->anchor), which no heading may take. */
struct doc;
void xref_ids(struct doc *d, const char *page_anchor, char ***anchors, size_t *nanchors);
/* The id a heading with this text gets (before de-duplication). */
void xref_slug(const char *text, size_t len, struct buf *out);
/* Relative URL from the page at from (site-relative) to to. */
char *xref_relative(const char *from, const char *to);
/* What an image file is, from its first bytes: "png", "jpeg", "gif",
 * "webp", "svg", or NULL. */
const char *xref_image_kind(const char *data, size_t len);

#endif
