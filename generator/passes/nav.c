/* nav: see nav.h. An entry of nav: is written as MkDocs writes it:
 *
 *   nav:
 *     - index.md                    a page, titled by itself
 *     - はじめに: guide/intro.md     a page with the title the menu shows
 *     - 手引き:                      a group (a list with a title)
 *         - guide/setup.md
 *     - 外部の資料: https://…        a link out
 *
 * Paths are content-relative and written as links are (guide/intro,
 * guide/intro.html, guide/ for a folder's landing page). A group whose
 * pages share a folder (deeper than its parent group's) names that
 * folder's section: its title is the section's title. */
#include "nav.h"

#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/url.h"
#include "../base/xalloc.h"
#include "../model/meta.h"
#include "../model/site.h"

enum { NAV_MAXDEPTH = 16 };

struct nav_ctx {
	struct site *s;
	int rank;
};

static struct page *nav_page(struct nav_ctx *C, const struct meta *v, const char *path)
{
	while (*path == '/')
		path++;
	char *norm = fs_normalize(path);
	struct page *p = norm ? site_page_at(C->s, norm) : NULL;
	int draft = 0;
	for (size_t i = 0; norm && !p && i < C->s->ndropped; i++)
		if (strcmp(C->s->dropped[i]->source, norm) == 0)
			draft = C->s->dropped[i]->failed ? -1 : C->s->dropped[i]->draft;
	if (norm == NULL)
		meta_error(v, "nav: %s leaves the content folder", path);
	else if (p == NULL && draft >= 0)	/* one that failed to load is reported */
		meta_error(v, draft ? "nav: %s is a draft" : "nav: no page %s in content/ (paths in nav: are written from content/, e.g. guide/intro.md)", path);
	free(norm);
	return p;
}

static void nav_item(struct nav_ctx *C, const struct meta *v, struct nav_item *out, int depth);

static void nav_list(struct nav_ctx *C, const struct meta *v, struct nav_item **items,
		     size_t *n, int depth)
{
	if (depth > NAV_MAXDEPTH) {
		meta_error(v, "nav: nested more than %d deep", NAV_MAXDEPTH);
		return;
	}
	*items = xcalloc(v->u.c.n + 1, sizeof **items);
	for (size_t i = 0; i < v->u.c.n; i++)
		nav_item(C, v->u.c.items[i], &(*items)[(*n)++], depth);
}

static void nav_item(struct nav_ctx *C, const struct meta *v, struct nav_item *out, int depth)
{
	const struct meta *target = v;
	if (v->type == META_MAP) {
		if (v->u.c.n != 1) {
			meta_error(v, "a nav: entry is a page (guide/intro.md), a titled page (はじめに: guide/intro.md) or a titled list, not a mapping of %zu keys",
				   v->u.c.n);
			return;
		}
		out->title = xstrdup(v->u.c.keys[0]);
		target = v->u.c.items[0];
	}
	if (target->type == META_LIST) {
		if (out->title == NULL)
			meta_error(target, "a list in nav: needs a title: 手引き: [guide/a.md, guide/b.md]");
		nav_list(C, target, &out->items, &out->nitems, depth + 1);
		return;
	}
	const char *path = target->type == META_MAP || target->type == META_NULL ? NULL : meta_str(target);
	if (path == NULL || path[0] == '\0') {
		meta_error(target, "a nav: entry must name a page (guide/intro.md), not %s",
			   meta_type_name(target->type));
		return;
	}
	if (url_has_scheme(path)) {
		out->url = xstrdup(path);
		out->href = xstrdup(path);
		if (out->title == NULL)
			out->title = xstrdup(path);
		return;
	}
	out->page = nav_page(C, target, path);
	if (out->page == NULL)
		return;
	if (out->page->nav_rank == 0)
		out->page->nav_rank = ++C->rank;
	if (out->title == NULL)
		out->title = xstrdup(out->page->title);
}

void nav_load(struct site *s)
{
	const struct meta *nav = meta_get(s->config, "nav");
	if (nav == NULL || nav->type == META_NULL)
		return;
	if (nav->type != META_LIST) {
		meta_error(nav, "'nav' must be a list of pages and titled lists, as in MkDocs");
		return;
	}
	struct nav_ctx C = {s, 0};
	s->nav_given = 1;
	nav_list(&C, nav, &s->nav, &s->nnav, 0);
}

/* --- after the sections ---------------------------------------------------- */

/* The tree made from the sections, when nav: gives none. */
static void nav_from_section(struct nav_item *it, struct section *sec)
{
	it->title = xstrdup(sec->title);
	it->section = sec;
	it->items = xcalloc(sec->nentries + 1, sizeof *it->items);
	for (size_t k = 0; k < sec->nentries; k++) {
		struct nav_item *c = &it->items[it->nitems++];
		if (sec->entries[k].page) {
			c->page = sec->entries[k].page;
			c->title = xstrdup(c->page->title);
		} else {
			nav_from_section(c, sec->entries[k].section);
		}
	}
}

static void nav_from_sections(struct site *s)
{
	s->nav = xcalloc(s->nsections + s->nroot_pages + 1, sizeof *s->nav);
	for (size_t i = 0; i < s->nsections; i++)
		if (s->sections[i].parent == NULL)
			nav_from_section(&s->nav[s->nnav++], &s->sections[i]);
	for (size_t i = 0; i < s->nroot_pages; i++) {
		struct nav_item *it = &s->nav[s->nnav++];
		it->page = s->root_pages[i];
		it->title = xstrdup(it->page->title);
	}
}

/* The deepest folder holding every page of the group (malloc'd), or NULL. */
static char *nav_common(const struct nav_item *it, char *common)
{
	for (size_t i = 0; i < it->nitems; i++) {
		const struct nav_item *c = &it->items[i];
		if (c->items) {
			common = nav_common(c, common);
			continue;
		}
		if (c->page == NULL)
			continue;
		const char *f = c->page->section;
		if (common == NULL) {
			common = xstrdup(f);
			continue;
		}
		size_t n = 0, cut = 0;
		while (common[n] && common[n] == f[n])
			n++;
		if (common[n] == '\0' && (f[n] == '\0' || f[n] == '/'))
			cut = n;	/* common is f or above it */
		else
			for (cut = n; cut > 0 && common[cut] != '/'; cut--)
				;
		common[cut] = '\0';
	}
	return common;
}

static struct section *nav_section_named(struct site *s, const char *name)
{
	for (size_t i = 0; i < s->nsections; i++)
		if (strcmp(s->sections[i].name, name) == 0)
			return &s->sections[i];
	return NULL;
}

/* Groups that are a folder's: the section takes the group's title
 * (the first group that is a folder's, if two are). */
static void nav_match(struct site *s, struct nav_item *items, size_t n, const char *above,
		      char *taken)
{
	for (size_t i = 0; i < n; i++) {
		struct nav_item *it = &items[i];
		if (it->items == NULL)
			continue;
		char *common = nav_common(it, NULL);
		struct section *sec = common && common[0] && strcmp(common, above)
			? nav_section_named(s, common) : NULL;
		if (sec && taken[sec - s->sections])
			sec = NULL;
		if (sec) {
			taken[sec - s->sections] = 1;
			free(sec->title);
			sec->title = xstrdup(it->title ? it->title : sec->name);
		}
		it->section = sec;
		nav_match(s, it->items, it->nitems, common ? common : above, taken);
		free(common);
	}
}

/* Where each item leads: its page, its section's page, else the first
 * page under it. */
static const char *nav_hrefs(struct nav_item *items, size_t n)
{
	const char *first = NULL;
	for (size_t i = 0; i < n; i++) {
		struct nav_item *it = &items[i];
		const char *under = nav_hrefs(it->items, it->nitems);
		if (it->href == NULL)
			it->href = xstrdup(it->page ? it->page->url : it->section ? it->section->url
					   : under ? under : "index.html");
		if (first == NULL && it->url == NULL)
			first = it->href;
	}
	return first;
}

/* Previous and next along nav:, as MkDocs: across the whole tree, for
 * the pages it lists, each at its first place (where its rank was
 * given, in the same order). */
static void nav_chain(struct nav_item *items, size_t n, struct page **last, int *rank)
{
	for (size_t i = 0; i < n; i++) {
		struct page *p = items[i].page;
		if (p && p->nav_rank == *rank + 1) {
			++*rank;
			if (*last) {
				(*last)->next = p;
				p->prev = *last;
			}
			*last = p;
		}
		nav_chain(items[i].items, items[i].nitems, last, rank);
	}
}

void nav_finish(struct site *s)
{
	if (!s->nav_given) {
		nav_from_sections(s);
		nav_hrefs(s->nav, s->nnav);
		return;
	}
	char *taken = xcalloc(s->nsections + 1, 1);
	nav_match(s, s->nav, s->nnav, "", taken);
	free(taken);
	nav_hrefs(s->nav, s->nnav);
	for (size_t i = 0; i < s->npages; i++)
		s->pages[i]->prev = s->pages[i]->next = NULL;
	struct page *last = NULL;
	int rank = 0;
	nav_chain(s->nav, s->nnav, &last, &rank);
}
