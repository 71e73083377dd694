/* incr: a changed Markdown page loaded again on its own, for serve's
 * rebuilds that re-render only what can have changed. */
#ifndef TEBIKI_INCR_H
#define TEBIKI_INCR_H

struct page;
struct site;

/* Loads content/SOURCE again into the loaded site s; when everything
 * other pages can see of it is unchanged, its new tree replaces the
 * old one and the page (still the site's own) is returned. NULL when
 * the site must be built again whole: s is then as it was, and any
 * diagnostic made is the caller's to drop. */
struct page *incr_page(struct site *s, const char *source);
/* Is the page a chapter of a publication (a PDF to write again)? */
int incr_in_publication(const struct site *s, const struct page *p);

#endif
