/* organize: titles, slugs and URLs, sections in order, previous and
 * next, and the taxonomies (tags, sizes, industries). */
#ifndef TEBIKI_ORGANIZE_H
#define TEBIKI_ORGANIZE_H

struct site;

void organize_site(struct site *s);
/* One page's title (when it has none) and URL: for serve, which loads
 * a changed page again. */
struct page;
void organize_page(struct page *p);

#endif
