/* organize: everything about the site's shape that needs all pages
 * loaded but none rendered. */
#include "organize.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/strmap.h"
#include "../base/xalloc.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "profile.h"
#include "nav.h"
#include "sections.h"

/* input/title took the title from a heading where there is one. */
static void organize_title(struct page *p);
static void organize_url(struct page *p);

void organize_page(struct page *p)
{
	organize_title(p);
	organize_url(p);
}

static void organize_title(struct page *p)
{
	if (p->title || p->doc == NULL)
		return;
	if (!p->is_index)
		diag_warning(p->file, 1, 1, "page has no title: add 'title:' to the front matter or a heading");
	const char *base = strrchr(p->source, '/');
	base = base ? base + 1 : p->source;
	p->title = xstrndup(base, strlen(base) - 3);
}

static void organize_url(struct page *p)
{
	const char *slash = strrchr(p->source, '/');
	size_t dirlen = slash ? (size_t)(slash - p->source) + 1 : 0;
	if (p->is_index) {
		p->slug = xstrdup("index");
	} else if (p->id) {
		p->slug = xstrdup(p->id);
	} else {
		const char *base = p->source + dirlen;
		p->slug = xstrndup(base, strlen(base) - 3);
	}
	p->url = xasprintf("%.*s%s.html", (int)dirlen, p->source, p->slug);
}

static int organize_url_cmp(const void *a, const void *b)
{
	const struct page *x = *(struct page *const *)a, *y = *(struct page *const *)b;
	return strcmp(x->url, y->url);
}

/* Two pages may not write the same file. */
static void organize_check_urls(struct site *s)
{
	struct page **v = xmalloc((s->npages + 1) * sizeof *v);
	memcpy(v, s->pages, s->npages * sizeof *v);
	qsort(v, s->npages, sizeof *v, organize_url_cmp);
	for (size_t i = 1; i < s->npages; i++)
		if (strcmp(v[i - 1]->url, v[i]->url) == 0)
			diag_error(v[i]->file, 1, 1, "this page and %s would both be written to %s",
				   v[i - 1]->file, v[i]->url);
	free(v);
}

/* A term's file name: the term itself, minus what a path cannot hold. */
static char *organize_term_slug(const char *name)
{
	struct buf b = {0};
	for (const char *c = name; *c; c++) {
		unsigned char u = (unsigned char)*c;
		if (u >= 'A' && u <= 'Z')
			buf_addc(&b, (char)(u - 'A' + 'a'));
		else if (u == ' ' || u == '/' || u == '\\' || u == '?' || u == '#' ||
			 u == '%' || u == '"' || u == '<' || u == '>' || u < 0x20 ||
			 (u == '.' && b.n == 0))
			buf_addc(&b, '-');
		else
			buf_addc(&b, (char)u);
	}
	if (b.n == 0)
		buf_adds(&b, "-");
	return buf_detach(&b);
}

/* The term called name, made if new. index (name → position + 1,
 * keyed by the terms' own names) finds it: one page with 200,000 tags
 * made a search of every term for each quadratic. */
static struct term *organize_term(struct taxonomy *t, struct strmap *index, const char *name)
{
	size_t *at = strmap_get(index, name);
	if (at)
		return &t->terms[*at - 1];
	if ((t->nterms & (t->nterms - 1)) == 0)	/* 0, 1, 2, 4 …: room doubles */
		t->terms = xrealloc(t->terms, (t->nterms ? t->nterms * 2 : 1) * sizeof *t->terms);
	struct term *term = &t->terms[t->nterms++];
	memset(term, 0, sizeof *term);
	term->name = xstrdup(name);
	term->title = xstrdup(name);
	char *slug = organize_term_slug(name);
	term->url = xasprintf("%s/%s.html", t->name, slug);
	free(slug);
	*strmap_put(index, term->name) = t->nterms;
	return term;
}

static void organize_term_add(struct term *term, struct page *p)
{
	if (term->npages && term->pages[term->npages - 1] == p)
		return;		/* listed twice on one page */
	term->pages = xrealloc(term->pages, (term->npages + 1) * sizeof *term->pages);
	term->pages[term->npages++] = p;
}

static int organize_term_cmp(const void *a, const void *b)
{
	return strcmp(((const struct term *)a)->name, ((const struct term *)b)->name);
}

/* Every page but the landing pages, in site order. */
#define ORGANIZE_EACH_PAGE(s, p) \
	for (size_t i_ = 0; i_ < (s)->nlisted && ((p) = (s)->listed[i_], 1); i_++)

/* Terms are what the pages name. */
static void organize_named(struct site *s, struct taxonomy *tax)
{
	struct strmap index = {0};
	struct page *p;
	ORGANIZE_EACH_PAGE(s, p) {
		struct meta *v = meta_get(p->fm, tax->key);
		if (v == NULL || v->type != META_LIST)
			continue;
		for (size_t k = 0; k < v->u.c.n; k++) {
			const char *name = meta_str(v->u.c.items[k]);
			if (name)
				organize_term_add(organize_term(tax, &index, name), p);
		}
	}
	strmap_free(&index);
	if (tax->nterms)
		qsort(tax->terms, tax->nterms, sizeof *tax->terms, organize_term_cmp);
}

/* Terms are the declared values, in declared order, each listing the
 * pages that apply to it. */
static void organize_axis(struct site *s, struct taxonomy *tax, int axis)
{
	const struct profile_axis *ax = &s->profiles.axis[axis];
	struct strmap index = {0};
	for (size_t i = 0; i < ax->n; i++) {
		struct term *term = organize_term(tax, &index, ax->v[i].id);
		free(term->title);
		term->title = xstrdup(ax->v[i].label);
		term->description = ax->v[i].description;
		struct variant v = {0};
		v.value[axis] = &ax->v[i];
		struct page *p;
		ORGANIZE_EACH_PAGE(s, p)
			if (profile_page_applies(p, &v))
				organize_term_add(term, p);
	}
	strmap_free(&index);
}

static void organize_cells(struct site *s, struct taxonomy *tax)
{
	const struct profile_axis *sz = &s->profiles.axis[AXIS_SIZE];
	const struct profile_axis *in = &s->profiles.axis[AXIS_INDUSTRY];
	struct strmap index = {0};
	for (size_t i = 0; i < in->n; i++) {
		for (size_t j = 0; j < sz->n; j++) {
			char *name = xasprintf("%s-%s", in->v[i].id, sz->v[j].id);
			struct term *term = organize_term(tax, &index, name);
			free(name);
			free(term->title);
			term->title = xasprintf("%s（%s）", in->v[i].label, sz->v[j].label);
			term->industry = &in->v[i];
			term->size = &sz->v[j];
			struct variant v = {{[AXIS_SIZE] = &sz->v[j], [AXIS_INDUSTRY] = &in->v[i]}, NULL, 0};
			struct page *p;
			ORGANIZE_EACH_PAGE(s, p)
				if (profile_page_applies(p, &v))
					organize_term_add(term, p);
		}
	}
	strmap_free(&index);
}

static void organize_taxonomies(struct site *s)
{
	static const char *names[TAX__COUNT][3] = {
		[TAX_TAGS] = {"tags", "tags", "タグ"},
		[TAX_SIZES] = {"sizes", "sizes", "企業規模"},
		[TAX_INDUSTRIES] = {"industries", "industries", "業種"},
		[TAX_PROFILES] = {"profiles", "", "業種・規模別"},
	};
	for (int t = 0; t < TAX__COUNT; t++) {
		struct taxonomy *tax = &s->tax[t];
		tax->name = names[t][0];
		tax->key = names[t][1];
		tax->title = names[t][2];
		if (t == TAX_TAGS || !s->profiles.present) {
			if (t != TAX_PROFILES)
				organize_named(s, tax);
		} else if (t == TAX_PROFILES)
			organize_cells(s, tax);
		else
			organize_axis(s, tax, t == TAX_SIZES ? AXIS_SIZE : AXIS_INDUSTRY);
	}
}

/* Drafts and pages that failed to load leave the site here. */
static void organize_drop(struct site *s)
{
	size_t k = 0;
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		if (p->draft || p->failed || p->doc == NULL) {
			s->dropped = xrealloc(s->dropped, (s->ndropped + 1) * sizeof *s->dropped);
			s->dropped[s->ndropped++] = p;
		} else
			s->pages[k++] = p;
	}
	s->npages = k;
}

void organize_site(struct site *s)
{
	organize_drop(s);
	for (size_t i = 0; i < s->npages; i++)
		organize_page(s->pages[i]);
	site_index(s);
	organize_check_urls(s);
	nav_load(s);
	sections_build(s);
	nav_finish(s);
	organize_taxonomies(s);
}
