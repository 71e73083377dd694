/* tags: one pass over the pages in drawing order; each element is put
 * into its parent (and that into its own, up to the root) the first
 * time content of it is drawn. */
#include "tags.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/xalloc.h"
#include "draw.h"

static const char *const tags_names[ROLE__COUNT] = {
	[ROLE_ARTIFACT] = "Artifact", [ROLE_HEADER] = "Artifact", [ROLE_FOOTER] = "Artifact",
	[ROLE_DOCUMENT] = "Document", [ROLE_PART] = "Part", [ROLE_SECT] = "Sect",
	[ROLE_DIV] = "Div", [ROLE_H1] = "H1", [ROLE_H2] = "H2", [ROLE_H3] = "H3",
	[ROLE_H4] = "H4", [ROLE_H5] = "H5", [ROLE_H6] = "H6", [ROLE_P] = "P",
	[ROLE_L] = "L", [ROLE_LI] = "LI", [ROLE_LBL] = "Lbl", [ROLE_LBODY] = "LBody",
	[ROLE_TABLE] = "Table", [ROLE_TR] = "TR", [ROLE_TH] = "TH", [ROLE_TD] = "TD",
	[ROLE_FIGURE] = "Figure", [ROLE_CAPTION] = "Caption", [ROLE_CODE] = "Code",
	[ROLE_BLOCKQUOTE] = "BlockQuote", [ROLE_QUOTE] = "Quote", [ROLE_NOTE] = "Note",
	[ROLE_ASIDE] = "Aside", [ROLE_LINK] = "Link", [ROLE_REFERENCE] = "Reference",
	[ROLE_TOC] = "TOC", [ROLE_TOCI] = "TOCI", [ROLE_FORM] = "Form", [ROLE_SPAN] = "Span",
	[ROLE_RUBY] = "Ruby", [ROLE_RB] = "RB", [ROLE_RT] = "RT", [ROLE_RP] = "RP",
};

const char *tags_role_name(int role)
{
	return role >= 0 && role < ROLE__COUNT && tags_names[role] ? tags_names[role] : "Span";
}

int tags_artifact(int role)
{
	return role == ROLE_ARTIFACT || role == ROLE_HEADER || role == ROLE_FOOTER;
}

struct tags_build {
	const struct draw_doc *d;
	struct tags *t;
	size_t *cap;		/* of each element's kids */
	uint8_t *placed;
};

static void tags_add_kid(struct tags_build *b, int elem, struct tags_kid k)
{
	struct tags *t = b->t;
	if (t->nkids[elem] == b->cap[elem]) {
		b->cap[elem] = b->cap[elem] ? b->cap[elem] * 2 : 4;
		t->kids[elem] = xrealloc(t->kids[elem], b->cap[elem] * sizeof **t->kids);
	}
	t->kids[elem][t->nkids[elem]++] = k;
}

/* Puts elem into its parent (placing the parent first). */
static void tags_place(struct tags_build *b, int elem)
{
	if (elem < 0 || b->placed[elem])
		return;
	b->placed[elem] = 1;
	int parent = b->d->elems[elem].parent;
	if (parent < 0) {
		if (b->t->root < 0)
			b->t->root = elem;
		return;
	}
	tags_place(b, parent);
	tags_add_kid(b, parent, (struct tags_kid){TAGS_ELEM, elem, 0});
}

static int tags_valid(const struct draw_doc *d, int tag)
{
	return tag >= 0 && (size_t)tag < d->nelems;
}

/* Operations that draw nothing (link areas, the layout dump's line
 * notes) belong to no marked-content sequence. */
static int tags_drawn(const struct draw_op *op)
{
	return op->kind != DRAW_LINK && op->kind != DRAW_BREAK;
}

/* The marked-content sequences of page p. */
static void tags_page(struct tags_build *b, int p, size_t *capmc)
{
	const struct draw_doc *d = b->d;
	struct tags *t = b->t;
	const struct draw_list *l = &d->pages[p];
	int mcid = 0;
	for (size_t i = 0; i < l->n;) {
		if (!tags_drawn(&l->ops[i])) {
			i++;
			continue;
		}
		int tag = tags_valid(d, l->ops[i].tag) ? l->ops[i].tag : DRAW_ELEM_ARTIFACT;
		size_t j = i + 1;
		while (j < l->n && (!tags_drawn(&l->ops[j]) ||
				    (tags_valid(d, l->ops[j].tag) ? l->ops[j].tag : 0) == tag))
			j++;
		while (j > i + 1 && !tags_drawn(&l->ops[j - 1]))
			j--;
		if (t->nmc == *capmc) {
			*capmc = *capmc ? *capmc * 2 : 64;
			t->mc = xrealloc(t->mc, *capmc * sizeof *t->mc);
		}
		int art = tags_artifact(d->elems[tag].role);
		t->mc[t->nmc] = (struct tags_mc){p, (uint32_t)i, (uint32_t)j, tag, art ? -1 : mcid++};
		if (!art) {
			tags_place(b, tag);
			tags_add_kid(b, tag, (struct tags_kid){TAGS_MC, (int)t->nmc, 0});
		}
		t->nmc++;
		i = j;
	}
}

/* An element with no content goes after the sibling made before it. */
static void tags_place_empty(struct tags_build *b, int elem)
{
	const struct draw_doc *d = b->d;
	struct tags *t = b->t;
	int parent = d->elems[elem].parent;
	b->placed[elem] = 1;
	if (parent < 0)
		return;
	if (!b->placed[parent])
		tags_place_empty(b, parent);
	tags_add_kid(b, parent, (struct tags_kid){TAGS_ELEM, elem, 0});
	struct tags_kid *k = t->kids[parent];
	size_t n = t->nkids[parent], at = 0;
	for (size_t i = 0; i + 1 < n; i++)
		if (k[i].kind == TAGS_ELEM && k[i].a < elem)
			at = i + 1;
	memmove(k + at + 1, k + at, (n - 1 - at) * sizeof *k);
	k[at] = (struct tags_kid){TAGS_ELEM, elem, 0};
}

void tags_build(const struct draw_doc *d, struct tags *t)
{
	memset(t, 0, sizeof *t);
	t->root = -1;
	t->nelems = d->nelems;
	size_t ne = d->nelems ? d->nelems : 1;
	t->kids = xcalloc(ne, sizeof *t->kids);
	t->nkids = xcalloc(ne, sizeof *t->nkids);
	t->page_mc = xcalloc(d->npages + 1, sizeof *t->page_mc);
	struct tags_build b = {d, t, xcalloc(ne, sizeof(size_t)), xcalloc(ne, 1)};
	for (size_t e = 0; e < d->nelems && e < 3; e++)
		b.placed[e] = 1;	/* the artifacts are not in the tree */
	size_t capmc = 0;
	if (d->nelems)
		for (size_t p = 0; p < d->npages; p++) {
			t->page_mc[p] = t->nmc;
			tags_page(&b, (int)p, &capmc);
		}
	t->page_mc[d->npages] = t->nmc;
	/* annotations after the text of their element */
	for (size_t p = 0; p < d->npages && d->nelems; p++)
		for (size_t i = 0; i < d->pages[p].n; i++) {
			const struct draw_op *op = &d->pages[p].ops[i];
			if (op->kind != DRAW_LINK || !tags_valid(d, op->tag) ||
			    tags_artifact(d->elems[op->tag].role))
				continue;
			tags_place(&b, op->tag);
			tags_add_kid(&b, op->tag, (struct tags_kid){TAGS_LINK, (int)p, (int)i});
		}
	for (size_t f = 0; f < d->nfields; f++) {
		int tag = d->fields[f].tag;
		if (!tags_valid(d, tag) || tags_artifact(d->elems[tag].role))
			continue;
		tags_place(&b, tag);
		tags_add_kid(&b, tag, (struct tags_kid){TAGS_FIELD, (int)f, 0});
	}
	for (size_t e = 3; e < d->nelems; e++)
		if (!b.placed[e])
			tags_place_empty(&b, (int)e);
	if (t->root < 0 && d->nelems > 3)
		t->root = 3;
	free(b.cap);
	free(b.placed);
}

void tags_free(struct tags *t)
{
	for (size_t e = 0; t->kids && e < t->nelems; e++)
		free(t->kids[e]);
	free(t->kids);
	free(t->nkids);
	free(t->mc);
	free(t->page_mc);
	memset(t, 0, sizeof *t);
}

/* What a marked-content sequence shows: its text, or what it draws. */
static void tags_dump_mc(const struct draw_doc *d, const struct tags_mc *m, struct buf *b)
{
	const struct draw_list *l = &d->pages[m->page];
	int text = 0, other = 0;
	buf_addf(b, "p%d \"", m->page + 1);
	for (uint32_t i = m->op0; i < m->op1; i++) {
		const struct draw_op *op = &l->ops[i];
		if (op->kind == DRAW_TEXT) {
			buf_add(b, op->s, op->len);
			text = 1;
		} else if (op->kind == DRAW_IMAGE) {
			buf_adds(b, "[image]");
		} else if (tags_drawn(op)) {
			other++;
		}
	}
	buf_addc(b, '"');
	if (other)
		buf_addf(b, " +%d path%s", other, other == 1 ? "" : "s");
	(void)text;
}

static void tags_dump_elem(const struct draw_doc *d, const struct tags *t, int e, int depth,
			   struct buf *b)
{
	const struct draw_elem *el = &d->elems[e];
	buf_addf(b, "%*s%s", 2 * depth, "", tags_role_name(el->role));
	if (el->role == ROLE_TH && el->scope)
		buf_adds(b, el->scope == DRAW_SCOPE_ROW ? " scope=row"
			    : el->scope == DRAW_SCOPE_COLUMN ? " scope=column" : " scope=both");
	if (el->lang)
		buf_addf(b, " lang=%s", el->lang);
	if (el->alt)
		buf_addf(b, " alt=\"%s\"", el->alt);
	if (el->actual)
		buf_addf(b, " actual=\"%s\"", el->actual);
	buf_addc(b, '\n');
	for (size_t k = 0; k < t->nkids[e]; k++) {
		const struct tags_kid *kid = &t->kids[e][k];
		if (kid->kind == TAGS_ELEM) {
			tags_dump_elem(d, t, kid->a, depth + 1, b);
			continue;
		}
		buf_addf(b, "%*s", 2 * depth + 2, "");
		if (kid->kind == TAGS_MC)
			tags_dump_mc(d, &t->mc[kid->a], b);
		else if (kid->kind == TAGS_LINK)
			buf_addf(b, "[link p%d]", kid->a + 1);
		else
			buf_addf(b, "[field %s]", d->fields[kid->a].name);
		buf_addc(b, '\n');
	}
}

void tags_dump(const struct draw_doc *d, const struct tags *t, struct buf *b)
{
	if (t->root < 0)
		return;
	buf_adds(b, "structure\n");
	tags_dump_elem(d, t, t->root, 1, b);
	size_t art = 0;
	for (size_t i = 0; i < t->nmc; i++)
		art += t->mc[i].mcid < 0;
	buf_addf(b, "artifacts %zu\n", art);
}
