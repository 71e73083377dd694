/* link: where a link or image of a chapter points, for the PDF: a
 * chapter of the same PDF (a GoTo link), or a URI: the link as written
 * when it is external, the page on the site (base_url) otherwise. */
#ifndef TEBIKI_LINK_H
#define TEBIKI_LINK_H

struct link_target {
	char *source;		/* content-relative .md it points to, or NULL */
	char *path;		/* what any other relative or root-absolute link
				 * names, content-relative (guide/intro, x.html),
				 * for the caller to find a page by (site_page_at) */
	char *pretty;		/* the same read from the page's pretty URL, as Hugo
				 * authors write (docs/wifi.md + ../router/ →
				 * docs/router/), or NULL */
	char *fragment;		/* heading id, or NULL */
	char *uri;		/* percent-encoded URI to use otherwise, or NULL */
};

/* url (as written in from, a path relative to some root) made relative
 * to that root: "content/lessons/a.md" + "../images/x.png" →
 * "content/images/x.png". NULL for an empty or external url. */
char *link_resolve(const char *from, const char *url);
/* href: the site link xref made of url, or NULL; source and page_url:
 * the chapter's content-relative path and site URL (may be NULL). */
void link_target(const char *url, const char *href, const char *source,
		 const char *page_url, const char *base_url, struct link_target *t);
void link_target_free(struct link_target *t);
/* A path that names a page of s as other tools write links (/guide/intro,
 * ./setup, x.html): the target becomes that page's source, as on the
 * site. s may be NULL (tebiki render: .md links only). */
struct site;
void link_target_page(struct link_target *t, const struct site *s);
/* The URI of a page of the site (site-relative page_url, fragment as
 * the heading id, not encoded), or NULL without a base_url. For links
 * whose href xref never made: chapters copied for the PDF before it
 * ran (when the project has Lua filters). */
char *link_page(const char *base_url, const char *page_url, const char *fragment);
/* Percent-encodes what a URI may not hold (non-ASCII, spaces, …). */
char *link_encode(const char *s);

#endif
