/* xref: heading ids, links written as source paths rewritten to page
 * URLs, anchors checked, images collected. */
#ifndef TEBIKI_XREF_H
#define TEBIKI_XREF_H
#include <stddef.h>

struct site;
struct buf;

struct page;

void xref_site(struct site *s);
/* One page's links and images (after xref_headings of every page):
 * for serve, which loads a changed page again. */
void xref_page(struct site *s, struct page *p);
#include "slug.h"

/* Gives every heading of the page its id (by style, site.yaml's
 * markdown.slugs) and lists them in anchors. */
void xref_headings(struct page *p, enum slug_style style);
/* The same for any tree; anchors may be NULL. page_anchor: the id
 * the page's title holds (page->anchor), which no heading may take. */
struct doc;
void xref_ids(struct doc *d, const char *page_anchor, enum slug_style style, char ***anchors,
	      size_t *nanchors);
/* Relative URL from the page at from (site-relative) to to. */
char *xref_relative(const char *from, const char *to);
/* Where a file a link or image names lives, project-relative: for a
 * content-relative path norm, content/norm; for a root-absolute one
 * (root: written /images/a.png), the first of content/, static/ and
 * public/ that has it (Hugo's and VitePress's folders). found is set
 * when it is there (st is then its stat), else errno says why. */
struct stat;
char *xref_root_file(const char *dir, const char *norm, int root, struct stat *st, int *found);
/* What an image file is, from its first bytes: "png", "jpeg", "gif",
 * "webp", "svg", or NULL. */
const char *xref_image_kind(const char *data, size_t len);

#endif
