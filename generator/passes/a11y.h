/* a11y: build-time accessibility checks on the document tree (images
 * without a description, skipped heading levels, link text that says
 * nothing, tables without a header row), as warnings with a position. */
#ifndef TEBIKI_A11Y_H
#define TEBIKI_A11Y_H

struct doc;
struct site;

/* Warns about the problems of one document; file names it. */
void a11y_doc(const char *file, const struct doc *d);
/* … of every page of the site (after the filters and xref). */
void a11y_site(const struct site *s);

#endif
