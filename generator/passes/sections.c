/* sections: see sections.h. The section array is made once, in its
 * final (depth-first) order, so the pointers between sections, pages
 * and templates' tables never move: the order is worked out first on
 * plain records, then the array is filled. */
#include "sections.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"
#include "../model/site.h"

/* A section while the tree is worked out. */
struct proto {
	char *name;
	struct page *index;
	int rank;		/* the first place in nav: of a page under it, 0 if none */
	int parent;		/* in the protos, -1 at the top */
	int final;		/* its place in s->sections */
};

struct sections {
	struct site *s;
	struct proto *v;	/* by name */
	size_t n;
	int next;		/* the next final place to give out */
};

static const char *sections_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* What orders pages and subsections among themselves: their place in
 * site.yaml's nav: (passes/nav), then order: (or weight:), then the
 * file or folder name, as Hugo does without weights (not the title:
 * renaming a page must not move it). */
struct sections_key {
	int rank;
	long order;
	const char *base;
	const char *path;
};

static struct sections_key sections_page_key(const struct page *p)
{
	return (struct sections_key){p->nav_rank ? p->nav_rank : INT_MAX,
				     p->has_order ? p->order : LONG_MAX,
				     sections_base(p->source), p->source};
}

static struct sections_key sections_proto_key(const struct proto *x)
{
	const struct page *ix = x->index;
	return (struct sections_key){x->rank ? x->rank : INT_MAX,
				     ix && ix->has_order ? ix->order : LONG_MAX,
				     sections_base(x->name), x->name};
}

static int sections_key_cmp(struct sections_key a, struct sections_key b)
{
	if (a.rank != b.rank)
		return a.rank < b.rank ? -1 : 1;
	if (a.order != b.order)
		return a.order < b.order ? -1 : 1;
	int c = strcmp(a.base, b.base);
	return c ? c : strcmp(a.path, b.path);
}

static int sections_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int sections_find(const struct sections *S, const char *name)
{
	size_t lo = 0, hi = S->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(S->v[mid].name, name);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Every folder that holds a page, and every folder above one. */
static void sections_names(struct sections *S)
{
	struct site *s = S->s;
	char **names = NULL;
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++) {
		const char *sec = s->pages[i]->section;
		for (size_t len = strlen(sec); len > 0;) {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrndup(sec, len);
			while (len > 0 && sec[len - 1] != '/')
				len--;
			if (len > 0)
				len--;	/* the slash */
		}
	}
	if (n)
		qsort(names, n, sizeof *names, sections_str_cmp);
	S->v = xcalloc(n + 1, sizeof *S->v);
	for (size_t i = 0; i < n; i++) {
		if (S->n && strcmp(S->v[S->n - 1].name, names[i]) == 0) {
			free(names[i]);
			continue;
		}
		S->v[S->n++] = (struct proto){names[i], NULL, 0, -1, -1};
	}
	free(names);
	for (size_t i = 0; i < S->n; i++) {
		const char *slash = strrchr(S->v[i].name, '/');
		if (slash) {
			char *up = xstrndup(S->v[i].name, (size_t)(slash - S->v[i].name));
			S->v[i].parent = sections_find(S, up);
			free(up);
		}
	}
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		int k = p->section[0] ? sections_find(S, p->section) : -1;
		if (k >= 0 && p->is_index)
			S->v[k].index = p;
		for (; k >= 0 && p->nav_rank; k = S->v[k].parent)
			if (S->v[k].rank == 0 || p->nav_rank < S->v[k].rank)
				S->v[k].rank = p->nav_rank;
	}
}

static struct sections *sections_sort_ctx;

static int sections_proto_cmp(const void *a, const void *b)
{
	const struct proto *v = sections_sort_ctx->v;
	return sections_key_cmp(sections_proto_key(&v[*(const int *)a]),
				sections_proto_key(&v[*(const int *)b]));
}

/* Gives the children of parent (-1: the top) their final places,
 * each followed by its own subtree. */
static void sections_place(struct sections *S, int parent)
{
	int *kids = xmalloc((S->n + 1) * sizeof *kids);
	size_t n = 0;
	for (size_t i = 0; i < S->n; i++)
		if (S->v[i].parent == parent)
			kids[n++] = (int)i;
	sections_sort_ctx = S;	/* organize runs on one thread */
	qsort(kids, n, sizeof *kids, sections_proto_cmp);
	for (size_t i = 0; i < n; i++) {
		S->v[kids[i]].final = S->next++;
		sections_place(S, kids[i]);
	}
	free(kids);
}

static void sections_fill(struct sections *S)
{
	struct site *s = S->s;
	s->nsections = S->n;
	s->sections = xcalloc(S->n + 1, sizeof *s->sections);
	for (size_t i = 0; i < S->n; i++) {
		const struct proto *x = &S->v[i];
		struct section *sec = &s->sections[x->final];
		if (x->index)
			x->index->sec = sec;
		sec->name = xstrdup(x->name);
		sec->url = xasprintf("%s/index.html", x->name);
		sec->index = x->index;
		sec->nav_rank = x->rank;
		sec->title = xstrdup(x->index ? x->index->title : sections_base(x->name));
		sec->parent = x->parent >= 0 ? &s->sections[S->v[x->parent].final] : NULL;
		for (const char *c = x->name; *c; c++)
			sec->depth += *c == '/';
	}
}

static struct sections_key sections_entry_key(const struct section_entry *e)
{
	if (e->page)
		return sections_page_key(e->page);
	struct proto x = {e->section->name, e->section->index, e->section->nav_rank, -1, -1};
	return sections_proto_key(&x);
}

static int sections_entry_cmp(const void *a, const void *b)
{
	return sections_key_cmp(sections_entry_key(a), sections_entry_key(b));
}

static void sections_add_entry(struct section *sec, struct section_entry e)
{
	sec->entries = xrealloc(sec->entries, (sec->nentries + 1) * sizeof *sec->entries);
	sec->entries[sec->nentries++] = e;
}

static int sections_page_cmp(const void *a, const void *b)
{
	return sections_key_cmp(sections_page_key(*(struct page *const *)a),
				sections_page_key(*(struct page *const *)b));
}

/* Pages and subsections into their sections, in order. */
static void sections_entries(struct sections *S)
{
	struct site *s = S->s;
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		if (p->section[0] == '\0') {
			if (p->is_index)
				s->home = p;
			else {
				s->root_pages = xrealloc(s->root_pages,
					(s->nroot_pages + 1) * sizeof *s->root_pages);
				s->root_pages[s->nroot_pages++] = p;
			}
		} else if (!p->is_index) {
			struct section *sec = &s->sections[S->v[sections_find(S, p->section)].final];
			p->sec = sec;
			sections_add_entry(sec, (struct section_entry){p, NULL});
		}
	}
	if (s->nroot_pages)
		qsort(s->root_pages, s->nroot_pages, sizeof *s->root_pages, sections_page_cmp);
	for (size_t i = 0; i < s->nsections; i++)
		if (s->sections[i].parent)
			sections_add_entry(s->sections[i].parent,
					   (struct section_entry){NULL, &s->sections[i]});
	for (size_t i = 0; i < s->nsections; i++) {
		struct section *sec = &s->sections[i];
		if (sec->nentries)
			qsort(sec->entries, sec->nentries, sizeof *sec->entries, sections_entry_cmp);
		sec->pages = xcalloc(sec->nentries + 1, sizeof *sec->pages);
		sec->children = xcalloc(sec->nentries + 1, sizeof *sec->children);
		for (size_t k = 0; k < sec->nentries; k++) {
			if (sec->entries[k].page)
				sec->pages[sec->npages++] = sec->entries[k].page;
			else
				sec->children[sec->nchildren++] = sec->entries[k].section;
		}
	}
}

static void sections_list(struct site *s, struct page *p)
{
	s->listed[s->nlisted++] = p;
}

static void sections_read(struct site *s, const struct section *sec)
{
	for (size_t k = 0; k < sec->nentries; k++) {
		if (sec->entries[k].page)
			sections_list(s, sec->entries[k].page);
		else
			sections_read(s, sec->entries[k].section);
	}
}

/* The reading order; previous and next within each top-level section. */
static void sections_listed(struct site *s)
{
	s->listed = xcalloc(s->npages + 1, sizeof *s->listed);
	for (size_t i = 0; i < s->nsections; i++) {
		if (s->sections[i].parent)
			continue;
		size_t from = s->nlisted;
		sections_read(s, &s->sections[i]);
		for (size_t k = from; k < s->nlisted; k++) {
			s->listed[k]->prev = k > from ? s->listed[k - 1] : NULL;
			s->listed[k]->next = k + 1 < s->nlisted ? s->listed[k + 1] : NULL;
		}
	}
	for (size_t i = 0; i < s->nroot_pages; i++)
		sections_list(s, s->root_pages[i]);
}

void sections_build(struct site *s)
{
	struct sections S = {.s = s};
	sections_names(&S);
	sections_place(&S, -1);
	sections_fill(&S);
	sections_entries(&S);
	sections_listed(s);
	for (size_t i = 0; i < S.n; i++)
		free(S.v[i].name);
	free(S.v);
}
