/* website: the guidance website: every output page through the
 * theme's templates, in parallel, plus assets, images and sitemap. */
#ifndef TEBIKI_WEBSITE_H
#define TEBIKI_WEBSITE_H
#include <stddef.h>

struct site;

/* What serve asks of a whole build. */
struct website_serve {
	/* in: the search index is left out; out: the theme has one
	 * (website_search makes it then) */
	int search_later;
	/* a page whose bytes same_as/URL already holds is not written … */
	const char *same_as;
	/* … but listed here (out; the caller frees each and the list) */
	char **kept;
	size_t nkept;
};

/* Writes the site into sitedir, or only checks it when sitedir is
 * NULL. Errors are reported; returns the number of pages rendered.
 * serve: NULL for `tebiki build`. */
long website_build(struct site *s, const char *sitedir, const char *version,
		   struct website_serve *serve);

/* For serve: the plan and one template state kept between rebuilds, so
 * a page whose text changed, and nothing that other pages show of it,
 * is rendered again alone. NULL after reporting (the caller then builds
 * the whole site). While it is open, s may change only by a page's
 * tree being replaced, and website_build may not run on s. */
struct website;
struct page;
struct website *website_open(struct site *s, const char *version);
/* Writes into sitedir the output pages made from these pages (a page,
 * or the section or home page it is the text of); returns the number
 * of pages rendered. Errors are reported. */
long website_again(struct website *w, const char *sitedir, struct page *const *pages, size_t n);
/* Writes the search index into sitedir/search/ if the theme has a
 * search page (returns 1), else nothing (0); sitedir NULL: only says. */
int website_search(struct website *w, const char *sitedir);
void website_close(struct website *w);

#endif
