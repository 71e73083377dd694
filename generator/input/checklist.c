/* checklist: the sheet's structure is checked here so the site page,
 * the ```checklist block and the PDF sheet can trust it: numbers are
 * unique, every item has a category and a question, every answer an
 * id, a label and whole points. */
#include "checklist.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../model/meta.h"
#include "load.h"
#include "yaml.h"

static const char *const checklist_keys[] = {
	"title", "subtitle", "lead", "respondent", "instruction", "source", "scoring",
	"page", "pdf", "answers", "items", "notes", NULL};
static const char *const checklist_item_keys[] = {
	"no", "category", "question", "note", "lessons", "for", NULL};
static const char *const checklist_axes[AXIS__COUNT] = {
	[AXIS_SIZE] = "size", [AXIS_INDUSTRY] = "industry"};


static int checklist_unknown_keys(const struct meta *m, const char *const *known,
				  const char *what)
{
	int bad = 0;
	for (size_t k = 0; k < m->u.c.n; k++) {
		int ok = 0;
		for (int j = 0; known[j] && !ok; j++)
			ok = strcmp(m->u.c.keys[k], known[j]) == 0;
		if (ok)
			continue;
		struct buf b = {0};
		for (int j = 0; known[j]; j++)
			buf_addf(&b, "%s%s", j ? ", " : "", known[j]);
		meta_error(m->u.c.items[k], "unknown key '%s' in %s (known: %s)",
			      m->u.c.keys[k], what, b.p);
		buf_free(&b);
		bad = 1;
	}
	return bad;
}

/* A text value, or NULL when absent; required ones are reported. */
static const char *checklist_text(const struct meta *m, const char *key, int required,
				  int *bad)
{
	const struct meta *v = meta_get(m, key);
	if (v == NULL) {
		if (required) {
			meta_error(m, "'%s' is missing", key);
			*bad = 1;
		}
		return NULL;
	}
	const char *s = meta_str(v);
	if (s == NULL || !s[0]) {
		meta_error(v, "'%s' must be text, not %s", key,
			      s ? "empty" : meta_type_name(v->type));
		*bad = 1;
	}
	return s;
}

static int checklist_is_id(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int checklist_answer(struct checklist *c, const struct meta *m)
{
	if (m->type != META_MAP) {
		meta_error(m, "each answer is {id, label, points}, not %s", meta_type_name(m->type));
		return -1;
	}
	int bad = checklist_unknown_keys(m, (const char *const[]){"id", "label", "points", NULL},
					 "an answer");
	struct checklist_answer *a = &c->answers[c->nanswers];
	a->id = checklist_text(m, "id", 1, &bad);
	a->label = checklist_text(m, "label", 1, &bad);
	const struct meta *p = meta_get(m, "points");
	if (p == NULL || p->type != META_INT) {
		meta_error(p ? p : m, "an answer needs whole 'points' (e.g. 4, 2, 0, -1)");
		bad = 1;
	} else
		a->points = (int)p->u.i;
	if (a->id && !checklist_is_id(a->id)) {
		meta_error(meta_get(m, "id"), "answer id '%s' must be lowercase ASCII letters, digits, '-' or '_'", a->id);
		bad = 1;
	}
	for (size_t i = 0; a->id && i < c->nanswers; i++)
		if (strcmp(c->answers[i].id, a->id) == 0) {
			meta_error(m, "answer '%s' is declared twice", a->id);
			bad = 1;
		}
	if (!bad)
		c->nanswers++;
	return bad ? -1 : 0;
}

static int checklist_answers(struct checklist *c, const struct meta *m)
{
	const struct meta *list = meta_get(m, "answers");
	if (list == NULL || list->type != META_LIST || list->u.c.n < 2) {
		meta_error(list ? list : m, "'answers' must list at least two answers {id, label, points}");
		return -1;
	}
	c->answers = xcalloc(list->u.c.n + 1, sizeof *c->answers);
	int bad = 0;
	for (size_t i = 0; i < list->u.c.n; i++)
		bad |= checklist_answer(c, list->u.c.items[i]) < 0;
	for (size_t i = 0; i < c->nanswers; i++)
		if (i == 0 || c->answers[i].points > c->max_points)
			c->max_points = c->answers[i].points;
	if (!bad && c->max_points <= 0) {
		meta_error(list, "no answer has more than 0 points: nothing to score");
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* lessons: ["lessons/passwords.md#パスワードの変更", …] */
static int checklist_lessons(struct checklist_item *it, const struct meta *m)
{
	const struct meta *list = meta_get(m, "lessons");
	if (list == NULL)
		return 0;
	if (list->type != META_LIST) {
		meta_error(list, "'lessons' must be a list of pages (lessons/NAME.md#heading)");
		return -1;
	}
	it->lessons = xcalloc(list->u.c.n + 1, sizeof *it->lessons);
	int bad = 0;
	for (size_t i = 0; i < list->u.c.n; i++) {
		const struct meta *v = list->u.c.items[i];
		const char *t = meta_str(v);
		if (t == NULL || !t[0]) {
			meta_error(v, "a lesson is a content path such as lessons/passwords.md#見出し");
			bad = 1;
			continue;
		}
		struct checklist_lesson *l = &it->lessons[it->nlessons++];
		const char *hash = strchr(t, '#');
		l->target = t;
		l->source = hash ? xstrndup(t, (size_t)(hash - t)) : xstrdup(t);
		l->anchor = hash && hash[1] ? xstrdup(hash + 1) : NULL;
		l->line = v->line;
		l->col = v->col;
	}
	return bad ? -1 : 0;
}

/* for: {size: all | [ids], industry: all | [ids]}: kept as "a,b" lists. */
static int checklist_for(struct checklist_item *it, const struct meta *m)
{
	const struct meta *f = meta_get(m, "for");
	if (f == NULL)
		return 0;
	if (f->type != META_MAP) {
		meta_error(f, "'for' maps size and industry to 'all' or a list of ids");
		return -1;
	}
	int bad = checklist_unknown_keys(f, (const char *const[]){"size", "industry", NULL}, "'for'");
	for (int a = 0; a < AXIS__COUNT; a++) {
		const struct meta *v = meta_get(f, checklist_axes[a]);
		const char *s = meta_str(v);
		if (v == NULL || (s && strcmp(s, "all") == 0))
			continue;
		size_t n = v->type == META_LIST ? v->u.c.n : 1;
		struct buf b = {0};
		it->only_line[a] = v->line;
		it->only_col[a] = v->col;
		for (size_t i = 0; i < n; i++) {
			const char *id = meta_str(v->type == META_LIST ? v->u.c.items[i] : v);
			if (id == NULL || !id[0]) {
				meta_error(v, "'%s' must be 'all' or a list of ids", checklist_axes[a]);
				bad = 1;
				continue;
			}
			buf_addf(&b, "%s%s", b.n ? "," : "", id);
		}
		it->only[a] = b.n ? buf_detach(&b) : (buf_free(&b), NULL);
	}
	return bad ? -1 : 0;
}

static int checklist_no(struct checklist *c, struct checklist_item *it, const struct meta *m)
{
	const struct meta *no = meta_get(m, "no");
	if (no == NULL || no->type != META_INT || no->u.i < 1 || no->u.i > 9999) {
		meta_error(no ? no : m, "an item needs its number 'no' (1, 2, …)");
		return -1;
	}
	it->no = (int)no->u.i;
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].no == it->no) {
			meta_error(no, "item number %d is used twice", it->no);
			return -1;
		}
	return 0;
}

static int checklist_item_of(struct checklist *c, const struct meta *m)
{
	if (m->type != META_MAP) {
		meta_error(m, "each item is {no, category, question, lessons, for}, not %s",
			      meta_type_name(m->type));
		return -1;
	}
	struct checklist_item *it = &c->items[c->nitems];
	memset(it, 0, sizeof *it);
	it->line = m->line;
	it->col = m->col;
	int bad = checklist_unknown_keys(m, checklist_item_keys, "an item");
	bad |= checklist_no(c, it, m) < 0;
	it->category = checklist_text(m, "category", 1, &bad);
	it->question = checklist_text(m, "question", 1, &bad);
	it->note = checklist_text(m, "note", 0, &bad);
	bad |= checklist_lessons(it, m) < 0;
	bad |= checklist_for(it, m) < 0;
	c->nitems++;	/* kept even when bad, so its strings are freed */
	return bad ? -1 : 0;
}

static void checklist_category(struct checklist *c, const char *cat)
{
	for (size_t i = 0; i < c->ncategories; i++)
		if (strcmp(c->categories[i], cat) == 0)
			return;
	c->categories[c->ncategories++] = cat;
}

static int checklist_items(struct checklist *c, const struct meta *m)
{
	const struct meta *list = meta_get(m, "items");
	if (list == NULL || list->type != META_LIST || list->u.c.n == 0) {
		meta_error(list ? list : m, "'items' must list the sheet's items");
		return -1;
	}
	c->items = xcalloc(list->u.c.n + 1, sizeof *c->items);
	c->categories = xcalloc(list->u.c.n + 1, sizeof *c->categories);
	int bad = 0;
	for (size_t i = 0; i < list->u.c.n; i++)
		bad |= checklist_item_of(c, list->u.c.items[i]) < 0;
	for (size_t i = 0; !bad && i < c->nitems; i++)
		checklist_category(c, c->items[i].category);
	return bad ? -1 : 0;
}

static int checklist_notes(struct checklist *c, const struct meta *m)
{
	const struct meta *list = meta_get(m, "notes");
	if (list == NULL)
		return 0;
	if (list->type != META_LIST) {
		meta_error(list, "'notes' must be a list of footnotes");
		return -1;
	}
	c->notes = xcalloc(list->u.c.n + 1, sizeof *c->notes);
	int bad = 0;
	for (size_t i = 0; i < list->u.c.n; i++) {
		const char *s = meta_str(list->u.c.items[i]);
		if (s == NULL) {
			meta_error(list->u.c.items[i], "a note must be text");
			bad = 1;
		} else
			c->notes[c->nnotes++] = s;
	}
	return bad ? -1 : 0;
}

/* page: where the interactive sheet goes in the site. */
static int checklist_page(struct checklist *c, const struct meta *m, int *bad)
{
	c->page = checklist_text(m, "page", 0, bad);
	if (c->page == NULL)
		return 0;
	size_t n = strlen(c->page);
	if (c->page[0] == '/' || strstr(c->page, "..") || n < 6 ||
	    strcmp(c->page + n - 5, ".html") != 0 || strchr(c->page, '\\')) {
		meta_error(meta_get(m, "page"),
			      "'page' must be a site path ending in .html, such as selfcheck/index.html");
		*bad = 1;
	}
	return 0;
}

/* pdf: the file name of the fillable sheet, in OUTDIR/pdf/. */
static void checklist_pdf(struct checklist *c, const struct meta *m, int *bad)
{
	c->pdf = checklist_text(m, "pdf", 0, bad);
	if (c->pdf == NULL)
		return;
	size_t n = strlen(c->pdf);
	int ok = n > 4 && strcmp(c->pdf + n - 4, ".pdf") == 0;
	for (size_t i = 0; ok && i < n - 4; i++)
		ok = (c->pdf[i] >= 'a' && c->pdf[i] <= 'z') || (c->pdf[i] >= '0' && c->pdf[i] <= '9') ||
		     c->pdf[i] == '-' || c->pdf[i] == '_';
	if (!ok) {
		meta_error(meta_get(m, "pdf"),
			      "'pdf' must be a file name such as selfcheck.pdf (lowercase ASCII letters, digits, '-' or '_')");
		*bad = 1;
	}
}

static void checklist_read(struct checklist *c, const struct meta *m)
{
	if (m->type != META_MAP) {
		meta_error(m, "a checklist is a mapping (title, answers, items, …)");
		c->broken = 1;
		return;
	}
	int bad = checklist_unknown_keys(m, checklist_keys, "a checklist");
	c->title = checklist_text(m, "title", 1, &bad);
	c->subtitle = checklist_text(m, "subtitle", 0, &bad);
	c->lead = checklist_text(m, "lead", 0, &bad);
	c->respondent = checklist_text(m, "respondent", 0, &bad);
	c->instruction = checklist_text(m, "instruction", 0, &bad);
	c->source = checklist_text(m, "source", 1, &bad);
	c->scoring = checklist_text(m, "scoring", 0, &bad);
	checklist_page(c, m, &bad);
	checklist_pdf(c, m, &bad);
	bad |= checklist_answers(c, m) < 0;
	bad |= checklist_items(c, m) < 0;
	bad |= checklist_notes(c, m) < 0;
	c->broken = bad;
}

static void checklist_load(struct checklists *out, const char *dir, const char *name)
{
	char *rel = xasprintf("content/checklists/%s", name);
	char *key = load_yaml_name(rel, name);
	const struct checklist *had = key ? checklist_find(out, key) : NULL;
	if (had)
		diag_error(rel, 0, 0, "the checklist '%s' is already %s", key, had->file);
	size_t len;
	char *text = key && !had ? load_text(dir, rel, &len) : NULL;
	struct checklist *c = &out->v[out->n++];
	memset(c, 0, sizeof *c);
	c->file = rel;
	c->name = key ? key : xstrdup(name);
	if (text == NULL) {
		c->broken = 1;
	} else if ((c->meta = yaml_parse(rel, text, len, 0)) == NULL) {
		c->broken = 1;
	} else {
		checklist_read(c, c->meta);
	}
	free(text);
}

static int checklist_is_yaml(const char *nm)
{
	size_t n = strlen(nm);
	return nm[0] != '.' && ((n > 5 && strcmp(nm + n - 5, ".yaml") == 0) ||
				(n > 4 && strcmp(nm + n - 4, ".yml") == 0));
}

void checklist_load_all(const char *dir, struct checklists *out)
{
	memset(out, 0, sizeof *out);
	char *path = fs_join(dir, "content/checklists");
	size_t n = 0;
	char **names = fs_isdir(path) ? fs_list(path, &n) : NULL;
	out->v = xcalloc(n + 1, sizeof *out->v);
	for (size_t i = 0; i < n; i++)
		if (checklist_is_yaml(names[i]))
			checklist_load(out, dir, names[i]);
	if (names)
		fs_list_free(names, n);
	free(path);
}

const struct checklist *checklist_find(const struct checklists *all, const char *name)
{
	for (size_t i = 0; all && i < all->n; i++)
		if (strcmp(all->v[i].name, name) == 0)
			return &all->v[i];
	return NULL;
}

void checklist_known(const struct checklists *all, struct buf *out)
{
	for (size_t i = 0; all && i < all->n; i++)
		buf_addf(out, "%s%s", i ? ", " : "", all->v[i].name);
	if (out->n == 0)
		buf_adds(out, "none: put checklists in content/checklists/");
}

static int checklist_in(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *s = list; *s;) {
		size_t k = strcspn(s, ",");
		if (k == n && strncmp(s, id, n) == 0)
			return 1;
		s += k + (s[k] == ',');
	}
	return 0;
}

int checklist_applies(const struct checklist_item *it, const struct variant *v)
{
	for (int a = 0; v && a < AXIS__COUNT; a++)
		if (it->only[a] && v->value[a] && !checklist_in(it->only[a], v->value[a]->id))
			return 0;
	return 1;
}

const struct checklist_item *checklist_item(const struct checklist *c, int no)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].no == no)
			return &c->items[i];
	return NULL;
}

void checklist_free_all(struct checklists *all)
{
	for (size_t i = 0; i < all->n; i++) {
		struct checklist *c = &all->v[i];
		for (size_t k = 0; k < c->nitems; k++) {
			for (size_t l = 0; l < c->items[k].nlessons; l++) {
				free(c->items[k].lessons[l].source);
				free(c->items[k].lessons[l].anchor);
				free(c->items[k].lessons[l].heading);
			}
			free(c->items[k].lessons);
			for (int a = 0; a < AXIS__COUNT; a++)
				free(c->items[k].only[a]);
		}
		free(c->items);
		free(c->answers);
		free(c->notes);
		free(c->categories);
		meta_free(c->meta);
		free(c->name);
		free(c->file);
	}
	free(all->v);
	memset(all, 0, sizeof *all);
}
