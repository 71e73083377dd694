/* link: libharu stores a URI annotation's string as given, so non-ASCII
 * URLs (https://example.jp/検索) are percent-encoded here. */
#include "link.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/buf.h"
#include "../base/url.h"
#include "../base/fsutil.h"
#include "../base/xalloc.h"
#include "../model/site.h"

char *link_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = {0};
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>\\^`{|}", *p)) {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*p >> 4]);
			buf_addc(&b, hex[*p & 15]);
		} else
			buf_addc(&b, (char)*p);
	}
	return buf_detach(&b);
}


/* dir of from joined with path, "." and ".." folded where possible. */
static char *link_join(const char *from, const char *path)
{
	char *dir = fs_dirname(from);
	int abs = dir[0] == '/';
	char *joined = strcmp(dir, ".") ? fs_join(dir, path) : xstrdup(path);
	free(dir);
	char *norm = fs_normalize(joined + abs);
	if (norm == NULL)
		return joined;
	if (abs) {
		char *a = xasprintf("/%s", norm);
		free(norm);
		norm = a;
	}
	free(joined);
	return norm;
}

char *link_resolve(const char *from, const char *url)
{
	if (url == NULL || url[0] == '\0' || url[0] == '#' || url_has_scheme(url) ||
	    url[0] == '/')
		return NULL;
	char *path = url_unpercent(url, strcspn(url, "?#"));
	char *r = link_join(from, path);
	free(path);
	return r;
}

/* base_url + path, with one slash between. */
static char *link_site(const char *base, const char *path)
{
	size_t bl = strlen(base);
	char *s = xasprintf("%s%s%s", base, bl && base[bl - 1] == '/' ? "" : "/", path);
	char *e = link_encode(s);
	free(s);
	return e;
}

static int link_is_md(const char *path)
{
	size_t l = strlen(path);
	return l > 3 && strcmp(path + l - 3, ".md") == 0;
}

static int link_scheme_ok(const char *url)
{
	return strncasecmp(url, "javascript:", 11) && strncasecmp(url, "vbscript:", 9) &&
	       strncasecmp(url, "file:", 5) && strncasecmp(url, "data:", 5);
}

void link_target(const char *url, const char *href, const char *source,
		 const char *page_url, const char *base_url, struct link_target *t)
{
	memset(t, 0, sizeof *t);
	if (url == NULL || url[0] == '\0')
		return;
	if (url_has_scheme(url)) {
		if (link_scheme_ok(url))
			t->uri = link_encode(url);
		return;
	}
	int site = base_url && base_url[0];
	const char *hash = strchr(url, '#');
	if (url[0] == '/') {
		if (site)
			t->uri = link_site(base_url, url + 1);
		if (url[1] != '/') {	/* /guide/intro: perhaps a page */
			char *path = url_unpercent(url + 1, strcspn(url + 1, "?#"));
			t->path = fs_normalize(path);
			free(path);
			t->fragment = hash ? url_unpercent(hash + 1, strlen(hash + 1)) : NULL;
		}
		return;
	}
	t->fragment = hash ? url_unpercent(hash + 1, strlen(hash + 1)) : NULL;
	char *path = url_unpercent(url, strcspn(url, "?#"));
	if (path[0] && !link_is_md(path) && source) {
		t->path = link_join(source, path);
		size_t n = strlen(source);
		if (link_is_md(source)) {	/* as if it were STEM/index.md */
			char *from = xasprintf("%.*s/index.md", (int)(n - 3), source);
			t->pretty = link_join(from, path);
			free(from);
		}
	}
	if (path[0] == '\0' || link_is_md(path))
		t->source = path[0] ? (source ? link_join(source, path) : xstrdup(path))
				    : (source ? xstrdup(source) : NULL);
	if (site && page_url) {
		/* the page on the site: href as xref rewrote it, or the
		 * file as it is copied (content-relative) */
		const char *rel = href ? href : url;
		size_t n = strcspn(rel, "#");
		char *p = url_unpercent(rel, n);
		char *joined = p[0] ? link_join(page_url, p) : xstrdup(page_url);
		char *full = hash ? xasprintf("%s#%s", joined, hash + 1) : xstrdup(joined);
		if (href || !link_is_md(path))
			t->uri = link_site(base_url, full);
		free(p);
		free(joined);
		free(full);
	}
	free(path);
}

char *link_page(const char *base_url, const char *page_url, const char *fragment)
{
	if (base_url == NULL || base_url[0] == '\0' || page_url == NULL)
		return NULL;
	char *full = fragment ? xasprintf("%s#%s", page_url, fragment) : xstrdup(page_url);
	char *uri = link_site(base_url, full);
	free(full);
	return uri;
}

void link_target_page(struct link_target *t, const struct site *s)
{
	const struct page *p = t->path && !t->source && s ? site_page_at(s, t->path) : NULL;
	if (p == NULL && t->pretty && !t->source && s)
		p = site_page_at(s, t->pretty);
	if (p == NULL)
		return;
	t->source = xstrdup(p->source);
	free(t->uri);	/* made from the path as written; the caller makes the page's */
	t->uri = NULL;
}

void link_target_free(struct link_target *t)
{
	free(t->source);
	free(t->path);
	free(t->pretty);
	free(t->fragment);
	free(t->uri);
	memset(t, 0, sizeof *t);
}
