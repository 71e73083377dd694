/* site: lookups over the loaded project, and its release. */
#include "site.h"

#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"
#include "doc.h"
#include "meta.h"

static int site_source_cmp(const void *a, const void *b)
{
	return strcmp((*(struct page *const *)a)->source, (*(struct page *const *)b)->source);
}

static int site_url_cmp(const void *a, const void *b)
{
	const char *x = (*(struct page *const *)a)->url, *y = (*(struct page *const *)b)->url;
	return strcmp(x ? x : "", y ? y : "");
}

void site_index(struct site *s)
{
	free(s->by_source);
	s->by_source = xmalloc((s->npages + 1) * sizeof *s->by_source);
	memcpy(s->by_source, s->pages, s->npages * sizeof *s->pages);
	qsort(s->by_source, s->npages, sizeof *s->by_source, site_source_cmp);
	free(s->by_url);
	s->by_url = xmalloc((s->npages + 1) * sizeof *s->by_url);
	memcpy(s->by_url, s->pages, s->npages * sizeof *s->pages);
	qsort(s->by_url, s->npages, sizeof *s->by_url, site_url_cmp);
}

static struct page *site_find_url(const struct site *s, const char *url)
{
	size_t lo = 0, hi = s->by_url ? s->npages : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *u = s->by_url[mid]->url;
		int c = strcmp(u ? u : "", url);
		if (c == 0)
			return s->by_url[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* stem + ".md", then stem's landing page when stem is a folder (or
 * "…/index"). */
static struct page *site_page_stem(const struct site *s, const char *stem, size_t n)
{
	char *try = xasprintf("%.*s.md", (int)n, stem);
	struct page *p = n ? site_find_page(s, try) : NULL;
	free(try);
	if (p)
		return p;
	if (n >= 5 && memcmp(stem + n - 5, "index", 5) == 0 && (n == 5 || stem[n - 6] == '/'))
		n = n > 5 ? n - 6 : 0;	/* "guide/index" is guide's landing page */
	static const char *const names[] = {"_index.md", "index.md"};
	for (int i = 0; i < 2 && p == NULL; i++) {
		try = n ? xasprintf("%.*s/%s", (int)n, stem, names[i]) : xstrdup(names[i]);
		p = site_find_page(s, try);
		free(try);
	}
	return p;
}

struct page *site_page_at(const struct site *s, const char *path)
{
	size_t n = strlen(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (n > 3 && strcmp(path + n - 3, ".md") == 0)
		return site_find_page(s, path);
	if (n > 5 && strcmp(path + n - 5, ".html") == 0) {
		struct page *p = site_find_url(s, path);
		return p ? p : site_page_stem(s, path, n - 5);
	}
	if (strchr(base, '.'))
		return NULL;	/* a file: a.png, b.pdf */
	while (n > 0 && path[n - 1] == '/')
		n--;
	return site_page_stem(s, path, n);
}

int site_page_failed(const struct site *s, const char *source)
{
	for (size_t i = 0; i < s->ndropped; i++)
		if (s->dropped[i]->failed && strcmp(s->dropped[i]->source, source) == 0)
			return 1;
	return 0;
}

struct page *site_find_page(const struct site *s, const char *source)
{
	size_t lo = 0, hi = s->npages;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->by_source[mid]->source, source);
		if (c == 0)
			return s->by_source[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *site_config_str(const struct site *s, const char *key, const char *dflt)
{
	const char *v = meta_str(meta_get(s->config, key));
	return v ? v : dflt;
}

struct site_limits site_limits(const struct site *s)
{
	struct site_limits l = s->limits;
	if (l.instructions == 0)
		l.instructions = 50LL * 1000 * 1000;
	if (l.memory_mb == 0)
		l.memory_mb = 256;
	if (l.seconds == 0)
		l.seconds = 10;
	return l;
}

void site_page_free(struct page *p)
{
	free(p->source);
	free(p->file);
	free(p->section);
	free(p->slug);
	free(p->url);
	free(p->title);
	free(p->anchor);
	free(p->id);
	free(p->summary);
	free(p->reviewed);
	meta_free(p->fm);
	doc_free(p->doc);
	doc_free(p->pdf_doc);
	for (size_t i = 0; i < p->nanchors; i++)
		free(p->anchors[i]);
	free(p->anchors);
	free(p->links);
	free(p);
}

static void site_nav_free(struct nav_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].title);
		free(items[i].url);
		free(items[i].href);
		site_nav_free(items[i].items, items[i].nitems);
	}
	free(items);
}

void site_publication_free(struct publication *pub)
{
	free(pub->id);
	free(pub->title);
	free(pub->subtitle);
	free(pub->author);
	free(pub->date);
	free(pub->chapters);
	for (size_t i = 0; i < pub->nparts; i++)
		free(pub->parts[i]);
	free(pub->parts);
	free(pub->chapter_part);
	free(pub->group);
	free(pub->audience);
}

void site_free(struct site *s)
{
	for (size_t i = 0; i < s->npages; i++)
		site_page_free(s->pages[i]);
	for (size_t i = 0; i < s->ndropped; i++)
		site_page_free(s->dropped[i]);
	free(s->pages);
	free(s->dropped);
	free(s->by_source);
	free(s->by_url);
	for (size_t i = 0; i < s->nsections; i++) {
		free(s->sections[i].name);
		free(s->sections[i].url);
		free(s->sections[i].title);
		free(s->sections[i].pages);
		free(s->sections[i].children);
		free(s->sections[i].entries);
	}
	free(s->sections);
	free(s->root_pages);
	site_nav_free(s->nav, s->nnav);
	free(s->listed);
	for (int t = 0; t < TAX__COUNT; t++) {
		for (size_t i = 0; i < s->tax[t].nterms; i++) {
			free(s->tax[t].terms[i].name);
			free(s->tax[t].terms[i].url);
			free(s->tax[t].terms[i].title);
			free(s->tax[t].terms[i].pages);
		}
		free(s->tax[t].terms);
	}
	for (size_t i = 0; i < s->nimages; i++)
		free(s->images[i]);
	free(s->images);
	meta_free(s->config);
	meta_free(s->profiles_meta);
	for (int a = 0; a < AXIS__COUNT; a++) {
		for (size_t i = 0; i < s->profiles.axis[a].n; i++) {
			free(s->profiles.axis[a].v[i].id);
			free(s->profiles.axis[a].v[i].label);
			free(s->profiles.axis[a].v[i].description);
		}
		free(s->profiles.axis[a].v);
	}
	meta_free(s->data);
	for (size_t i = 0; i < s->ndatafiles; i++)
		free(s->datafiles[i]);
	free(s->datafiles);
	free(s->theme_dir);
	free(s->theme_name);
	for (size_t i = 0; i < s->npubs; i++)
		site_publication_free(&s->pubs[i]);
	free(s->pubs);
	free(s->dir);
	memset(s, 0, sizeof *s);
}
