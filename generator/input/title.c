/* title: see title.h. Done once, right after parsing, so every later
 * stage (filters, tailoring, ids, the site, the PDFs, the search
 * index) sees the same title and a body without it. */
#include "title.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/xalloc.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"

/* An HTML block holding only comments and blanks. */
static int title_is_comment(const struct doc_node *n)
{
	if (n->type != DOC_HTMLBLOCK)
		return 0;
	const char *s = n->u.text.s, *end = s + n->u.text.len;
	while (s < end) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			s++;
			continue;
		}
		if ((size_t)(end - s) < 4 || memcmp(s, "<!--", 4) != 0)
			return 0;
		const char *close = memmem(s + 4, (size_t)(end - s - 4), "-->", 3);
		if (close == NULL)
			return 0;
		s = close + 3;
	}
	return 1;
}

static struct doc_node *title_first_block(const struct doc *d)
{
	struct doc_node *n = d->root->first;
	while (n && title_is_comment(n))
		n = n->next;
	return n;
}

static void title_set(struct page *p, const char *text, const struct doc_node *at)
{
	p->title = xstrdup(text);
	if (p->fm == NULL || meta_get(p->fm, "title"))
		return;
	struct meta *m = meta_new(META_STRING, p->file, (int)at->line, at->col);
	m->text = xstrdup(text);
	meta_set(p->fm, "title", m);
}

/* A title is plain text everywhere it is shown: a footnote on the
 * heading taken as the title has nowhere to go, and says so. */
static void title_drop_notes(const struct page *p, const struct doc_node *h)
{
	for (const struct doc_node *n = h->first; n; n = doc_walk_next((struct doc_node *)n, h))
		if (n->type == DOC_NOTE) {
			diag_warning(p->file, (int)n->line, n->col,
				     "a footnote on the heading taken as the title is left out: put it in the text");
			return;
		}
}

void title_take(struct page *p)
{
	if (p->doc == NULL)
		return;
	struct doc_node *h = title_first_block(p->doc);
	if (h && h->type == DOC_HEADING && h->u.heading.level == 1) {
		const char *id = doc_heading_take_id(p->doc, h);
		struct buf b = {0};
		doc_text(h, &b);
		const char *text = b.p ? b.p : "";
		if (text[0] && (p->title == NULL || strcmp(p->title, text) == 0)) {
			if (p->title == NULL)
				title_set(p, text, h);
			free(p->anchor);
			p->anchor = id ? xstrdup(id) : NULL;
			p->title_heading = 1;
			title_drop_notes(p, h);
			doc_unlink(h);
		} else if (id) {
			h->u.heading.id = id;	/* the id stays the heading's */
		}
		buf_free(&b);
		return;
	}
	if (p->title)
		return;
	for (struct doc_node *n = p->doc->root; n; n = doc_walk_next(n, p->doc->root)) {
		if (n->type != DOC_HEADING)
			continue;
		const char *id = doc_heading_take_id(p->doc, n);
		if (id)
			n->u.heading.id = id;
		struct buf b = {0};
		doc_text(n, &b);
		title_set(p, b.p ? b.p : "", n);
		buf_free(&b);
		return;
	}
}
