/* organize: titles, slugs and URLs, sections in order, previous and
 * next, and the taxonomies (tags, sizes, industries). */
#ifndef TEBIKI_ORGANIZE_H
#define TEBIKI_ORGANIZE_H

struct site;

void organize_site(struct site *s);

#endif
