/* load: walk content/ in sorted order, then read and parse every page
 * in parallel (each file is independent), then load data and config. */
#include "load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/confine.h"
#include "../base/date.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/pool.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "checklist.h"
#include "config.h"
#include "dataset.h"
#include "frontmatter.h"
#include "md.h"
#include "parsed.h"
#include "title.h"
#include "yaml.h"

struct load_list {
	char **items;
	size_t n;
};

static void load_list_add(struct load_list *l, char *s)
{
	if ((l->n & (l->n + 1)) == 0 || l->n == 0)
		l->items = xrealloc(l->items, (l->n * 2 + 2) * sizeof *l->items);
	l->items[l->n++] = s;
}

static int load_ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Collects .md files under content/ (content-relative paths), except
 * in data/ and checklists/, which hold YAML. */
static int load_visit(void *ctx, const char *rel, const struct stat *st)
{
	struct load_list *out = ctx;
	const char *source = rel + strlen("content/");
	if (S_ISDIR(st->st_mode))
		return strcmp(source, "data") && strcmp(source, "checklists");
	if (load_ends(source, ".md"))
		load_list_add(out, xstrdup(source));
	return 0;
}

static const char *load_known_keys[] = {
	"title", "id", "order", "weight", "level", "tags", "summary", "sizes",
	"industries", "reviewed", "draft", NULL};

int load_is_known_key(const char *k)
{
	for (int i = 0; load_known_keys[i]; i++)
		if (strcmp(k, load_known_keys[i]) == 0)
			return 1;
	return 0;
}

static int load_want(const struct page *p, const struct meta *v,
		     const char *key, enum meta_type t, const char *what)
{
	if (v->type == t)
		return 1;
	diag_error(p->file, v->line, v->col, "'%s' must be %s, not %s", key,
		   what, meta_type_name(v->type));
	return 0;
}

static int load_is_slug(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static void load_string_list(struct page *p, struct meta *v, const char *key)
{
	if (!load_want(p, v, key, META_LIST, "a list (e.g. [a, b])"))
		return;
	for (size_t i = 0; i < v->u.c.n; i++) {
		struct meta *it = v->u.c.items[i];
		if (it->type == META_LIST || it->type == META_MAP || it->type == META_NULL)
			diag_error(p->file, it->line, it->col,
				   "items of '%s' must be plain values, not %s",
				   key, meta_type_name(it->type));
	}
}

/* Typed front-matter keys; anything else stays in fm as a parameter. */
void load_frontmatter(struct page *p)
{
	struct meta *fm = p->fm;
	for (size_t i = 0; i < fm->u.c.n; i++) {
		const char *k = fm->u.c.keys[i];
		struct meta *v = fm->u.c.items[i];
		if (!strcmp(k, "title") || !strcmp(k, "summary")) {
			if (v->type == META_LIST || v->type == META_MAP || v->type == META_NULL) {
				load_want(p, v, k, META_STRING, "text");
				continue;
			}
			*(!strcmp(k, "title") ? &p->title : &p->summary) = xstrdup(v->text);
		} else if (!strcmp(k, "id")) {
			if (!load_want(p, v, k, META_STRING, "text"))
				continue;
			if (!load_is_slug(v->text)) {
				diag_error(p->file, v->line, v->col,
					   "'id' must be lowercase ASCII letters, digits, '-' or '_' (it is the page's file name): '%s'",
					   v->text);
				continue;
			}
			p->id = xstrdup(v->text);
		} else if (!strcmp(k, "order") || !strcmp(k, "weight")) {
			/* weight: is Hugo's name for order: */
			struct meta *o = meta_get(fm, "order"), *w = meta_get(fm, "weight");
			if (o && w && v == w)
				diag_error(p->file, v->line, v->col,
					   "'weight' and 'order' are the same thing (Hugo calls it weight): keep one");
			else if (load_want(p, v, k, META_INT, "an integer")) {
				p->order = (long)v->u.i;
				p->has_order = 1;
			}
		} else if (!strcmp(k, "level")) {
			const char *s = meta_str(v);
			if (s && !strcmp(s, "basic"))
				p->level = LEVEL_BASIC;
			else if (s && !strcmp(s, "applied"))
				p->level = LEVEL_APPLIED;
			else
				diag_error(p->file, v->line, v->col,
					   "unknown level '%s' (known: basic, applied)",
					   s ? s : meta_type_name(v->type));
		} else if (!strcmp(k, "tags") || !strcmp(k, "sizes") || !strcmp(k, "industries")) {
			load_string_list(p, v, k);
		} else if (!strcmp(k, "reviewed")) {
			const char *s = meta_str(v);
			if (s && date_valid(s))
				p->reviewed = xstrdup(s);
			else
				diag_error(p->file, v->line, v->col,
					   "'reviewed' must be a date YYYY-MM-DD, not '%s'",
					   s ? s : meta_type_name(v->type));
		} else if (!strcmp(k, "draft")) {
			if (load_want(p, v, k, META_BOOL, "true or false"))
				p->draft = v->u.b;
		}
	}
}

char *load_text(const char *dir, const char *rel, size_t *len)
{
	char *text = dir ? confine_read(dir, rel, len) : fs_read(rel, len);
	if (text == NULL) {
		diag_error(rel, 0, 0, "cannot read: %s", confine_strerror(errno));
		return NULL;
	}
	if (utf8_report(rel, text, *len) < 0) {
		free(text);
		errno = EILSEQ;	/* reported */
		return NULL;
	}
	return text;
}

/* slot: the page's in s->parsed, or parsed NULL. */
static int load_read_kept(struct page *p, const char *dir, const char *path, int loose,
			  struct parsed *parsed, size_t slot)
{
	size_t len;
	char *text = load_text(dir, path, &len);
	if (text == NULL) {
		p->failed = 1;
		return errno == EILSEQ ? 1 : 2;
	}
	struct frontmatter fm;
	if (frontmatter_split(p->file, text, len, &fm) < 0) {
		p->failed = 1;
		free(text);
		return 1;
	}
	if (fm.yaml) {
		p->fm = yaml_parse(p->file, fm.yaml, fm.yaml_len, fm.yaml_line - 1);
		if (p->fm == NULL)
			p->failed = 1;
		else if (p->fm->type != META_MAP && !loose) {
			diag_error(p->file, p->fm->line, p->fm->col,
				   "front matter must be a mapping of keys to values");
			p->failed = 1;
		}
	}
	if (p->fm == NULL || p->fm->type != META_MAP) {
		meta_free(p->fm);
		p->fm = meta_new(META_MAP, p->file, 1, 1);
	}
	load_frontmatter(p);
	p->doc = parsed_use(parsed, slot, p->source, fm.body, fm.body_len, fm.body_line, p->file);
	if (p->doc == NULL) {
		unsigned long said = diag_said_here();
		p->doc = md_parse(p->file, fm.body, fm.body_len, fm.body_line - 1);
		if (parsed && diag_said_here() == said)
			parsed_keep(parsed, slot, p->source, fm.body, fm.body_len, fm.body_line, p->doc);
	}
	title_take(p);
	free(text);
	return p->failed;
}

int load_read(struct page *p, const char *dir, const char *path, int loose)
{
	return load_read_kept(p, dir, path, loose, NULL, 0);
}

int load_reread(struct page *p, const struct site *s)
{
	return load_read_kept(p, s->dir, p->file, 0, s->parsed, PARSED_ALONE);
}

struct load_pages {
	struct site *s;
	void (*after)(struct site *s, struct page *p);
};

static void load_page(size_t i, int worker, void *ctx)
{
	(void)worker;
	struct load_pages *lp = ctx;
	struct page *p = lp->s->pages[i];
	load_read_kept(p, lp->s->dir, p->file, 0, lp->s->parsed, i);
	if (lp->after)
		lp->after(lp->s, p);
}

static char *load_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return xstrndup(base, strlen(base) - 3);	/* drop ".md" */
}

struct page *load_page_new(const char *source)
{
	struct page *p = xcalloc(1, sizeof *p);
	p->source = xstrdup(source);
	p->file = fs_join("content", source);
	const char *slash = strrchr(source, '/');
	p->section = slash ? xstrndup(source, (size_t)(slash - source)) : xstrdup("");
	char *stem = load_stem(source);
	/* _index.md (Hugo) or index.md (VitePress, MkDocs, GitHub) */
	p->is_index = strcmp(stem, "_index") == 0 || strcmp(stem, "index") == 0;
	free(stem);
	return p;
}

char *load_yaml_name(const char *rel, const char *file)
{
	size_t n = strlen(file);
	n -= load_ends(file, ".yaml") ? 5 : load_ends(file, ".yml") ? 4 : 0;
	if (memchr(file, '.', n) == NULL)
		return xstrndup(file, n);
	diag_error(rel, 0, 0, "'%.*s' cannot be a name in site.data or for a checklist: "
		   "a dot is not allowed (x.y.yaml and x.yaml would both be x)", (int)n, file);
	return NULL;
}

static void load_data(struct site *s)
{
	s->data = meta_new(META_MAP, NULL, 0, 0);
	char *dir = fs_join(s->dir, "content/data");
	size_t n;
	char **names = fs_list(dir, &n);
	for (size_t i = 0; i < n; i++) {
		const char *nm = names[i];
		if (nm[0] == '.' || !(load_ends(nm, ".yaml") || load_ends(nm, ".yml")))
			continue;
		char *rel = xasprintf("content/data/%s", nm);
		char *key = load_yaml_name(rel, nm);
		const struct meta *had = key ? meta_get(s->data, key) : NULL;
		if (had)
			diag_error(rel, 0, 0, "site.data.%s is already %s", key, had->file);
		size_t len;
		char *text = key && !had ? load_text(s->dir, rel, &len) : NULL;
		if (text) {
			struct meta *v = yaml_parse(rel, text, len, 0);
			if (v) {
				meta_add(s->data, key, v);
				/* the values point at the file name: keep it */
				s->datafiles = xrealloc(s->datafiles,
					(s->ndatafiles + 1) * sizeof *s->datafiles);
				s->datafiles[s->ndatafiles++] = rel;
				rel = NULL;
			}
		}
		free(text);
		free(rel);
		free(key);
	}
	fs_list_free(names, n);
	free(dir);
}

/* The data sets among content/data/ and the sheets in
 * content/checklists/, checked (input/dataset, input/checklist). */
static void load_figures(struct site *s)
{
	s->datasets = xcalloc(1, sizeof *s->datasets);
	dataset_load_all(s->data, s->datasets);
	s->checklists = xcalloc(1, sizeof *s->checklists);
	checklist_load_all(s->dir, s->checklists);
}

/* content/profiles.yaml: the audience axes (passes/profile checks it). */
static void load_profiles(struct site *s)
{
	const char *rel = "content/profiles.yaml";
	struct stat st;
	if (confine_stat(s->dir, rel, &st) < 0 && errno == ENOENT)
		return;	/* a project without audiences */
	size_t len;
	char *text = load_text(s->dir, rel, &len);
	if (text)
		s->profiles_meta = yaml_parse(rel, text, len, 0);
	free(text);
}

static int load_config(struct site *s)
{
	struct stat st;
	if (confine_stat(s->dir, "site.yaml", &st) < 0 && errno == ENOENT) {
		diag_error(NULL, 0, 0, "%s is not a tebiki project: site.yaml: %s",
			   s->dir, strerror(errno));
		return 2;
	}
	size_t len;
	char *text = load_text(s->dir, "site.yaml", &len);
	s->config = text ? yaml_parse("site.yaml", text, len, 0) : NULL;
	free(text);
	if (s->config && s->config->type != META_MAP) {
		diag_error("site.yaml", s->config->line, s->config->col,
			   "site.yaml must be a mapping of keys to values");
		meta_free(s->config);
		s->config = NULL;
	}
	if (s->config == NULL) {
		s->config = meta_new(META_MAP, "site.yaml", 1, 1);
		return 1;
	}
	config_check(s);
	return 0;
}

int load_site(struct site *s, const char *dir, int jobs,
	      void (*after)(struct site *s, struct page *p))
{
	s->dir = xstrdup(dir);
	s->jobs = jobs;
	int rc = load_config(s);
	if (rc == 2)
		return 2;
	struct stat st;
	if (confine_stat(dir, "content", &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (errno == EXDEV || errno == ELOOP)
			diag_error("content", 0, 0, "not read: %s", confine_strerror(errno));
		else
			diag_error(NULL, 0, 0, "%s is not a tebiki project: no content/ folder", dir);
		return 2;
	}
	struct load_list files = {0};
	confine_walk(dir, "content", NULL, load_visit, &files);
	s->pages = xcalloc(files.n + 1, sizeof *s->pages);
	for (size_t i = 0; i < files.n; i++) {
		s->pages[i] = load_page_new(files.items[i]);
		free(files.items[i]);
	}
	s->npages = files.n;
	free(files.items);
	if (s->parsed)
		parsed_begin(s->parsed, s->npages);
	struct load_pages lp = {s, after};
	pool_run(jobs, s->npages, load_page, &lp);
	parsed_end(s->parsed);
	load_data(s);
	load_profiles(s);
	load_figures(s);
	return diag_errors() ? 1 : rc;
}
