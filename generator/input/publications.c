/* publications: strict, like pdf.yaml: a misspelt key (chapter: for
 * chapters:) would otherwise build an empty book without a word. */
#include "publications.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/date.h"
#include "../base/diag.h"
#include "../base/xalloc.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "../passes/profile.h"

static const char *const publications_keys[] = {
	"id", "kind", "title", "subtitle", "author", "date", "chapters", "for",
	"max_pages", NULL};


static int publications_is_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return 0;
	return 1;
}

/* A plain text value, or NULL after reporting it. */
static char *publications_text(const struct meta *v, const char *key)
{
	if (v->type == META_LIST || v->type == META_MAP || v->type == META_NULL) {
		meta_error(v, "'%s' of a publication must be text", key);
		return NULL;
	}
	return xstrdup(v->text);
}

static void publications_kind(struct publication *pub, const struct meta *v)
{
	static const char *const kinds[] = {"book", "handout", "report"};
	const char *s = meta_str(v);
	for (int k = 0; s && k < 3; k++)
		if (strcmp(s, kinds[k]) == 0) {
			pub->kind = (enum publication_kind)k;
			return;
		}
	meta_error(v, "unknown kind '%s' (known: book, handout, report)",
			 s ? s : meta_type_name(v->type));
}

static void publications_chapter(struct site *s, struct publication *pub, const struct meta *v,
				 int part)
{
	const char *src = v->type == META_STRING ? v->text : NULL;
	if (src == NULL) {
		meta_error(v, "a chapter must be a content path such as %s, or a part {part: …, chapters: […]}",
				 "lessons/passwords.md");
		return;
	}
	struct page *p = site_find_page(s, src);
	if (p == NULL) {
		int draft = 0;
		for (size_t i = 0; i < s->ndropped; i++)
			if (strcmp(s->dropped[i]->source, src) == 0)
				draft = s->dropped[i]->failed ? -1 : s->dropped[i]->draft;
		if (draft < 0)	/* its errors are said: the publication is not wrong */
			pub->failed_chapters++;
		else
			meta_error(v, draft ? "chapter %s is a draft"
					 : "unknown chapter %s (no such page in content/)", src);
		return;
	}
	for (size_t i = 0; i < pub->nchapters; i++)
		if (pub->chapters[i] == p) {
			meta_error(v, "chapter %s is listed twice", src);
			return;
		}
	pub->chapters = xrealloc(pub->chapters, (pub->nchapters + 1) * sizeof *pub->chapters);
	pub->chapter_part = xrealloc(pub->chapter_part, (pub->nchapters + 1) * sizeof *pub->chapter_part);
	pub->chapter_part[pub->nchapters] = part;
	pub->chapters[pub->nchapters++] = p;
}

/* {part: 第1部 基礎, chapters: [a.md, b.md]}: a part of a book, as
 * Re:VIEW's PART: its title page, and its chapters under it in the 目次
 * and the bookmarks. */
static void publications_part(struct site *s, struct publication *pub, const struct meta *v)
{
	const struct meta *title = meta_get(v, "part"), *list = meta_get(v, "chapters");
	for (size_t i = 0; i < v->u.c.n; i++)
		if (strcmp(v->u.c.keys[i], "part") && strcmp(v->u.c.keys[i], "chapters"))
			meta_error(v->u.c.items[i], "unknown key '%s' in a part (known: part, chapters)",
				   v->u.c.keys[i]);
	if (title == NULL || title->type == META_LIST || title->type == META_MAP ||
	    title->type == META_NULL || title->text == NULL || title->text[0] == '\0') {
		meta_error(title ? title : v, "a part needs a title: {part: 第1部 基礎, chapters: [%s]}",
			   "lessons/passwords.md");
		return;
	}
	if (list == NULL || list->type != META_LIST || list->u.c.n == 0) {
		meta_error(list ? list : v, "part '%s' needs a list of chapters", title->text);
		return;
	}
	pub->parts = xrealloc(pub->parts, (pub->nparts + 1) * sizeof *pub->parts);
	pub->parts[pub->nparts++] = xstrdup(title->text);
	for (size_t i = 0; i < list->u.c.n; i++) {
		const struct meta *c = list->u.c.items[i];
		if (c->type == META_MAP)
			meta_error(c, "parts do not nest: a part's chapters are content paths");
		else
			publications_chapter(s, pub, c, (int)pub->nparts - 1);
	}
}

static void publications_chapters(struct site *s, struct publication *pub, const struct meta *v)
{
	if (v->type != META_LIST || v->u.c.n == 0) {
		meta_error(v, "'chapters' must be a list of content paths, e.g. [%s]",
				 "lessons/passwords.md");
		return;
	}
	for (size_t i = 0; i < v->u.c.n; i++) {
		const struct meta *c = v->u.c.items[i];
		if (c->type == META_MAP)
			publications_part(s, pub, c);
		else
			publications_chapter(s, pub, c, -1);
	}
	if (pub->nparts == 0) {
		free(pub->chapter_part);
		pub->chapter_part = NULL;
	}
}

static int publications_known(const char *key)
{
	for (int i = 0; publications_keys[i]; i++)
		if (strcmp(key, publications_keys[i]) == 0)
			return 1;
	return 0;
}

static void publications_budget(struct publication *pub, const struct meta *v)
{
	if (v->type != META_INT || v->u.i < 1 || v->u.i > 10000) {
		meta_error(v, "'max_pages' must be a whole number of pages, 1 or more");
		return;
	}
	pub->max_pages = (int)v->u.i;
}

static void publications_field(struct site *s, struct publication *pub, const char *k,
			       const struct meta *v)
{
	if (strcmp(k, "kind") == 0)
		publications_kind(pub, v);
	else if (strcmp(k, "chapters") == 0)
		publications_chapters(s, pub, v);
	else if (strcmp(k, "id") == 0)
		pub->id = publications_text(v, k);
	else if (strcmp(k, "title") == 0)
		pub->title = publications_text(v, k);
	else if (strcmp(k, "subtitle") == 0)
		pub->subtitle = publications_text(v, k);
	else if (strcmp(k, "author") == 0)
		pub->author = publications_text(v, k);
	else if (strcmp(k, "date") == 0) {
		pub->date = publications_text(v, k);
		if (pub->date && !date_valid(pub->date)) {
			meta_error(v, "'date' must be a date YYYY-MM-DD, not '%s'", pub->date);
			free(pub->date);
			pub->date = NULL;
		}
	}
	else if (strcmp(k, "max_pages") == 0)
		publications_budget(pub, v);
}

static int publications_check(struct site *s, struct publication *pub, const struct meta *m)
{
	if (pub->id == NULL || !publications_is_id(pub->id)) {
		meta_error(m, "a publication needs an 'id' of lowercase ASCII letters, digits, '-' or '_' (its file name)");
		return 0;
	}
	for (size_t i = 0; i < s->npubs; i++)
		if (strcmp(s->pubs[i].id, pub->id) == 0 ||
		    (s->pubs[i].group && strcmp(s->pubs[i].group, pub->id) == 0)) {
			meta_error(m, "publication id '%s' is used twice", pub->id);
			return 0;
		}
	if (pub->title == NULL) {
		meta_error(m, "publication '%s' needs a title", pub->id);
		return 0;
	}
	if (pub->nchapters == 0) {
		if (pub->failed_chapters == 0)
			meta_error(m, "publication '%s' needs chapters", pub->id);
		return 0;
	}
	return 1;
}

static void publications_free_one(struct publication *pub)
{
	site_publication_free(pub);
}

/* The values of one axis in for: "all", one id, or a list of ids. Each
 * must be declared in content/profiles.yaml. */
struct publications_axis {
	const struct profile_value **v;
	size_t n;
};

static void publications_axis_add(struct publications_axis *ax, const struct profile_value *pv)
{
	ax->v = xrealloc(ax->v, (ax->n + 1) * sizeof *ax->v);
	ax->v[ax->n++] = pv;
}

static void publications_value(struct site *s, int a, const struct meta *v,
			       struct publications_axis *out)
{
	const char *id = meta_str(v);
	const struct profile_axis *axis = &s->profiles.axis[a];
	if (id && strcmp(id, "all") == 0) {
		for (size_t i = 0; i < axis->n; i++)
			publications_axis_add(out, &axis->v[i]);
		return;
	}
	const struct profile_value *pv = id ? profile_find(&s->profiles, a, id) : NULL;
	if (pv) {
		publications_axis_add(out, pv);
		return;
	}
	struct buf known = {0};
	for (size_t i = 0; i < axis->n; i++)
		buf_addf(&known, "%s%s", i ? ", " : "", axis->v[i].id);
	meta_error(v, "unknown %s '%s' (known: all, %s)", axis->key, id ? id : "?",
			 known.p ? known.p : "none: declare them in content/profiles.yaml");
	buf_free(&known);
}

static void publications_for_axis(struct site *s, int a, const struct meta *v,
				  struct publications_axis *out)
{
	if (v == NULL) {	/* not named: every value */
		const struct profile_axis *axis = &s->profiles.axis[a];
		for (size_t i = 0; i < axis->n; i++)
			publications_axis_add(out, &axis->v[i]);
	} else if (v->type == META_LIST) {
		for (size_t i = 0; i < v->u.c.n; i++)
			publications_value(s, a, v->u.c.items[i], out);
	} else {
		publications_value(s, a, v, out);
	}
}

/* for: {industry: …, size: …} → the cells. Returns 0 when it has none. */
static int publications_for(struct site *s, const struct meta *v,
			    struct publications_axis axes[AXIS__COUNT])
{
	if (v->type != META_MAP) {
		meta_error(v, "'for' must be a mapping: {industry: all, size: [micro, small]}");
		return 0;
	}
	if (!s->profiles.present) {
		meta_error(v, "'for' needs content/profiles.yaml, which declares the sizes and industries");
		return 0;
	}
	for (size_t i = 0; i < v->u.c.n; i++)
		if (strcmp(v->u.c.keys[i], "industry") && strcmp(v->u.c.keys[i], "size"))
			meta_error(v->u.c.items[i], "unknown key '%s' in 'for' (known: industry, size)",
					 v->u.c.keys[i]);
	publications_for_axis(s, AXIS_INDUSTRY, meta_get(v, "industry"), &axes[AXIS_INDUSTRY]);
	publications_for_axis(s, AXIS_SIZE, meta_get(v, "size"), &axes[AXIS_SIZE]);
	return axes[AXIS_INDUSTRY].n && axes[AXIS_SIZE].n;
}

/* One entry per cell: the chapters that apply to it, its own id and
 * the audience named on the cover. */
static void publications_cells(struct site *s, const struct publication *pub,
			       struct publications_axis axes[AXIS__COUNT])
{
	for (size_t i = 0; i < axes[AXIS_INDUSTRY].n; i++) {
		for (size_t j = 0; j < axes[AXIS_SIZE].n; j++) {
			const struct profile_value *in = axes[AXIS_INDUSTRY].v[i];
			const struct profile_value *sz = axes[AXIS_SIZE].v[j];
			struct publication cell = *pub;
			cell.variant.value[AXIS_INDUSTRY] = in;
			cell.variant.value[AXIS_SIZE] = sz;
			cell.group = xstrdup(pub->id);
			cell.id = xasprintf("%s-%s-%s", pub->id, in->id, sz->id);
			/* labels hold 「・」 themselves (医療・福祉): brackets, not another 「・」 */
			cell.audience = xasprintf("%s（%s）の事業者向け", in->label, sz->label);
			cell.title = xstrdup(pub->title);
			cell.subtitle = pub->subtitle ? xstrdup(pub->subtitle) : NULL;
			cell.author = pub->author ? xstrdup(pub->author) : NULL;
			cell.date = pub->date ? xstrdup(pub->date) : NULL;
			cell.chapters = xcalloc(pub->nchapters + 1, sizeof *cell.chapters);
			cell.nchapters = 0;
			cell.parts = xcalloc(pub->nparts + 1, sizeof *cell.parts);
			for (size_t k = 0; k < pub->nparts; k++)
				cell.parts[k] = xstrdup(pub->parts[k]);
			cell.chapter_part = pub->chapter_part
				? xcalloc(pub->nchapters + 1, sizeof *cell.chapter_part) : NULL;
			for (size_t k = 0; k < pub->nchapters; k++)
				if (profile_page_applies(pub->chapters[k], &cell.variant)) {
					if (cell.chapter_part)
						cell.chapter_part[cell.nchapters] = pub->chapter_part[k];
					cell.chapters[cell.nchapters++] = pub->chapters[k];
				}
			if (cell.nchapters == 0) {
				diag_error("site.yaml", pub->line, pub->col,
					   "publication '%s' has no chapter for %s (%s-%s)",
					   pub->id, cell.audience, in->id, sz->id);
				site_publication_free(&cell);
				continue;
			}
			s->pubs = xrealloc(s->pubs, (s->npubs + 1) * sizeof *s->pubs);
			s->pubs[s->npubs++] = cell;
		}
	}
}


static void publications_one(struct site *s, const struct meta *m)
{
	if (m->type != META_MAP) {
		meta_error(m, "a publication must be a mapping (id, kind, title, chapters, …)");
		return;
	}
	struct publication pub = {.line = m->line, .col = m->col};
	int bad = 0;
	for (size_t i = 0; i < m->u.c.n; i++) {
		const char *k = m->u.c.keys[i];
		if (!publications_known(k)) {
			meta_error(m->u.c.items[i],
				"unknown key '%s' in a publication (known: id, kind, title, subtitle, author, date, chapters, for, max_pages)", k);
			bad = 1;
			continue;
		}
		publications_field(s, &pub, k, m->u.c.items[i]);
	}
	pub.variant.format = "pdf";
	if (bad || !publications_check(s, &pub, m)) {
		publications_free_one(&pub);
		return;
	}
	const struct meta *forv = meta_get(m, "for");
	if (forv) {
		struct publications_axis axes[AXIS__COUNT] = {{0}};
		if (publications_for(s, forv, axes))
			publications_cells(s, &pub, axes);
		for (int a = 0; a < AXIS__COUNT; a++)
			free(axes[a].v);
		publications_free_one(&pub);
		return;
	}
	s->pubs = xrealloc(s->pubs, (s->npubs + 1) * sizeof *s->pubs);
	s->pubs[s->npubs++] = pub;
}

void publications_load(struct site *s)
{
	const struct meta *list = meta_get(s->config, "publications");
	if (list == NULL || list->type == META_NULL)
		return;
	if (list->type != META_LIST) {
		meta_error(list, "'publications' must be a list");
		return;
	}
	for (size_t i = 0; i < list->u.c.n; i++)
		publications_one(s, list->u.c.items[i]);
}
