/* incr: serve's fast path. A Markdown page that changed is loaded
 * again and put through the per-page part of every pass, exactly as
 * build_model does for it. Other output pages show of a page only what
 * its signature holds (title, URL, front matter, anchors, order …: the
 * site tables of script/lua.c and the checks of passes/xref); when that
 * is unchanged, the new tree replaces the old one and only the page's
 * own output (and the search index, and PDFs that include it) can
 * differ. Anything else (a page added or removed, a new title, a chart
 * or table block, a heading a checklist shows renamed, a filter with
 * an on_site hook) is left to a whole rebuild. */
#include "incr.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../model/checklist.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "../input/load.h"
#include "../input/unsupported.h"
#include "../passes/blocks.h"
#include "../passes/organize.h"
#include "../passes/profile.h"
#include "../passes/xref.h"
#include "../script/filter.h"

static void incr_str(struct buf *b, const char *name, const char *s)
{
	buf_addf(b, "%s=%zu:%s\n", name, s ? strlen(s) : (size_t)-1, s ? s : "");
}

static void incr_meta(struct buf *b, const struct meta *m)
{
	if (m == NULL) {
		buf_adds(b, "~");
		return;
	}
	buf_addf(b, "(%d %d:%d ", (int)m->type, m->line, m->col);
	incr_str(b, "", m->text);
	if (m->type == META_LIST || m->type == META_MAP)
		for (size_t i = 0; i < m->u.c.n; i++) {
			if (m->type == META_MAP)
				incr_str(b, "k", m->u.c.keys[i]);
			incr_meta(b, m->u.c.items[i]);
		}
	buf_adds(b, ")");
}

/* Everything of a page that another output page, or a check made
 * across pages, can read. */
static void incr_signature(const struct page *p, struct buf *b)
{
	incr_str(b, "title", p->title);
	incr_str(b, "anchor", p->anchor);
	incr_str(b, "id", p->id);
	incr_str(b, "slug", p->slug);
	incr_str(b, "url", p->url);
	incr_str(b, "summary", p->summary);
	incr_str(b, "reviewed", p->reviewed);
	incr_str(b, "section", p->section);
	buf_addf(b, "%d %d %ld %d %d %d %d\n", p->title_heading, p->has_order, p->order,
		 (int)p->level, p->draft, p->failed, p->is_index);
	for (size_t i = 0; i < p->nanchors; i++)
		incr_str(b, "a", p->anchors[i]);
	incr_meta(b, p->fm);
}

/* Charts, tables and checklist blocks are read site-wide by
 * passes/blocks, keyed by file and line. */
static int incr_has_blocks(const struct doc *d)
{
	for (struct doc_node *n = d ? d->root : NULL; n; n = doc_walk_next(n, d->root))
		if (n->type == DOC_CODEBLOCK && blocks_kind(n->u.text.info) >= 0)
			return 1;
	return 0;
}

/* Self-diagnosis sheets show the text of the headings they link to
 * (passes/blocks): the new tree must have the same. */
static int incr_checklists_same(const struct site *s, const struct page *p,
				const struct doc *d)
{
	int same = 1;
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++) {
		const struct checklist *cl = &s->checklists->v[i];
		for (size_t k = 0; k < cl->nitems; k++)
			for (size_t l = 0; l < cl->items[k].nlessons; l++) {
				const struct checklist_lesson *cll = &cl->items[k].lessons[l];
				if (cll->page != p || cll->anchor == NULL)
					continue;
				struct buf b = {0};
				for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root))
					if (n->type == DOC_HEADING && n->u.heading.id &&
					    strcmp(n->u.heading.id, cll->anchor) == 0) {
						doc_text(n, &b);
						buf_addc(&b, '\0');
						break;
					}
				same &= (b.p == NULL) == (cll->heading == NULL) &&
					(b.p == NULL || strcmp(b.p, cll->heading) == 0);
				buf_free(&b);
			}
	}
	return same;
}

/* The per-page part of build_model, on a page not (yet) in the site. */
static int incr_passes(struct site *s, struct page *n, const struct page *old)
{
	int before = diag_errors();
	load_reread(n, s);	/* and keeps its tree for the next whole rebuild */
	if (n->failed || n->draft || n->doc == NULL || diag_errors() > before)
		return -1;
	if (old->pdf_doc)	/* build_keep_chapters */
		n->pdf_doc = doc_copy(n->doc, NULL, NULL);
	if (filter_page(s->filters, n) < 0)
		return -1;
	unsupported_report(n->doc);
	profile_check_page(&s->profiles, n);
	organize_page(n);
	xref_headings(n, s->slugs);
	size_t images = s->nimages;
	xref_page(s, n);
	if (s->nimages != images) {	/* a file the site must copy now */
		while (s->nimages > images)
			free(s->images[--s->nimages]);
		return -1;
	}
	return diag_errors() > before ? -1 : 0;
}

/* The new page's tree, front matter and file name (which the trees
 * and values borrow) go to the old page, which keeps its place in
 * sections, lists and publications; the new one takes the old ones
 * with it. */
static void incr_swap(struct page *old, struct page *n)
{
#define INCR_SWAP(f) do { __typeof__(old->f) t_ = old->f; old->f = n->f; n->f = t_; } while (0)
	INCR_SWAP(doc);
	INCR_SWAP(pdf_doc);
	INCR_SWAP(fm);
	INCR_SWAP(file);
	/* what build_early found in the old tree goes with it */
	INCR_SWAP(early);
	INCR_SWAP(nblocks);
	INCR_SWAP(ndivs);
	INCR_SWAP(links);
	INCR_SWAP(nlinks);
#undef INCR_SWAP
}

struct page *incr_page(struct site *s, const char *source)
{
	struct page *old = site_find_page(s, source);
	if (old == NULL || old->doc == NULL || incr_has_blocks(old->doc))
		return NULL;
	struct page *n = load_page_new(source);
	int ok = incr_passes(s, n, old) == 0 && !incr_has_blocks(n->doc) &&
		 incr_checklists_same(s, old, n->doc);
	if (ok) {
		struct buf a = {0}, b = {0};
		incr_signature(old, &a);
		incr_signature(n, &b);
		ok = a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
		buf_free(&a);
		buf_free(&b);
	}
	if (ok)
		incr_swap(old, n);
	site_page_free(n);
	return ok ? old : NULL;
}

int incr_in_publication(const struct site *s, const struct page *p)
{
	for (size_t i = 0; i < s->npubs; i++)
		for (size_t k = 0; k < s->pubs[i].nchapters; k++)
			if (s->pubs[i].chapters[k] == p)
				return 1;
	return 0;
}
