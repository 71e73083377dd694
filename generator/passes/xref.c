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
#include "../base/strmap.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"

static int xref_is_punct(uint32_t c)
{
	if (c == 0x3005 || c == 0x3006 || c == 0x3007 || c == 0x303B)
		return 0;	/* 々 〆 〇 〻 are letters */
	return (c >= 0x2000 && c <= 0x206F)	/* general punctuation */
	    || (c >= 0x3000 && c <= 0x303F)	/* CJK symbols and punctuation */
	    || c == 0x30FB			/* katakana middle dot */
	    || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20)
	    || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65)
	    || c == 0x00A0 || c == 0x00AB || c == 0x00BB;
}

void xref_slug(const char *text, size_t len, struct buf *out)
{
	size_t start = out->n;
	int dash = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = utf8_decode(text + i, len - i, &c);
		if (n == 0) {
			i++;
			continue;
		}
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
				if (dash && out->n > start)
					buf_addc(out, '-');
				dash = 0;
				buf_addc(out, (char)c);
			} else if (c >= 'A' && c <= 'Z') {
				if (dash && out->n > start)
					buf_addc(out, '-');
				dash = 0;
				buf_addc(out, (char)(c - 'A' + 'a'));
			} else if (c == ' ' || c == '-' || c == '\t' || c == '\n')
				dash = 1;
		} else if (c == 0x3000) {
			dash = 1;	/* ideographic space */
		} else if (!xref_is_punct(c)) {
			if (dash && out->n > start)
				buf_addc(out, '-');
			dash = 0;
			buf_add(out, text + i, n);
		}
		i += n;
	}
	if (out->n == start)
		buf_adds(out, "section");
}

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
static void xref_wanted(struct doc *d, struct doc_node *n, struct buf *id)
{
	const char *explicit = n->u.heading.id ? n->u.heading.id : doc_heading_take_id(d, n);
	if (explicit) {
		buf_adds(id, explicit);
		return;
	}
	struct buf text = {0};
	doc_text(n, &text);
	xref_slug(text.p ? text.p : "", text.n, id);
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

void xref_ids(struct doc *d, const char *page_anchor, char ***anchors, size_t *nanchors)
{
	struct strmap seen = {0};
	if (page_anchor)
		*strmap_put(&seen, page_anchor) = 1;
	for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root)) {
		if (n->type != DOC_HEADING)
			continue;
		struct buf id = {0};
		xref_wanted(d, n, &id);
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
void xref_headings(struct page *p)
{
	if (p->title_heading && p->anchor == NULL && p->title) {
		struct buf b = {0};
		xref_slug(p->title, strlen(p->title), &b);
		p->anchor = buf_detach(&b);
	}
	if (p->anchor) {
		p->anchors = xrealloc(p->anchors, (p->nanchors + 1) * sizeof *p->anchors);
		p->anchors[p->nanchors++] = xstrdup(p->anchor);
	}
	xref_ids(p->doc, p->anchor, &p->anchors, &p->nanchors);
}

static int xref_has_anchor(const struct page *p, const char *id)
{
	for (size_t i = 0; i < p->nanchors; i++)
		if (strcmp(p->anchors[i], id) == 0)
			return 1;
	return 0;
}

/* Links with a scheme, and site-absolute ones, are left alone. */
static int xref_is_external(const char *url)
{
	return url[0] == '/' || url_has_scheme(url);
}

static void xref_add_image(struct site *s, const char *path)
{
	for (size_t i = 0; i < s->nimages; i++)
		if (strcmp(s->images[i], path) == 0)
			return;
	s->images = xrealloc(s->images, (s->nimages + 1) * sizeof *s->images);
	s->images[s->nimages++] = xstrdup(path);
}

static struct page *xref_find(struct site *s, const char *source, int *draft)
{
	*draft = 0;
	struct page *p = site_find_page(s, source);
	if (p)
		return p;
	for (size_t i = 0; i < s->ndropped; i++)
		if (strcmp(s->dropped[i]->source, source) == 0)
			*draft = s->dropped[i]->draft;
	return NULL;
}

static void xref_md_link(struct site *s, struct page *p, struct doc *d,
			 struct doc_node *n, const char *path, const char *frag)
{
	struct page *t = p;
	if (path[0]) {
		char *dir = fs_dirname(p->source);
		char *joined = fs_join(strcmp(dir, ".") ? dir : "", path);
		char *norm = fs_normalize(joined);
		free(dir);
		free(joined);
		if (norm == NULL) {
			diag_error(p->file, (int)n->line, n->col, "link leaves the content folder: %s", path);
			return;
		}
		int draft;
		t = xref_find(s, norm, &draft);
		if (t == NULL) {
			diag_error(p->file, (int)n->line, n->col, draft ? "link to a draft page: %s"
				   : "link to a missing page: %s (content/%s)", n->u.link.url, norm);
			free(norm);
			return;
		}
		free(norm);
	}
	if (frag && !xref_has_anchor(t, frag)) {
		diag_error(p->file, (int)n->line, n->col, "link to a missing anchor: #%s in %s",
			   frag, t->file);
		return;
	}
	struct buf href = {0};
	if (t != p) {
		char *rel = xref_relative(p->url, t->url);
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

static void xref_file_link(struct site *s, struct page *p, struct doc_node *n, const char *path)
{
	int image = n->type == DOC_IMAGE;
	char *dir = fs_dirname(p->source);
	char *joined = fs_join(strcmp(dir, ".") ? dir : "", path);
	char *norm = fs_normalize(joined);
	free(dir);
	free(joined);
	if (norm == NULL) {
		diag(image ? DIAG_ERROR : DIAG_WARNING, p->file, (int)n->line, n->col,
		     "%s leaves the content folder: %s", image ? "image" : "link", path);
		return;
	}
	char *rel = xasprintf("content/%s", norm);
	size_t len = 0;
	struct stat st;
	int found = confine_stat(s->dir, rel, &st) == 0;
	char *data = image && found ? confine_read(s->dir, rel, &len) : NULL;
	if (!found && errno == ENOENT && !image) {
		diag_warning(p->file, (int)n->line, n->col, "link to a missing file: %s", path);
	} else if (!found && errno == ENOENT) {
		diag_error(p->file, (int)n->line, n->col, "missing image: %s (%s: %s)",
			   path, rel, strerror(errno));
	} else if (!found || (image && data == NULL) || (found && !S_ISREG(st.st_mode) &&
							    !S_ISDIR(st.st_mode))) {
		diag_error(p->file, (int)n->line, n->col, "%s %s not read: %s",
			   image ? "image" : "linked file", path,
			   confine_strerror(found && !S_ISREG(st.st_mode) ? ESPIPE : errno));
	} else if (image && xref_image_kind(data, len) == NULL) {
		diag_error(p->file, (int)n->line, n->col,
			   "not an image (PNG, JPEG, GIF, WebP or SVG): %s", rel);
	} else if (S_ISREG(st.st_mode)) {
		xref_add_image(s, norm);	/* copied to the site as it is */
	}
	free(data);
	free(rel);
	free(norm);
}

static void xref_link(struct site *s, struct page *p, struct doc *d, struct doc_node *n)
{
	const char *url = n->u.link.url;
	if (url[0] == '\0' || xref_is_external(url))
		return;
	size_t plen = strcspn(url, "?#");
	char *path = url_unpercent(url, plen);
	const char *hash = strchr(url, '#');
	char *frag = hash ? url_unpercent(hash + 1, strlen(hash + 1)) : NULL;
	size_t l = strlen(path);
	if (n->type == DOC_LINK && (path[0] == '\0' || (l > 3 && strcmp(path + l - 3, ".md") == 0)))
		xref_md_link(s, p, d, n, path, frag);
	else if (path[0])
		xref_file_link(s, p, n, path);
	free(path);
	free(frag);
}

void xref_site(struct site *s)
{
	for (size_t i = 0; i < s->npages; i++)
		xref_headings(s->pages[i]);
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		struct doc *d = p->doc;
		for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root))
			if (n->type == DOC_LINK || n->type == DOC_IMAGE)
				xref_link(s, p, d, n);
	}
}
