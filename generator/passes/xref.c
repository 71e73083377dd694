/* xref: runs after organize, when every page has its URL. Ids are made
 * from the heading text and keep Japanese as it is, so `#経緯` works
 * and stays stable while the heading does. */
#include "xref.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/url.h"
#include "../base/confine.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/pool.h"
#include "../base/strmap.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"

char *xref_relative(const char *from, const char *to)
{
	/* skip the directories both share */
	size_t common = 0;
	for (size_t i = 0; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	struct buf b = {0};
	for (const char *s = from + common; *s; s++)
		if (*s == '/')
			buf_adds(&b, "../");
	buf_adds(&b, to + common);
	return buf_detach(&b);
}

const char *xref_image_kind(const char *d, size_t n)
{
	const unsigned char *u = (const unsigned char *)d;
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "png";
	if (n >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF)
		return "jpeg";
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
		return "gif";
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return "webp";
	size_t look = n < 1024 ? n : 1024;
	for (size_t i = 0; i + 4 <= look; i++)
		if (memcmp(d + i, "<svg", 4) == 0)
			return "svg";
	return NULL;
}

/* Heading ids: `{#id}` at the end of a heading sets it; otherwise the
 * text's slug, with -1, -2 … for repeats, as GitHub does. */
/* The id a heading asks for: one a Lua filter set, `{#id}` at the end
 * of its text (taken off the text), or the slug of its text. */
static void xref_wanted(struct doc *d, struct doc_node *n, enum slug_style style, struct buf *id)
{
	const char *explicit = n->u.heading.id ? n->u.heading.id : doc_heading_take_id(d, n);
	if (explicit) {
		buf_adds(id, explicit);
		return;
	}
	struct buf text = {0};
	doc_text(n, &text);
	slug_make(style, text.p ? text.p : "", text.n, id);
	buf_free(&text);
}

/* Makes id unique among seen (id → the next suffix to try for it):
 * a search of every id so far, per suffix tried, made 5,000 equal
 * headings cubic. */
static void xref_unique(struct strmap *seen, struct buf *id)
{
	size_t *next = strmap_get(seen, id->p);
	if (next == NULL)
		return;
	size_t base = id->n, k = *next ? *next : 1;
	for (;; k++) {
		id->n = base;	/* repeats get -1, -2 … as on GitHub */
		buf_addf(id, "-%zu", k);
		if (strmap_get(seen, id->p) == NULL)
			break;
	}
	id->p[base] = '\0';
	*strmap_get(seen, id->p) = k + 1;
	id->p[base] = '-';
}

/* An id another node carries (a div's {#id}, HTML's id=): an anchor as
 * it is written, which headings after it do not take. */
static void xref_other_id(const struct doc_node *n, struct strmap *seen, char ***anchors,
			  size_t *nanchors)
{
	const char *id = doc_node_id(n);
	if (id == NULL || id[0] == '\0')
		return;
	*strmap_put(seen, id) = 1;
	if (anchors && !doc_other_format(n, "html")) {
		*anchors = xrealloc(*anchors, (*nanchors + 1) * sizeof **anchors);
		(*anchors)[(*nanchors)++] = xstrdup(id);
	}
}

void xref_ids(struct doc *d, const char *page_anchor, enum slug_style style, char ***anchors,
	      size_t *nanchors)
{
	struct strmap seen = {0};
	if (page_anchor)
		*strmap_put(&seen, page_anchor) = 1;
	for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root)) {
		if (n->type != DOC_HEADING) {
			xref_other_id(n, &seen, anchors, nanchors);
			continue;
		}
		struct buf id = {0};
		xref_wanted(d, n, style, &id);
		xref_unique(&seen, &id);
		n->u.heading.id = arena_strdup(&d->arena, id.p);
		*strmap_put(&seen, n->u.heading.id) = 1;
		buf_free(&id);
		/* a heading only in the PDF is no anchor for the site */
		if (anchors && !doc_other_format(n, "html")) {
			*anchors = xrealloc(*anchors, (*nanchors + 1) * sizeof **anchors);
			(*anchors)[(*nanchors)++] = xstrdup(n->u.heading.id);
		}
	}
	strmap_free(&seen);
}

/* The title heading's id is the page's own anchor (on the site, the
 * template's <h1>; in a PDF, the chapter's start): `{#id}`, or the
 * slug its text had as a heading. */
void xref_headings(struct page *p, enum slug_style style)
{
	if (p->title_heading && p->anchor == NULL && p->title) {
		struct buf b = {0};
		slug_make(style, p->title, strlen(p->title), &b);
		p->anchor = buf_detach(&b);
	}
	if (p->anchor) {
		p->anchors = xrealloc(p->anchors, (p->nanchors + 1) * sizeof *p->anchors);
		p->anchors[p->nanchors++] = xstrdup(p->anchor);
	}
	xref_ids(p->doc, p->anchor, style, &p->anchors, &p->nanchors);
}

static int xref_has_anchor(const struct page *p, const char *id)
{
	for (size_t i = 0; i < p->nanchors; i++)
		if (strcmp(p->anchors[i], id) == 0)
			return 1;
	return 0;
}

/* Links with a scheme ("https:", "mailto:") and protocol-relative
 * ones ("//host/x") are left alone. */
static int xref_is_external(const char *url)
{
	return url_has_scheme(url) || (url[0] == '/' && url[1] == '/');
}

/* Files copied to the site as they are, by project-relative path
 * ("content/images/a.png", "static/images/a.png"); on the site each is
 * at its path without the first folder. */
static void xref_add_file(struct site *s, const char *path)
{
	for (size_t i = 0; i < s->nimages; i++)
		if (strcmp(s->images[i], path) == 0)
			return;
	s->images = xrealloc(s->images, (s->nimages + 1) * sizeof *s->images);
	s->images[s->nimages++] = xstrdup(path);
}

/* The page of source, or NULL; then *draft says it is a draft, or -1
 * that it failed to load (reported already: a link to it is no second
 * mistake). */
static struct page *xref_find(struct site *s, const char *source, int *draft)
{
	*draft = 0;
	struct page *p = site_find_page(s, source);
	if (p)
		return p;
	for (size_t i = 0; i < s->ndropped; i++)
		if (strcmp(s->dropped[i]->source, source) == 0)
			*draft = s->dropped[i]->failed ? -1 : s->dropped[i]->draft;
	return NULL;
}

/* A link as written, taken apart: the path it names, content-relative
 * and normalised (NULL when it leaves content/), whether it was
 * root-absolute (/guide/intro), and its fragment. */
struct xref_ref {
	char *path;
	char *norm;
	int root;
	char *frag;
};

static void xref_ref(const struct page *p, const char *url, struct xref_ref *r)
{
	size_t plen = strcspn(url, "?#");
	const char *hash = strchr(url, '#');
	r->path = url_unpercent(url, plen);
	r->frag = hash ? url_unpercent(hash + 1, strlen(hash + 1)) : NULL;
	r->root = r->path[0] == '/';
	if (r->root) {
		r->norm = fs_normalize(r->path + 1);
	} else {
		char *dir = fs_dirname(p->source);
		char *joined = fs_join(strcmp(dir, ".") ? dir : "", r->path);
		r->norm = fs_normalize(joined);
		free(dir);
		free(joined);
	}
}

static void xref_ref_free(struct xref_ref *r)
{
	free(r->path);
	free(r->norm);
	free(r->frag);
}

static void xref_set_href(struct doc *d, struct doc_node *n, const char *from_url,
			  const char *to_url, const char *frag)
{
	struct buf href = {0};
	if (to_url) {
		char *rel = xref_relative(from_url, to_url);
		buf_adds(&href, rel);
		free(rel);
	}
	if (frag) {
		buf_addc(&href, '#');
		buf_adds(&href, frag);
	}
	n->u.link.href = arena_strdup(&d->arena, href.p ? href.p : "");
	buf_free(&href);
}

/* A link to a page: its anchor checked, its href the page's URL
 * relative to this one (so file:// and sub-paths keep working). */
static void xref_page_link(struct page *p, struct doc *d, struct doc_node *n,
			   struct page *t, const char *frag)
{
	if (frag && !xref_has_anchor(t, frag)) {
		diag_error(p->file, (int)n->line, n->col, "link to a missing anchor: #%s in %s",
			   frag, t->file);
		return;
	}
	/* by URL: serve links a page loaded again before it replaces its old self */
	xref_set_href(d, n, p->url, strcmp(t->url, p->url) != 0 ? t->url : NULL, frag);
}

/* Where a root-absolute path (/images/a.png) is looked up, in order:
 * content/, then Hugo's static/, then VitePress's public/. */
static const char *const xref_roots[] = {"content", "static", "public", NULL};

char *xref_root_file(const char *dir, const char *norm, int root, struct stat *st, int *found)
{
	*found = 0;
	for (int i = 0; xref_roots[i] && (i == 0 || root); i++) {
		char *rel = xasprintf("%s/%s", xref_roots[i], norm);
		if (confine_stat(dir, rel, st) == 0) {
			*found = 1;
			return rel;
		}
		if (errno != ENOENT)
			return rel;	/* there, but not to be read: reported */
		free(rel);
	}
	errno = ENOENT;
	return xasprintf("content/%s", norm);
}

/* A file: copied to the site; a root-absolute one also gets an href
 * relative to the page. A missing image is an error, a missing file a
 * warning. */
static void xref_file_link(struct site *s, struct page *p, struct doc *d, struct doc_node *n,
			   const struct xref_ref *r)
{
	int image = n->type == DOC_IMAGE;
	struct stat st;
	int found;
	char *rel = xref_root_file(s->dir, r->norm, r->root, &st, &found);
	size_t len = 0;
	char *data = image && found ? confine_read(s->dir, rel, &len) : NULL;
	if (!found && errno == ENOENT && !image) {
		if (r->root)
			diag_warning(p->file, (int)n->line, n->col,
				     "link to a missing page or file: %s (no page, and no file in content/, static/ or public/)",
				     r->path);
		else
			diag_warning(p->file, (int)n->line, n->col,
				     "link to a missing page or file: %s (%s)", r->path, rel);
	} else if (!found && errno == ENOENT) {
		diag_error(p->file, (int)n->line, n->col, r->root
			   ? "missing image: %s (not in content/, static/ or public/)"
			   : "missing image: %s (%s: %s)", r->path, rel, strerror(errno));
	} else if (!found || (image && data == NULL) || (found && !S_ISREG(st.st_mode) &&
							    !S_ISDIR(st.st_mode))) {
		diag_error(p->file, (int)n->line, n->col, "%s %s not read: %s",
			   image ? "image" : "linked file", r->path,
			   confine_strerror(found && !S_ISREG(st.st_mode) ? ESPIPE : errno));
	} else if (image && xref_image_kind(data, len) == NULL) {
		diag_error(p->file, (int)n->line, n->col,
			   "not an image (PNG, JPEG, GIF, WebP or SVG): %s", rel);
	} else if (S_ISREG(st.st_mode)) {
		xref_add_file(s, rel);	/* copied to the site as it is */
		if (r->root)
			xref_set_href(d, n, p->url, strchr(rel, '/') + 1, r->frag);
	}
	free(data);
	free(rel);
}

static const struct section *xref_section_at(const struct site *s, const char *norm)
{
	size_t n = strlen(norm);
	while (n > 0 && norm[n - 1] == '/')
		n--;
	for (size_t i = 0; n && i < s->nsections; i++)
		if (strlen(s->sections[i].name) == n && memcmp(s->sections[i].name, norm, n) == 0)
			return &s->sections[i];
	return NULL;
}

/* Hugo's pretty URLs: docs/wifi.md is served at docs/wifi/, and its
 * authors write relative links from there (../router/ for docs/router.md). */
static struct page *xref_pretty(struct site *s, const struct page *p, const char *path)
{
	size_t n = strlen(p->source);
	if (p->is_index || n < 4)
		return NULL;
	char *joined = xasprintf("%.*s/%s", (int)(n - 3), p->source, path);
	char *norm = fs_normalize(joined);
	struct page *t = norm ? site_page_at(s, norm) : NULL;
	free(joined);
	free(norm);
	return t;
}

static int xref_ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Links as tebiki writes them (source paths: ../cases/x.md#経緯) and as
 * other tools do: root-absolute (/guide/intro, /guide/intro.md,
 * /guide/intro.html), without an extension (./setup), to .html names,
 * to a folder (guide/). Each that names a page is checked and becomes a
 * relative URL; a .md that names none is an error; anything else is a
 * file, and one found nowhere a warning. */
static void xref_link(struct site *s, struct page *p, struct doc *d, struct doc_node *n)
{
	const char *url = n->u.link.url;
	if (url[0] == '\0' || xref_is_external(url))
		return;
	struct xref_ref r;
	xref_ref(p, url, &r);
	int image = n->type == DOC_IMAGE;
	if (r.path[0] == '\0') {
		if (!image)
			xref_page_link(p, d, n, p, r.frag);	/* #anchor on this page */
	} else if (r.norm == NULL) {
		diag(image || xref_ends(r.path, ".md") ? DIAG_ERROR : DIAG_WARNING, p->file,
		     (int)n->line, n->col, "%s leaves the content folder: %s",
		     image ? "image" : "link", r.path);
	} else if (!image && xref_ends(r.norm, ".md")) {
		int draft;
		struct page *t = xref_find(s, r.norm, &draft);
		if (t)
			xref_page_link(p, d, n, t, r.frag);
		else if (draft >= 0)
			diag_error(p->file, (int)n->line, n->col, draft ? "link to a draft page: %s"
				   : "link to a missing page: %s (content/%s)", url, r.norm);
	} else {
		struct page *t = image ? NULL : site_page_at(s, r.norm);
		if (t == NULL && !image && !r.root)
			t = xref_pretty(s, p, r.path);
		const struct section *sec = image || t ? NULL : xref_section_at(s, r.norm);
		if (t)
			xref_page_link(p, d, n, t, r.frag);
		else if (sec)	/* a folder without a landing page: its list */
			xref_set_href(d, n, p->url, sec->url, r.frag);
		else
			xref_file_link(s, p, d, n, &r);
	}
	xref_ref_free(&r);
}

void xref_page(struct site *s, struct page *p)
{
	struct doc *d = p->doc;
	if (p->early) {	/* listed by build_early */
		for (size_t i = 0; i < p->nlinks; i++)
			xref_link(s, p, d, p->links[i]);
		return;
	}
	for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root))
		if (n->type == DOC_LINK || n->type == DOC_IMAGE)
			xref_link(s, p, d, n);
}

static void xref_headings_one(size_t i, int worker, void *ctx)
{
	(void)worker;
	struct site *s = ctx;
	if (!s->pages[i]->early)
		xref_headings(s->pages[i], s->slugs);
}

/* The headings of each page in parallel (each page's own tree); the
 * links after, in order: they add to the site's list of files. */
void xref_site(struct site *s)
{
	s->slugs = slug_style_of(s->config);
	pool_run(s->jobs, s->npages, xref_headings_one, s);
	for (size_t i = 0; i < s->npages; i++)
		xref_page(s, s->pages[i]);
}
