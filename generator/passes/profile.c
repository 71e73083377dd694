/* profile: conditions are checked once here, so back ends and
 * variants can trust every value they meet. */
#include "profile.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/pool.h"
#include "../base/xalloc.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"

static const char *profile_keys[AXIS__COUNT][2] = {
	[AXIS_SIZE] = {"size", "sizes"},
	[AXIS_INDUSTRY] = {"industry", "industries"},
};

static const char *profile_str(struct meta *m, const char *key)
{
	return meta_str(meta_get(m, key));
}

static void profile_axis(struct profiles *pr, int a, struct meta *list)
{
	struct profile_axis *ax = &pr->axis[a];
	if (list == NULL)
		return;
	if (list->type != META_LIST) {
		diag_error(list->file, list->line, list->col,
			   "'%s' must be a list of {id, label, description}", profile_keys[a][0]);
		return;
	}
	ax->v = xcalloc(list->u.c.n + 1, sizeof *ax->v);
	for (size_t i = 0; i < list->u.c.n; i++) {
		struct meta *m = list->u.c.items[i];
		const char *id = profile_str(m, "id"), *label = profile_str(m, "label");
		if (m->type != META_MAP || id == NULL || label == NULL) {
			diag_error(m->file, m->line, m->col,
				   "each %s needs an id and a label", profile_keys[a][0]);
			continue;
		}
		if (profile_find(pr, a, id)) {
			diag_error(m->file, m->line, m->col, "%s '%s' is declared twice",
				   profile_keys[a][0], id);
			continue;
		}
		const char *desc = profile_str(m, "description");
		ax->v[ax->n++] = (struct profile_value){
			xstrdup(id), xstrdup(label), desc ? xstrdup(desc) : NULL,
			m->line, m->col};
	}
}

const struct profile_value *profile_find(const struct profiles *p, int axis,
					 const char *id)
{
	const struct profile_axis *ax = &p->axis[axis];
	for (size_t i = 0; i < ax->n; i++)
		if (strcmp(ax->v[i].id, id) == 0)
			return &ax->v[i];
	return NULL;
}

static char *profile_known(const struct profile_axis *ax)
{
	struct buf b = {0};
	for (size_t i = 0; i < ax->n; i++) {
		if (i)
			buf_adds(&b, ", ");
		buf_adds(&b, ax->v[i].id);
	}
	if (b.n == 0)
		buf_adds(&b, "none: declare them in content/profiles.yaml");
	return buf_detach(&b);
}

static void profile_unknown(const struct profiles *pr, int a, const char *file,
			    int line, int col, const char *value)
{
	char *known = profile_known(&pr->axis[a]);
	diag_error(file, line, col, "unknown %s '%s' (known: %s)",
		   profile_keys[a][0], value, known);
	free(known);
}

/* "micro,small": every id must be declared. */
static void profile_check_values(const struct profiles *pr, int a, const char *file,
				 const struct doc_attr *at)
{
	const char *s = at->value;
	while (*s) {
		size_t n = strcspn(s, ",");
		char *id = xstrndup(s, n);
		if (*id && profile_find(pr, a, id) == NULL)
			profile_unknown(pr, a, file, (int)at->line, at->col, id);
		free(id);
		s += n;
		if (*s == ',')
			s++;
	}
}

static int profile_axis_of(const char *key)
{
	for (int a = 0; a < AXIS__COUNT; a++)
		if (strcmp(key, profile_keys[a][0]) == 0)
			return a;
	return -1;
}

static void profile_check_attr(const struct profiles *pr, const char *file,
			       const struct doc_attr *at)
{
	int a = profile_axis_of(at->key);
	if (a >= 0) {
		profile_check_values(pr, a, file, at);
	} else if (strcmp(at->key, "format") == 0) {
		if (strcmp(at->value, "html") && strcmp(at->value, "pdf"))
			diag_error(file, (int)at->line, at->col,
				   "unknown format '%s' (known: html, pdf)", at->value);
	} else if (strcmp(at->key, "priority") == 0) {
		if (strcmp(at->value, "low") && strcmp(at->value, "normal"))
			diag_error(file, (int)at->line, at->col,
				   "unknown priority '%s' (known: low, normal)", at->value);
	} else if (strcmp(at->key, "id") != 0) {
		diag_error(file, (int)at->line, at->col,
			   "unknown condition '%s' (known: size, industry, format, priority)",
			   at->key);
	}
}

static void profile_check_doc(const struct profiles *pr, const struct doc *d)
{
	for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root)) {
		if (n->type != DOC_DIV && n->type != DOC_CALLOUT)
			continue;
		/* a plain class div (::: {.aside}) carries no conditions */
		if (n->type == DOC_DIV && strcmp(n->u.div.kind, "only") != 0)
			continue;
		for (const struct doc_attr *at = n->u.div.attrs; at; at = at->next)
			profile_check_attr(pr, d->file, at);
	}
}

void profile_check_page(const struct profiles *pr, const struct page *p)
{
	for (int a = 0; a < AXIS__COUNT; a++) {
		struct meta *v = meta_get(p->fm, profile_keys[a][1]);
		if (v == NULL || v->type != META_LIST)
			continue;
		for (size_t i = 0; i < v->u.c.n; i++) {
			const char *id = meta_str(v->u.c.items[i]);
			if (id && profile_find(pr, a, id) == NULL)
				profile_unknown(pr, a, p->file, v->u.c.items[i]->line,
						v->u.c.items[i]->col, id);
		}
	}
	struct meta *prio = meta_get(p->fm, "priority");
	const char *ps = meta_str(prio);
	if (prio && (ps == NULL || (strcmp(ps, "low") && strcmp(ps, "normal"))))
		diag_error(p->file, prio->line, prio->col,
			   "unknown priority '%s' (known: low, normal)", ps ? ps : "?");
	if (p->doc && !(p->early && p->ndivs == 0))	/* no div to check */
		profile_check_doc(pr, p->doc);
}

static void profile_one(size_t i, int worker, void *ctx)
{
	(void)worker;
	struct site *s = ctx;
	profile_check_page(&s->profiles, s->pages[i]);
}

/* The pages are checked in parallel: each alone, read only. */
void profile_site(struct site *s)
{
	struct profiles *pr = &s->profiles;
	for (int a = 0; a < AXIS__COUNT; a++) {
		pr->axis[a].key = profile_keys[a][0];
		pr->axis[a].plural = profile_keys[a][1];
	}
	if (s->profiles_meta) {
		pr->present = 1;
		if (s->profiles_meta->type != META_MAP)
			diag_error("content/profiles.yaml", s->profiles_meta->line, s->profiles_meta->col,
				   "profiles.yaml must map 'size' and 'industry' to lists");
		for (int a = 0; a < AXIS__COUNT; a++)
			profile_axis(pr, a, meta_get(s->profiles_meta, profile_keys[a][0]));
		for (size_t i = 0; s->profiles_meta->type == META_MAP && i < s->profiles_meta->u.c.n; i++)
			if (profile_axis_of(s->profiles_meta->u.c.keys[i]) < 0)
				diag_error("content/profiles.yaml", s->profiles_meta->u.c.items[i]->line,
					   s->profiles_meta->u.c.items[i]->col,
					   "unknown axis '%s' (known: size, industry)",
					   s->profiles_meta->u.c.keys[i]);
	}
	pool_run(s->jobs, s->npages, profile_one, s);
}

/* Is id in the comma-separated list? */
static int profile_in(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *s = list; *s;) {
		size_t k = strcspn(s, ",");
		if (k == n && strncmp(s, id, n) == 0)
			return 1;
		s += k;
		if (*s == ',')
			s++;
	}
	return 0;
}

int profile_page_applies(const struct page *p, const struct variant *v)
{
	for (int a = 0; a < AXIS__COUNT; a++) {
		struct meta *m = meta_get(p->fm, profile_keys[a][1]);
		if (v->value[a] == NULL || m == NULL || m->type != META_LIST)
			continue;
		int found = 0;
		for (size_t i = 0; i < m->u.c.n && !found; i++) {
			const char *id = meta_str(m->u.c.items[i]);
			found = id && strcmp(id, v->value[a]->id) == 0;
		}
		if (!found)
			return 0;
	}
	return 1;
}

int profile_node_applies(const struct doc_node *n, const struct variant *v)
{
	if (n->type != DOC_DIV && n->type != DOC_CALLOUT)
		return 1;
	for (const struct doc_attr *at = n->u.div.attrs; at; at = at->next) {
		int a = profile_axis_of(at->key);
		if (a >= 0 && v->value[a] && !profile_in(at->value, v->value[a]->id))
			return 0;
		if (strcmp(at->key, "format") == 0 && v->format &&
		    strcmp(at->value, v->format) != 0)
			return 0;
		if (strcmp(at->key, "priority") == 0 && v->drop_low &&
		    strcmp(at->value, "low") == 0)
			return 0;
	}
	return 1;
}

static int profile_keep(const struct doc_node *n, void *ctx)
{
	return profile_node_applies(n, ctx);
}

struct doc *profile_tailor(const struct doc *d, const struct variant *v)
{
	return doc_copy(d, profile_keep, (void *)v);
}

char *profile_label(const struct profiles *p, const char *key, const char *values)
{
	int a = profile_axis_of(key);
	if (a < 0)
		return NULL;
	struct buf b = {0};
	for (const char *s = values; *s;) {
		size_t k = strcspn(s, ",");
		char *id = xstrndup(s, k);
		const struct profile_value *pv = profile_find(p, a, id);
		if (b.n)
			buf_adds(&b, "・");
		buf_adds(&b, pv ? pv->label : id);
		free(id);
		s += k;
		if (*s == ',')
			s++;
	}
	return buf_detach(&b);
}

