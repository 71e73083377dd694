/* publications: strict, like pdf.yaml: a misspelt key (chapter: for
 * chapters:) would otherwise build an empty book without a word. */
#include "publications.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/xalloc.h"
#include "../model/meta.h"
#include "../model/site.h"

static const char *const publications_keys[] = {
	"id", "kind", "title", "subtitle", "author", "date", "chapters", NULL};

static void publications_err(const struct meta *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void publications_err(const struct meta *m, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	diag_error("site.yaml", m->line, m->col, "%s", b.p);
	buf_free(&b);
}

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
		publications_err(v, "'%s' of a publication must be text", key);
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
	publications_err(v, "unknown kind '%s' (known: book, handout, report)",
			 s ? s : meta_type_name(v->type));
}

static void publications_chapter(struct site *s, struct publication *pub, const struct meta *v)
{
	const char *src = v->type == META_STRING ? v->text : NULL;
	if (src == NULL) {
		publications_err(v, "a chapter must be a content path such as %s",
				 "lessons/passwords.md");
		return;
	}
	struct page *p = site_find_page(s, src);
	if (p == NULL) {
		int draft = 0;
		for (size_t i = 0; i < s->ndropped; i++)
			if (strcmp(s->dropped[i]->source, src) == 0)
				draft = s->dropped[i]->draft;
		publications_err(v, draft ? "chapter %s is a draft"
				 : "unknown chapter %s (no such page in content/)", src);
		return;
	}
	for (size_t i = 0; i < pub->nchapters; i++)
		if (pub->chapters[i] == p) {
			publications_err(v, "chapter %s is listed twice", src);
			return;
		}
	pub->chapters = xrealloc(pub->chapters, (pub->nchapters + 1) * sizeof *pub->chapters);
	pub->chapters[pub->nchapters++] = p;
}

static void publications_chapters(struct site *s, struct publication *pub, const struct meta *v)
{
	if (v->type != META_LIST || v->u.c.n == 0) {
		publications_err(v, "'chapters' must be a list of content paths, e.g. [%s]",
				 "lessons/passwords.md");
		return;
	}
	for (size_t i = 0; i < v->u.c.n; i++)
		publications_chapter(s, pub, v->u.c.items[i]);
}

static int publications_known(const char *key)
{
	for (int i = 0; publications_keys[i]; i++)
		if (strcmp(key, publications_keys[i]) == 0)
			return 1;
	return 0;
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
	else if (strcmp(k, "date") == 0)
		pub->date = publications_text(v, k);
}

static int publications_check(struct site *s, struct publication *pub, const struct meta *m)
{
	if (pub->id == NULL || !publications_is_id(pub->id)) {
		publications_err(m, "a publication needs an 'id' of lowercase ASCII letters, digits, '-' or '_' (its file name)");
		return 0;
	}
	for (size_t i = 0; i < s->npubs; i++)
		if (strcmp(s->pubs[i].id, pub->id) == 0) {
			publications_err(m, "publication id '%s' is used twice", pub->id);
			return 0;
		}
	if (pub->title == NULL) {
		publications_err(m, "publication '%s' needs a title", pub->id);
		return 0;
	}
	if (pub->nchapters == 0) {
		publications_err(m, "publication '%s' needs chapters", pub->id);
		return 0;
	}
	return 1;
}

static void publications_free_one(struct publication *pub)
{
	free(pub->id);
	free(pub->title);
	free(pub->subtitle);
	free(pub->author);
	free(pub->date);
	free(pub->chapters);
}

static void publications_one(struct site *s, const struct meta *m)
{
	if (m->type != META_MAP) {
		publications_err(m, "a publication must be a mapping (id, kind, title, chapters, …)");
		return;
	}
	struct publication pub = {.line = m->line, .col = m->col};
	int bad = 0;
	for (size_t i = 0; i < m->u.c.n; i++) {
		const char *k = m->u.c.keys[i];
		if (!publications_known(k)) {
			publications_err(m->u.c.items[i],
				"unknown key '%s' in a publication (known: id, kind, title, subtitle, author, date, chapters)", k);
			bad = 1;
			continue;
		}
		publications_field(s, &pub, k, m->u.c.items[i]);
	}
	if (bad || !publications_check(s, &pub, m)) {
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
		publications_err(list, "'publications' must be a list");
		return;
	}
	for (size_t i = 0; i < list->u.c.n; i++)
		publications_one(s, list->u.c.items[i]);
}
