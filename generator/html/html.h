/* html: a document tree as an HTML fragment (the page body). */
#ifndef TEBIKI_HTML_H
#define TEBIKI_HTML_H
#include <stddef.h>

struct buf;
struct doc;
struct profiles;
struct site;

struct html_opts {
	int unsafe;		/* pass raw HTML through (markdown.unsafe in site.yaml) */
	int warn;		/* report omitted raw HTML */
	/* For the reader's words for a condition (size=micro →
	 * 従業員20名以下); NULL shows conditions as written. */
	const struct profiles *profiles;
	/* For ```chart, ```table and ```checklist blocks (passes/blocks);
	 * NULL renders them as code. url: the page's site path. */
	const struct site *site;
	const char *url;
	/* The page's language (site.yaml language:); with "ja", a paragraph
	 * or list item written wholly in Latin script gets
	 * lang="en" (WCAG 3.1.2). NULL: no such marking. */
	const char *lang;
};

void html_render(const struct doc *d, const struct html_opts *o, struct buf *out);
void html_escape(struct buf *b, const char *s, size_t n);
/* Escapes a URL for an attribute: percent-encodes what is not safe in
 * a URL, HTML-escapes '&' and quotes. */
void html_escape_href(struct buf *b, const char *s, size_t n);

#endif
