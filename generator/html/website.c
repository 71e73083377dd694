/* website: the templates are compiled to Lua source once; each worker
 * thread loads them into its own sandboxed state with its own copy of
 * the site tables, so workers share nothing but read-only model data
 * and every page renders the same whatever the number of threads. */
#include "website.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/confine.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/pool.h"
#include "../base/strmap.h"
#include "../base/utf8.h"
#include "../base/watchdog.h"
#include "../base/xalloc.h"
#include "../model/checklist.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "../model/theme.h"
#include "../script/lua.h"
#include "../script/template.h"
#include "block.h"
#include "html.h"
#include "search.h"

struct website_tpl {
	char *name;		/* "partials/nav.html" */
	char *file;		/* for diagnostics */
	struct buf lua;
};

struct website {
	struct site *s;
	const char *sitedir;
	const char *version;
	struct website_tpl *tpls;
	size_t ntpls;
	struct script_req *jobs;
	const struct doc **docs;	/* body of each job, or NULL */
	size_t njobs;
	struct script **states;
	int *broken;		/* per worker: state could not be set up */
	struct script_limits limits;
	struct html_opts html;
	char **assets;		/* the theme's assets/ files, theme-relative */
	size_t nassets;
	const char *same_as;	/* serve: pages it has as made are not written */
	unsigned char *kept;	/* … per job: it had this one */
};

/* The templates: every .html under the theme's templates/, compiled
 * once; read beneath the theme's folder (base/confine). */
struct website_walk {
	struct website *w;
	const char *theme, *display;
};

static int website_template(void *ctx, const char *rel, const struct stat *st)
{
	struct website_walk *ww = ctx;
	struct website *w = ww->w;
	size_t l = strlen(rel);
	if (S_ISDIR(st->st_mode))
		return 1;
	if (l <= 5 || strcmp(rel + l - 5, ".html") != 0)
		return 0;
	w->tpls = xrealloc(w->tpls, (w->ntpls + 1) * sizeof *w->tpls);
	struct website_tpl *t = &w->tpls[w->ntpls++];
	memset(t, 0, sizeof *t);
	t->name = xstrdup(rel + strlen("templates/"));
	t->file = xasprintf("%s/%s", ww->display, rel);
	size_t len;
	char *text = confine_read(ww->theme, rel, &len);
	if (text == NULL)
		diag_error(t->file, 0, 0, "cannot read: %s", confine_strerror(errno));
	else if (template_compile(t->file, text, len, &t->lua) < 0)
		buf_reset(&t->lua);
	free(text);
	return 0;
}

static void website_collect(struct website *w, const char *theme, const char *display)
{
	struct website_walk ww = {w, theme, display};
	confine_walk(theme, "templates", display, website_template, &ww);
}

static int website_has(const struct website *w, const char *name)
{
	for (size_t i = 0; i < w->ntpls; i++)
		if (strcmp(w->tpls[i].name, name) == 0)
			return 1;
	return 0;
}

/* The theme's folder (model/theme.c), as strings this file frees. */
static char *website_theme(struct site *s, char **display)
{
	const char *shown;
	const char *dir = theme_find(s, &shown);
	*display = dir ? xstrdup(shown) : NULL;
	return dir ? xstrdup(dir) : NULL;
}

static void website_add(struct website *w, struct script_req r, const struct doc *d)
{
	if (!website_has(w, r.template)) {
		diag_warning(NULL, 0, 0, "the theme has no template %s: %s is not written",
			     r.template, r.url);
		return;
	}
	w->jobs = xrealloc(w->jobs, (w->njobs + 1) * sizeof *w->jobs);
	w->docs = xrealloc(w->docs, (w->njobs + 1) * sizeof *w->docs);
	w->jobs[w->njobs] = r;
	w->docs[w->njobs++] = d;
}

/* A page for each self-diagnosis sheet that names one (page: in
 * content/checklists/NAME.yaml). */
static void website_checklists(struct website *w)
{
	const struct checklists *all = w->s->checklists;
	for (size_t i = 0; all && i < all->n; i++) {
		const struct checklist *cl = &all->v[i];
		if (cl->page && !cl->broken)
			website_add(w, (struct script_req){.kind = SCRIPT_CHECKLIST,
				.template = "selfcheck.html", .url = cl->page,
				.title = cl->title, .checklist = cl->meta}, NULL);
	}
}

/* page-<section>.html for the pages of a section and of the sections
 * under it ("guide/basics" tries page-guide-basics.html, then
 * page-guide.html), else page.html. */
static const char *website_page_template(const struct website *w, const struct section *sec)
{
	for (; sec; sec = sec->parent) {
		char *special = xasprintf("page-%s.html", sec->name);
		for (char *c = special; *c; c++)
			if (*c == '/')
				*c = '-';
		for (size_t k = 0; k < w->ntpls; k++)
			if (strcmp(w->tpls[k].name, special) == 0) {
				free(special);
				return w->tpls[k].name;
			}
		free(special);
	}
	return "page.html";
}

static void website_page(struct website *w, struct page *p)
{
	website_add(w, (struct script_req){.kind = SCRIPT_PAGE,
		.template = website_page_template(w, p->sec), .url = p->url,
		.title = p->title, .page = p, .section = p->sec}, p->doc);
}

/* What writes an output page, and where that is said (its file, or
 * NULL): for a collision. */
static const char *website_origin(const struct script_req *r, int *line, int *col,
				  struct buf *what)
{
	*line = *col = 0;
	const struct meta *m;
	switch (r->kind) {
	case SCRIPT_PAGE:
		buf_adds(what, r->page->file);
		*line = *col = 1;
		return r->page->file;
	case SCRIPT_HOME:
		buf_adds(what, "the home page");
		return r->page ? r->page->file : NULL;
	case SCRIPT_SECTION:
		buf_addf(what, "the section content/%s/", r->section->name);
		return r->page ? r->page->file : what->p + strlen("the section ");
	case SCRIPT_TAXONOMY:
		buf_addf(what, "the list of %s", r->taxonomy->key);
		return NULL;
	case SCRIPT_TERM:
		buf_addf(what, "the page of %s '%s'", r->taxonomy->key, r->term->name);
		if (r->term->npages == 0)
			return NULL;
		m = meta_get(r->term->pages[0]->fm, r->taxonomy->key);
		*line = m ? m->line : 0;
		*col = m ? m->col : 0;
		return r->term->pages[0]->file;
	case SCRIPT_CHECKLIST:
		m = meta_get(r->checklist, "page");
		buf_addf(what, "the checklist page of %s", m ? m->file : "a checklist");
		*line = m ? m->line : 0;
		*col = m ? m->col : 0;
		return m ? m->file : NULL;
	default:
		buf_addf(what, "tebiki's own %s", r->url);
		return NULL;
	}
}

/* A site path as the file system may see it: without "./" and empty
 * folders and, for Windows and macOS, without case. */
static char *website_key(const char *url)
{
	struct buf k = {0};
	for (const char *u = url; *u; u++) {
		if ((u == url || u[-1] == '/') && u[0] == '.' && u[1] == '/') {
			u++;	/* "./" */
			continue;
		}
		if (*u == '/' && (k.n == 0 || k.p[k.n - 1] == '/'))
			continue;
		buf_addc(&k, *u >= 'A' && *u <= 'Z' ? (char)(*u - 'A' + 'a') : *u);
	}
	return buf_detach(&k);
}

/* Two output pages may not be one file: a checklist's page: of
 * a/./page.html or downloads.html, a folder named tags/, the tags
 * Security and security. Compared as the file system may: without
 * "./" and, for Windows and macOS, without case. (Two pages of
 * content/ are passes/organize's to report.) */
static void website_collisions(struct website *w)
{
	struct strmap seen = {0};
	char **keys = xcalloc(w->njobs + 1, sizeof *keys);
	for (size_t i = 0; i < w->njobs; i++) {
		keys[i] = website_key(w->jobs[i].url);
		size_t *at = strmap_get(&seen, keys[i]);
		if (at == NULL) {
			*strmap_put(&seen, keys[i]) = i;
			continue;
		}
		const struct script_req *a = &w->jobs[*at], *b = &w->jobs[i];
		if (a->kind == SCRIPT_PAGE && b->kind == SCRIPT_PAGE)
			continue;
		struct buf wa = {0}, wb = {0};
		int la, ca, lb, cb;
		const char *fa = website_origin(a, &la, &ca, &wa), *fb = website_origin(b, &lb, &cb, &wb);
		if (fb)
			diag_error(fb, lb, cb, "%s and %s would both be written to %s",
				   wb.p, wa.p, b->url);
		else
			diag_error(fa, la, ca, "%s and %s would both be written to %s",
				   wa.p, wb.p, a->url);
		buf_free(&wa);
		buf_free(&wb);
	}
	for (size_t i = 0; i < w->njobs; i++)
		free(keys[i]);
	free(keys);
	strmap_free(&seen);
}

/* The files the site gets besides its pages, for website_files_clash. */
struct website_file {
	char *key;		/* website_key of where it goes */
	char *what;		/* for the diagnostic */
	const char *file;	/* where to report it, or NULL */
};

struct website_files {
	struct website_file *v;
	size_t n;
};

static void website_file_add(struct website_files *f, const char *to, char *what,
			     const char *file)
{
	f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
	f->v[f->n++] = (struct website_file){website_key(to), what, file};
}

static int website_asset_name(void *ctx, const char *rel, const struct stat *st)
{
	struct website *w = ctx;
	if (S_ISDIR(st->st_mode))
		return 1;
	w->assets = xrealloc(w->assets, (w->nassets + 1) * sizeof *w->assets);
	w->assets[w->nassets++] = xstrdup(rel);
	return 0;
}

/* Every file of the site is written once: a linked file of content/
 * (css/site.css, pdf/book.pdf, search/meta.js) copied over the theme's
 * asset, a PDF's copy or the search index, or a page, was silently the
 * one that won. The pages among themselves: website_collisions. */
static void website_files_clash(struct website *w, const char *theme, const char *display)
{
	struct site *s = w->s;
	struct website_files f = {0};
	struct strmap seen = {0};	/* borrows the keys */
	char **pages = xcalloc(w->njobs + 1, sizeof *pages);
	for (size_t i = 0; i < w->njobs; i++) {
		pages[i] = website_key(w->jobs[i].url);
		if (strmap_get(&seen, pages[i]) == NULL)
			*strmap_put(&seen, pages[i]) = SIZE_MAX - i;	/* a page: its job */
	}
	if (site_config_str(s, "base_url", "")[0])
		website_file_add(&f, "sitemap.xml", xstrdup("tebiki's sitemap.xml"), NULL);
	if (website_has(w, "search.html"))
		website_file_add(&f, "search/meta.js", xstrdup("tebiki's search index"), NULL);
	for (size_t i = 0; i < s->npubs; i++) {
		char *to = xasprintf("pdf/%s.pdf", s->pubs[i].id);
		website_file_add(&f, to, xasprintf("the publication %s", to), NULL);
		free(to);
	}
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++)
		if (s->checklists->v[i].pdf) {
			char *to = xasprintf("pdf/%s", s->checklists->v[i].pdf);
			website_file_add(&f, to, xasprintf("the sheet of %s", s->checklists->v[i].file),
					 s->checklists->v[i].file);
			free(to);
		}
	size_t own = f.n;
	confine_walk(theme, "assets", display, website_asset_name, w);
	for (size_t i = 0; i < w->nassets; i++)
		website_file_add(&f, w->assets[i] + strlen("assets/"),
				 xasprintf("the theme's %s", w->assets[i]), NULL);
	size_t assets = f.n;
	for (size_t i = 0; i < s->nimages; i++)
		website_file_add(&f, strchr(s->images[i], '/') + 1, xstrdup(s->images[i]),
				 s->images[i]);
	for (size_t i = 0; i < f.n; i++) {
		const struct website_file *b = &f.v[i];
		size_t *at = strmap_get(&seen, b->key);
		const char *index = i >= own && (!strncmp(b->key, "search/p/", 9) ||
						 !strncmp(b->key, "search/s/", 9))
				    ? "tebiki's search index" : NULL;
		if (at == NULL && index == NULL) {
			*strmap_put(&seen, b->key) = i;
			continue;
		}
		struct buf wa = {0};
		int line = 0, col = 0;
		const char *fa = NULL;
		if (index)
			buf_adds(&wa, index);
		else if (*at >= SIZE_MAX - w->njobs)
			fa = website_origin(&w->jobs[SIZE_MAX - *at], &line, &col, &wa);
		else
			buf_adds(&wa, f.v[*at].what), fa = f.v[*at].file;
		const char *to = i >= assets ? strchr(s->images[i - assets], '/') + 1 : b->key;
		if (b->file)
			diag_error(b->file, 0, 0, "%s and %s would both be written to %s",
				   b->what, wa.p, to);
		else
			diag_error(fa, line, col, "%s and %s would both be written to %s",
				   wa.p, b->what, to);
		buf_free(&wa);
	}
	for (size_t i = 0; i < f.n; i++) {
		free(f.v[i].key);
		free(f.v[i].what);
	}
	free(f.v);
	for (size_t i = 0; i < w->njobs; i++)
		free(pages[i]);
	free(pages);
	strmap_free(&seen);
}

static void website_plan(struct website *w)
{
	struct site *s = w->s;
	const char *title = site_config_str(s, "title", "");
	website_add(w, (struct script_req){.kind = SCRIPT_HOME, .template = "home.html",
		.url = "index.html", .title = s->home ? s->home->title : title, .page = s->home},
		s->home ? s->home->doc : NULL);
	for (size_t i = 0; i < s->nsections; i++) {
		struct section *sec = &s->sections[i];
		website_add(w, (struct script_req){.kind = SCRIPT_SECTION,
			.template = "section.html", .url = sec->url, .title = sec->title,
			.page = sec->index, .section = sec}, sec->index ? sec->index->doc : NULL);
		for (size_t j = 0; j < sec->npages; j++)
			website_page(w, sec->pages[j]);
	}
	for (size_t i = 0; i < s->nroot_pages; i++)
		website_page(w, s->root_pages[i]);
	for (int t = 0; t < TAX__COUNT; t++) {
		struct taxonomy *tax = &s->tax[t];
		if (tax->nterms == 0)
			continue;
		tax->url = xasprintf("%s/index.html", tax->name);
		website_add(w, (struct script_req){.kind = SCRIPT_TAXONOMY,
			.template = "taxonomy.html", .url = tax->url,
			.title = tax->title, .taxonomy = tax}, NULL);
		for (size_t i = 0; i < tax->nterms; i++)
			website_add(w, (struct script_req){.kind = SCRIPT_TERM,
				.template = "term.html", .url = tax->terms[i].url,
				.title = tax->terms[i].name, .taxonomy = tax,
				.term = &tax->terms[i]}, NULL);
	}
	website_checklists(w);
	website_add(w, (struct script_req){.kind = SCRIPT_DOWNLOADS, .template = "downloads.html",
		.url = "downloads.html", .title = "ダウンロード"}, NULL);
	website_add(w, (struct script_req){.kind = SCRIPT_404, .template = "404.html",
		.url = "404.html", .title = "ページが見つかりません"}, NULL);
	if (website_has(w, "search.html"))	/* a theme without it has no search */
		website_add(w, (struct script_req){.kind = SCRIPT_SEARCH,
			.template = "search.html", .url = "search.html", .title = "サイト内検索"}, NULL);
	website_collisions(w);
}

static struct script *website_state(struct website *w, int worker, int quiet)
{
	if (w->states[worker] || w->broken[worker])
		return w->states[worker];
	struct script *S = script_new(&w->limits);
	int bad = S == NULL;
	for (size_t i = 0; !bad && i < w->ntpls; i++)
		if (w->tpls[i].lua.n &&
		    script_load_template(S, w->tpls[i].name, w->tpls[i].file,
					 w->tpls[i].lua.p, w->tpls[i].lua.n, quiet) < 0)
			bad = 1;
	if (!bad && script_set_site(S, w->s, w->version) < 0)
		bad = 1;
	if (bad) {
		script_free(S);
		w->broken[worker] = 1;
		return NULL;
	}
	return w->states[worker] = S;
}

/* Job i of website_states: the state of worker i. Worker 0's reports
 * what is wrong; the others, the same templates and site again, are
 * silent. */
static void website_state_job(size_t i, int worker, void *ctx)
{
	struct website *w = ctx;
	diag_mute(i > 0);
	website_state(w, (int)i, i > 0);
	diag_mute(0);
}

/* The states of a build that ends the process: closing them took
 * 15 ms at 10,000 pages, just before exit. Reachable from here, so leak
 * checkers do not count them lost. */
static struct script **volatile website_left;

static void website_leave(struct website *w, int jobs)
{
	website_left = w->states;
	w->states = xcalloc((size_t)jobs, sizeof *w->states);
}

static void website_state_free(size_t i, int worker, void *ctx)
{
	(void)worker;
	struct website *w = ctx;
	script_free(w->states[i]);
	w->states[i] = NULL;
}

/* Every worker's state, made at once: each is the whole site as Lua
 * tables (a tenth of a minimal build's time at 10,000 pages), and the
 * others waited for the first. Returns worker 0's. */
static struct script *website_states(struct website *w, int jobs)
{
	pool_run(jobs, (size_t)jobs, website_state_job, w);
	for (int i = 1; i < jobs; i++)
		if (w->broken[i]) {	/* made again at its first page, saying why */
			script_free(w->states[i]);
			w->states[i] = NULL;
			w->broken[i] = 0;
		}
	return w->states[0];
}

/* What a template wrote must be UTF-8 text without NUL, as the pages
 * are: a Lua string can hold any bytes. */
static int website_utf8(const struct script_req *r, const struct buf *out)
{
	size_t n = out->n, bad = out->p ? utf8_check(out->p, n) : n;
	const char *nul = out->p ? memchr(out->p, '\0', bad) : NULL;
	if (nul == NULL && bad == n)
		return 0;
	int line, col;
	utf8_position(out->p, nul ? (size_t)(nul - out->p) : bad, &line, &col);
	if (nul)
		diag_error(r->template_file, 0, 0, "%s as the template made it has a NUL byte "
			   "(\\0) on its line %d", r->url, line);
	else
		diag_error(r->template_file, 0, 0, "%s as the template made it is not UTF-8 text "
			   "(byte 0x%02X on its line %d)", r->url, (unsigned char)out->p[bad], line);
	return -1;
}

/* Writes job i's page; for serve, only if the served copy differs: a
 * whole rebuild of 10,000 pages that changes 30 of them otherwise
 * creates and deletes 10,000 files, most of its time in the kernel. */
static void website_emit(struct website *w, size_t i, const char *url, const struct buf *out)
{
	if (w->kept) {
		char *served = fs_join(w->same_as, url);
		w->kept[i] = (unsigned char)fs_holds(served, out->p ? out->p : "", out->n);
		free(served);
		if (w->kept[i])
			return;
	}
	char *path = fs_join(w->sitedir, url);
	if (fs_write(path, out->p ? out->p : "", out->n) < 0 && fs_report(errno))
		diag_error(NULL, 0, 0, "cannot write site/%s: %s", url, fs_strerror(errno));
	free(path);
}

static void website_render(size_t i, int worker, void *ctx)
{
	struct website *w = ctx;
	struct script *S = website_state(w, worker, 1);
	if (S == NULL)
		return;
	struct buf body = {0}, out = {0};
	struct script_req r = w->jobs[i];
	for (size_t k = 0; k < w->ntpls; k++)
		if (strcmp(w->tpls[k].name, r.template) == 0)
			r.template_file = w->tpls[k].file;
	if (w->docs[i]) {
		struct html_opts ho = w->html;
		ho.url = r.url;	/* blocks link relative to their page */
		html_render(w->docs[i], &ho, &body);
		r.content = body.p ? body.p : "";
	} else if (r.kind == SCRIPT_CHECKLIST) {
		block_sheet(&body, w->s, r.url, r.checklist);
		r.content = body.p ? body.p : "";
	}
	if (script_render(S, &r, &out) == 0 && website_utf8(&r, &out) == 0 && w->sitedir)
		website_emit(w, i, r.url, &out);
	buf_free(&body);
	buf_free(&out);
}

/* The theme's assets/ as they are (website_files_clash found them),
 * into the site's root. */
static void website_files(struct website *w, const char *theme, const char *display)
{
	struct site *s = w->s;
	for (size_t i = 0; i < w->nassets; i++) {
		const char *rel = w->assets[i];
		char *to = fs_join(w->sitedir, rel + strlen("assets/"));
		if (confine_copy(theme, rel, to) < 0 && fs_report(errno))
			diag_error(NULL, 0, 0, "cannot copy %s/%s to site/%s: %s", display, rel,
				   rel + strlen("assets/"), confine_strerror(errno));
		free(to);
	}
	for (size_t i = 0; i < s->nimages; i++) {
		/* content/a/b.png, static/a/b.png, public/a/b.png → a/b.png */
		const char *from = s->images[i];
		char *to = fs_join(w->sitedir, strchr(from, '/') + 1);
		if (confine_copy(s->dir, from, to) < 0 && fs_report(errno))
			diag_error(from, 0, 0, "cannot copy: %s", confine_strerror(errno));
		free(to);
	}
}

/* sitemap.xml lists the content pages when base_url says where the site lives. */
static void website_sitemap(struct website *w)
{
	const char *base = site_config_str(w->s, "base_url", "");
	if (!base[0])
		return;
	struct buf b = {0};
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	size_t bl = strlen(base);
	for (size_t i = 0; i < w->njobs; i++) {
		if (w->jobs[i].kind == SCRIPT_404)
			continue;
		buf_adds(&b, "  <url><loc>");
		html_escape(&b, base, bl);
		if (bl && base[bl - 1] != '/')
			buf_addc(&b, '/');
		html_escape_href(&b, w->jobs[i].url, strlen(w->jobs[i].url));
		buf_adds(&b, "</loc></url>\n");
	}
	buf_adds(&b, "</urlset>\n");
	char *path = fs_join(w->sitedir, "sitemap.xml");
	if (fs_write(path, b.p, b.n) < 0 && fs_report(errno))
		diag_error(NULL, 0, 0, "cannot write site/sitemap.xml: %s", fs_strerror(errno));
	free(path);
	buf_free(&b);
}

static void website_free(struct website *w, int nstates)
{
	for (size_t i = 0; i < w->ntpls; i++) {
		free(w->tpls[i].name);
		free(w->tpls[i].file);
		buf_free(&w->tpls[i].lua);
	}
	free(w->tpls);
	for (int i = 0; i < nstates; i++)
		script_free(w->states[i]);
	free(w->states);
	free(w->broken);
	free(w->jobs);
	free(w->docs);
	for (size_t i = 0; i < w->nassets; i++)
		free(w->assets[i]);
	free(w->assets);
	free(w->kept);
	for (int t = 0; t < TAX__COUNT; t++) {
		free(w->s->tax[t].url);
		w->s->tax[t].url = NULL;
	}
}

static void website_setup(struct website *w, struct site *s, const char *sitedir,
			  const char *version)
{
	*w = (struct website){.s = s, .sitedir = sitedir, .version = version};
	struct site_limits lim = site_limits(s);
	w->limits.instructions = (long)lim.instructions;
	w->limits.memory = (size_t)lim.memory_mb << 20;
	watchdog_limit((int)lim.seconds);
	struct meta *unsafe = meta_get(meta_get(s->config, "markdown"), "unsafe");
	w->html.unsafe = unsafe && unsafe->type == META_BOOL && unsafe->u.b;
	w->html.warn = 1;
	w->html.profiles = s->profiles.present ? &s->profiles : NULL;
	w->html.site = s;
	w->html.lang = site_config_str(s, "language", "ja");
}

/* serve: the pages kept as they were, by URL. */
static void website_kept(struct website *w, struct website_serve *serve)
{
	serve->kept = xcalloc(w->njobs + 1, sizeof *serve->kept);
	serve->nkept = 0;
	for (size_t i = 0; w->kept && i < w->njobs; i++)
		if (w->kept[i])
			serve->kept[serve->nkept++] = xstrdup(w->jobs[i].url);
	free(w->kept);
	w->kept = NULL;
}

long website_build(struct site *s, const char *sitedir, const char *version,
		   struct website_serve *serve)
{
	struct website w;
	website_setup(&w, s, sitedir, version);
	char *display;
	char *theme = website_theme(s, &display);
	int jobs = s->jobs > 0 ? s->jobs : 1;
	w.states = xcalloc((size_t)jobs, sizeof *w.states);
	w.broken = xcalloc((size_t)jobs, sizeof *w.broken);
	long done = 0;
	int before = diag_errors(), search_later = serve && serve->search_later;
	if (serve)
		serve->search_later = 0;
	if (theme) {
		website_collect(&w, theme, display);
		if (!website_has(&w, "page.html"))
			diag_error(NULL, 0, 0, "the theme %s has no templates/page.html", display);
	}
	if (theme && diag_errors() == before) {
		/* content errors do not stop the templates being checked */
		website_plan(&w);
		website_files_clash(&w, theme, display);
		if (serve && serve->same_as) {
			w.same_as = serve->same_as;
			w.kept = xcalloc(w.njobs ? w.njobs : 1, 1);
		}
		/* the first state reports template errors once, on this thread */
		if (website_states(&w, jobs) != NULL) {
			pool_run(jobs, w.njobs, website_render, &w);
			done = (long)w.njobs;
		}
		/* every page is written: the states' copies of the site (tens
		 * of MB at 10,000 pages) go before the search index is made,
		 * all at once as they were made; a build that ends the process
		 * with no index to make leaves them to the kernel */
		if (s->exiting && !website_has(&w, "search.html"))
			website_leave(&w, jobs);
		else
			pool_run(jobs, (size_t)jobs, website_state_free, &w);
		if (sitedir && diag_errors() == 0) {
			website_files(&w, theme, display);
			website_sitemap(&w);
			if (search_later)
				serve->search_later = website_has(&w, "search.html");
			else if (website_has(&w, "search.html"))
				search_write(s, sitedir);
		}
		if (serve)
			website_kept(&w, serve);
	}
	website_free(&w, jobs);
	free(theme);
	free(display);
	return done;
}

struct website *website_open(struct site *s, const char *version)
{
	struct website *w = xmalloc(sizeof *w);
	website_setup(w, s, NULL, version);
	char *display;
	char *theme = website_theme(s, &display);
	w->states = xcalloc(1, sizeof *w->states);
	w->broken = xcalloc(1, sizeof *w->broken);
	int before = diag_errors();
	if (theme)
		website_collect(w, theme, display);
	if (theme && diag_errors() == before && website_has(w, "page.html"))
		website_plan(w);
	if (theme == NULL || diag_errors() > before || !website_has(w, "page.html") ||
	    website_state(w, 0, 0) == NULL) {
		website_close(w);
		w = NULL;
	}
	free(theme);
	free(display);
	return w;
}

long website_again(struct website *w, const char *sitedir, struct page *const *pages, size_t n)
{
	struct site_limits lim = site_limits(w->s);
	watchdog_limit((int)lim.seconds);
	w->sitedir = sitedir;
	long done = 0;
	for (size_t i = 0; i < w->njobs; i++)
		for (size_t k = 0; w->jobs[i].page && k < n; k++)
			if (w->jobs[i].page == pages[k]) {
				w->docs[i] = pages[k]->doc;	/* its tree was replaced */
				website_render(i, 0, w);
				done++;
				break;
			}
	w->sitedir = NULL;
	return done;
}

int website_search(struct website *w, const char *sitedir)
{
	if (!website_has(w, "search.html"))
		return 0;
	if (sitedir)
		search_write(w->s, sitedir);
	return 1;
}

void website_close(struct website *w)
{
	if (w == NULL)
		return;
	website_free(w, 1);
	free(w);
}
