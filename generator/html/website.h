/* website: the guidance website: every output page through the
 * theme's templates, in parallel, plus assets, images and sitemap. */
#ifndef TEBIKI_WEBSITE_H
#define TEBIKI_WEBSITE_H

struct site;

/* Writes the site into sitedir, or only checks it when sitedir is
 * NULL. Errors are reported; returns the number of pages rendered. */
long website_build(struct site *s, const char *sitedir, const char *version);

#endif
