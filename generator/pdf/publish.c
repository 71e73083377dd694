/* publish: fonts are opened once and shared read-only by the worker
 * threads; each publication has its own layout and its own libharu
 * document, so the PDFs are the same whatever the number of threads.
 * The date in them is SOURCE_DATE_EPOCH, or else the newest
 * modification time of site.yaml and the chapters: a rebuild of the
 * same sources gives the same bytes. */
#include "publish.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/confine.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/pool.h"
#include "../base/xalloc.h"
#include "../input/unsupported.h"
#include "../input/load.h"
#include "../model/doc.h"
#include "../model/checklist.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "../model/theme.h"
#include "../passes/profile.h"
#include "../passes/xref.h"
#include "../script/filter.h"
#include "draw.h"
#include "image.h"
#include "link.h"
#include "out.h"
#include "pdf.h"
#include "sheet.h"

struct publish_job {
	struct pdf_job job;
	struct pdf_chapter *ch;	/* every chapter listed … */
	size_t nch;
	struct pdf_chapter *use;	/* … and those of this attempt */
	char *subtitle;		/* with the audience, for a tailored one */
	struct publication *pub;	/* NULL for tebiki render and sheets */
	const struct checklist *sheet;	/* a check sheet's job, or NULL */
	int tier;		/* to start the longest first: books and reports, */
	size_t cost;		/* sheets, handouts; then by nodes to set */
	struct site *site;	/* its chapters are copied and filtered … */
	struct variant variant;	/* … for this variant (format "pdf") */
	char *path;		/* where to write, or NULL */
	const char *display;	/* its name in diagnostics */
	char *shown;		/* … when it is made here */
	int dump;		/* print the layout instead */
	struct buf dumped;
};

struct publish {
	struct pdf_env env;
	struct publish_job *jobs;
	size_t n;
	size_t *order;		/* the jobs in the order to start them, or NULL */
};

static int publish_low(const struct page *p)
{
	const char *v = meta_str(meta_get(p->fm, "priority"));
	return v && strcmp(v, "low") == 0;
}

static int publish_tailored(const struct variant *v)
{
	for (int a = 0; a < AXIS__COUNT; a++)
		if (v->value[a])
			return 1;
	return 0;
}

/* Is the heading with this id inside a block the variant leaves out? */
static int publish_anchor_excluded(const struct page *t, const char *id, const struct variant *v)
{
	for (struct doc_node *n = t->doc->root; n; n = doc_walk_next(n, t->doc->root)) {
		if (n->type != DOC_HEADING || n->u.heading.id == NULL || strcmp(n->u.heading.id, id))
			continue;
		for (const struct doc_node *a = n->parent; a; a = a->parent)
			if (!profile_node_applies(a, v))
				return 1;
		return 0;
	}
	return 0;
}

/* A link from what the variant keeps to what it leaves out would lead
 * the reader of this handout nowhere: an error naming the variant. */
static void publish_check_links(struct publish_job *pj, const struct page *p, const struct doc *d)
{
	for (struct doc_node *n = d->root; n; n = doc_walk_next(n, d->root)) {
		if (n->type != DOC_LINK)
			continue;
		struct link_target t;
		link_target(n->u.link.url, NULL, p->source, NULL, NULL, &t);
		link_target_page(&t, pj->site);
		const struct page *target = t.source ? site_find_page(pj->site, t.source) : NULL;
		if (target && !profile_page_applies(target, &pj->variant))
			diag_error(p->file, (int)n->line, n->col,
				   "link to %s, which %s (%s) leaves out: the page is for other sizes or industries",
				   target->file, pj->pub->id,
				   pj->pub->audience ? pj->pub->audience : "");
		else if (target && t.fragment && publish_anchor_excluded(target, t.fragment, &pj->variant))
			diag_error(p->file, (int)n->line, n->col,
				   "link to #%s in %s, a block that %s (%s) leaves out",
				   t.fragment, target->file, pj->pub->id,
				   pj->pub->audience ? pj->pub->audience : "");
		link_target_free(&t);
	}
}

/* The chapters' trees as the PDF has them: copies tailored to the
 * variant (blocks for the site or for other audiences left out, and,
 * when a handout is over its budget, priority=low blocks and pages),
 * through the project's Lua filters for format "pdf". Layout never
 * changes a tree; the copies are for the filters, which may. */
static struct doc **publish_trees(struct publish_job *pj)
{
	pj->use = xcalloc(pj->nch + 1, sizeof *pj->use);
	pj->job.ch = pj->use;
	pj->job.nch = 0;
	if (pj->site == NULL) {
		memcpy(pj->use, pj->ch, pj->nch * sizeof *pj->ch);
		pj->job.nch = pj->nch;
		return NULL;
	}
	struct doc **docs = xcalloc(pj->nch + 1, sizeof *docs);
	int tailored = publish_tailored(&pj->variant);
	for (size_t k = 0; k < pj->nch; k++) {
		const struct page *p = pj->pub->chapters[k];
		if (pj->variant.drop_low && publish_low(p))
			continue;
		struct doc *d = profile_tailor(p->pdf_doc ? p->pdf_doc : p->doc, &pj->variant);
		if (tailored && !pj->variant.drop_low)
			publish_check_links(pj, p, d);
		filter_run(pj->site->filters, d, p, tailored ? &pj->variant : NULL, "pdf");
		if (p->pdf_doc)
			/* ids of the text as filtered for the PDF */
			xref_ids(d, p->anchor, (enum slug_style)pj->site->slugs, NULL, NULL);
		docs[pj->job.nch] = d;
		pj->use[pj->job.nch] = pj->ch[k];
		pj->use[pj->job.nch++].doc = d;
	}
	return docs;
}

static void publish_trees_free(struct publish_job *pj, struct doc **trees)
{
	for (size_t k = 0; trees && k < pj->job.nch; k++)
		doc_free(trees[k]);
	free(trees);
	free(pj->use);
	pj->use = NULL;
}

/* Lays out; a publication over its page budget is laid out again
 * without its priority=low blocks and pages, and is an error if it is
 * still over. */
static int publish_fit(struct publish *P, struct publish_job *pj, struct draw_doc *d)
{
	struct doc **trees = publish_trees(pj);
	int rc = pdf_layout(&P->env, &pj->job, d);
	publish_trees_free(pj, trees);
	int max = pj->pub ? pj->pub->max_pages : 0;
	if (rc < 0 || max == 0 || (int)d->npages <= max)
		return rc;
	draw_free(d);
	memset(d, 0, sizeof *d);
	pj->variant.drop_low = 1;
	trees = publish_trees(pj);
	rc = pdf_layout(&P->env, &pj->job, d);
	publish_trees_free(pj, trees);
	if (rc == 0 && (int)d->npages > max) {
		diag_error("site.yaml", pj->pub->line, pj->pub->col,
			   "%s%s%s%s is %d page%s over its budget of %d (%zu pages, even without its priority=low blocks)",
			   pj->pub->id, pj->pub->audience ? " (" : "",
			   pj->pub->audience ? pj->pub->audience : "", pj->pub->audience ? ")" : "",
			   (int)d->npages - max, (int)d->npages - max == 1 ? "" : "s", max, d->npages);
		rc = -1;
	}
	return rc;
}

/* A publication, or a fillable check sheet (content/checklists/NAME.yaml
 * with pdf:, which pdf/sheet.c lays out with its form fields). */
static void publish_one(size_t i, int worker, void *ctx)
{
	(void)worker;
	struct publish *P = ctx;
	struct publish_job *pj = &P->jobs[P->order ? P->order[i] : i];
	struct draw_doc d;
	memset(&d, 0, sizeof d);
	int rc = 0;
	if (pj->sheet)
		sheet_layout(&P->env, pj->sheet, NULL, &d);
	else
		rc = publish_fit(P, pj, &d);
	if (pj->pub)
		pj->pub->pages = (int)d.npages;
	if (pj->dump)
		draw_dump(&d, &pj->dumped);
	char why[256];
	errno = 0;	/* a full disk is said once (fs_report) */
	if (rc == 0 && pj->path && out_write(&d, P->env.fonts, pj->path, why, sizeof why) < 0 &&
	    fs_report(errno))
		diag_error(NULL, 0, 0, "cannot write %s: %s", pj->display, why);
	else if (rc == 0 && pj->path && pj->pub) {
		struct stat sb;
		if (stat(pj->path, &sb) == 0)
			pj->pub->size = (long)sb.st_size;
	}
	draw_free(&d);
}

static time_t publish_mtime(const char *path, time_t newest)
{
	struct stat sb;
	if (path && stat(path, &sb) == 0 && sb.st_mtime > newest)
		return sb.st_mtime;
	return newest;
}

/* SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the
 * newest of the files. */
static time_t publish_date(char *const *files, size_t n)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env && *env) {
		char *end;
		errno = 0;
		long long v = strtoll(env, &end, 10);
		if (*end == '\0' && errno == 0 && v >= 0 && v < 253402300800LL)
			return (time_t)v;
		diag_warning(NULL, 0, 0,
			     "SOURCE_DATE_EPOCH is not a number of seconds since 1970: '%s' ignored", env);
	}
	time_t newest = 0;
	for (size_t i = 0; i < n; i++)
		newest = publish_mtime(files[i], newest);
	return newest;
}

static int publish_env(struct publish *P, const char *themedir, const char *display,
		       const char *version)
{
	style_defaults(&P->env.st);
	image_budget_reset();	/* a build's images count afresh */
	P->env.creator = version;
	struct stat sb;
	int rc = 0;
	if (themedir && (confine_stat(themedir, "pdf.yaml", &sb) == 0 || errno != ENOENT)) {
		char *shown = xasprintf("%s/pdf.yaml", display);
		rc = style_load(&P->env.st, themedir, "pdf.yaml", shown);
		free(shown);
	}
	if (rc == 0)
		rc = pdf_env_open(&P->env);
	return rc;
}

static void publish_free(struct publish *P)
{
	for (size_t i = 0; i < P->n; i++) {
		free(P->jobs[i].ch);
		free(P->jobs[i].subtitle);
		free(P->jobs[i].path);
		free(P->jobs[i].shown);
		buf_free(&P->jobs[i].dumped);
	}
	free(P->jobs);
	free(P->order);
	pdf_env_close(&P->env);
	style_free(&P->env.st);
}

/* --- a site's publications -------------------------------------------- */

/* A page's problems are reported by the first publication that has it. */
static int publish_first_use(const struct site *s, size_t pi, const struct page *p)
{
	for (size_t i = 0; i < pi; i++)
		for (size_t k = 0; k < s->pubs[i].nchapters; k++)
			if (s->pubs[i].chapters[k] == p)
				return 0;
	return 1;
}

static size_t publish_nodes(const struct doc *d)
{
	size_t n = 0;
	for (struct doc_node *k = d ? d->root : NULL; k; k = doc_walk_next(k, d->root))
		n++;
	return n;
}

/* A sheet's file must not overwrite a publication's. */
static int publish_sheet_clash(const struct site *s, const struct checklist *cl)
{
	for (size_t i = 0; i < s->npubs; i++) {
		char *name = xasprintf("%s.pdf", s->pubs[i].id);
		int same = strcmp(name, cl->pdf) == 0;
		free(name);
		if (same) {
			const struct meta *v = meta_get(cl->meta, "pdf");
			diag_error(cl->file, v ? v->line : 0, v ? v->col : 0,
				   "pdf/%s is already the file of publication '%s'", cl->pdf,
				   s->pubs[i].id);
			return 1;
		}
	}
	return 0;
}

/* The check sheets after the publications, as jobs of the same pool. */
static void publish_plan_sheets(struct publish *P, struct site *s, const struct publish_opts *o)
{
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++) {
		const struct checklist *cl = &s->checklists->v[i];
		if (cl->pdf == NULL || cl->broken || publish_sheet_clash(s, cl))
			continue;
		struct publish_job *pj = &P->jobs[P->n++];
		pj->sheet = cl;
		pj->tier = 1;	/* its form's font is 600 KB of glyphs to subset */
		if (o->pdfdir) {
			pj->path = fs_join(o->pdfdir, cl->pdf);
			pj->display = pj->shown = xasprintf("pdf/%s", cl->pdf);
		}
	}
}

static int publish_by_cost(const void *a, const void *b, void *ctx)
{
	const struct publish_job *x = (const struct publish_job *)ctx + *(const size_t *)a;
	const struct publish_job *y = (const struct publish_job *)ctx + *(const size_t *)b;
	if (x->tier != y->tier)
		return x->tier < y->tier ? 1 : -1;
	if (x->cost != y->cost)
		return x->cost < y->cost ? 1 : -1;
	return x < y ? -1 : 1;
}

/* Longest first: a long book started last on one core while the other
 * idles is what a build of many PDFs waits for. Node counts say little
 * of a report (its charts and tables are a few nodes each), so the kind
 * goes first. Which job runs where changes no byte of any file. */
static void publish_order(struct publish *P)
{
	P->order = xcalloc(P->n ? P->n : 1, sizeof *P->order);
	for (size_t i = 0; i < P->n; i++)
		P->order[i] = i;
	qsort_r(P->order, P->n, sizeof *P->order, publish_by_cost, P->jobs);
}

static void publish_plan(struct publish *P, struct site *s, const struct publish_opts *o)
{
	static const enum pdf_kind kinds[] = {PDF_BOOK, PDF_HANDOUT, PDF_REPORT};
	size_t nsheets = s->checklists ? s->checklists->n : 0;
	P->jobs = xcalloc(s->npubs + nsheets + 1, sizeof *P->jobs);
	P->n = s->npubs;
	for (size_t i = 0; i < s->npubs; i++) {
		struct publication *pub = &s->pubs[i];
		struct publish_job *pj = &P->jobs[i];
		pj->pub = pub;
		pj->site = s;
		pj->variant = pub->variant;
		pj->variant.format = "pdf";
		pj->nch = pub->nchapters;
		pj->ch = xcalloc(pub->nchapters, sizeof *pj->ch);
		for (size_t k = 0; k < pub->nchapters; k++) {
			const struct page *p = pub->chapters[k];
			pj->ch[k] = (struct pdf_chapter){p->doc, p->file, p->source, p->url, p->title,
							 p->summary, publish_first_use(s, i, p), p->anchor,
							 pub->chapter_part && pub->chapter_part[k] >= 0
							 ? pub->parts[pub->chapter_part[k]] : NULL};
			pj->cost += publish_nodes(p->doc);
		}
		if (pub->audience)	/* whom a tailored publication is for, on its cover */
			pj->subtitle = pub->subtitle ? xasprintf("%s　%s", pub->subtitle, pub->audience)
						     : xstrdup(pub->audience);
		pj->job = (struct pdf_job){kinds[pub->kind], pub->title,
			pj->subtitle ? pj->subtitle : pub->subtitle,
			pub->author, pub->date, pj->ch, pub->nchapters, s->dir,
			site_config_str(s, "base_url", ""), o->warn_html, 1,
			s->profiles.present ? &s->profiles : NULL,
			site_config_str(s, "language", "ja"), s->blocks, &pj->variant, s};
		if (o->pdfdir) {
			pj->path = xasprintf("%s/%s.pdf", o->pdfdir, pub->id);
			/* not the staging folder's name: OUTDIR/pdf/ID.pdf */
			pj->display = pj->shown = xasprintf("pdf/%s.pdf", pub->id);
		}
		pj->dump = o->dump && strcmp(o->dump, pub->id) == 0;
		pj->tier = pub->kind == PUB_HANDOUT ? 0 : 2;
	}
	publish_plan_sheets(P, s, o);
	publish_order(P);
}

static time_t publish_site_date(const struct site *s)
{
	size_t n = 1;
	for (size_t i = 0; i < s->npubs; i++)
		n += s->pubs[i].nchapters;
	char **files = xcalloc(n, sizeof *files);
	files[0] = fs_join(s->dir, "site.yaml");
	n = 1;
	for (size_t i = 0; i < s->npubs; i++)
		for (size_t k = 0; k < s->pubs[i].nchapters; k++)
			files[n++] = fs_join(s->dir, s->pubs[i].chapters[k]->file);
	time_t t = publish_date(files, n);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return t;
}

static int publish_has_sheets(const struct site *s)
{
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++)
		if (s->checklists->v[i].pdf && !s->checklists->v[i].broken)
			return 1;
	return 0;
}

static void publish_copy_sheets(const struct site *s, const char *pdfdir, const char *copydir)
{
	for (size_t i = 0; pdfdir && copydir && s->checklists && i < s->checklists->n; i++) {
		const struct checklist *cl = &s->checklists->v[i];
		if (cl->pdf == NULL || cl->broken)
			continue;
		char *from = fs_join(pdfdir, cl->pdf), *to = fs_join(copydir, cl->pdf);
		struct stat sb;
		if (stat(from, &sb) == 0)	/* for the downloads page */
			((struct checklist *)cl)->size = (long)sb.st_size;
		if (fs_isfile(from) && fs_copy(from, to) < 0 && fs_report(errno))
			diag_error(NULL, 0, 0, "cannot copy pdf/%s into the site: %s", cl->pdf,
				   fs_strerror(errno));
		free(from);
		free(to);
	}
}

void publish_copy(struct site *s, const char *pdfdir, const char *copydir)
{
	publish_copy_sheets(s, pdfdir, copydir);
	for (size_t i = 0; pdfdir && i < s->npubs; i++) {
		char *from = xasprintf("%s/%s.pdf", pdfdir, s->pubs[i].id);
		struct stat sb;
		if (stat(from, &sb) == 0) {
			s->pubs[i].size = (long)sb.st_size;
			char *to = copydir ? xasprintf("%s/%s.pdf", copydir, s->pubs[i].id) : NULL;
			if (to && fs_copy(from, to) < 0 && fs_report(errno))
				diag_error(NULL, 0, 0, "cannot copy pdf/%s.pdf into the site: %s",
					   s->pubs[i].id, fs_strerror(errno));
			free(to);
		}
		free(from);
	}
}

/* check --dump-layout=ID: the layout of publication ID, on stdout. */
static void publish_dump(struct publish *P, const struct site *s, const char *id)
{
	int found = 0;
	for (size_t i = 0; id && i < P->n; i++) {
		const struct buf *b = &P->jobs[i].dumped;
		if (!P->jobs[i].dump)
			continue;
		found = 1;
		if (diag_errors() == 0)
			fwrite(b->p ? b->p : "", 1, b->n, stdout);
	}
	if (id && !found) {
		struct buf known = {0};
		for (size_t i = 0; i < s->npubs; i++)
			buf_addf(&known, "%s%s", i ? ", " : "", s->pubs[i].id);
		diag_error(NULL, 0, 0, "--dump-layout: no publication '%s' (known: %s)", id,
			   known.p ? known.p : "none");
		buf_free(&known);
	}
}

int publish_site(struct site *s, const struct publish_opts *o)
{
	if (s->npubs == 0 && !publish_has_sheets(s))
		return 0;
	const char *display;
	const char *theme = theme_find(s, &display);
	struct publish P;
	memset(&P, 0, sizeof P);
	if (theme == NULL || publish_env(&P, theme, display, o->version) < 0) {
		publish_free(&P);
		return 0;
	}
	P.env.date = publish_site_date(s);
	if (o->pdfdir && fs_mkdirs(o->pdfdir) < 0) {
		diag_error(NULL, 0, 0, "cannot create %s: %s", o->pdfdir, strerror(errno));
		publish_free(&P);
		return 0;
	}
	publish_plan(&P, s, o);
	pool_run(s->jobs > 0 ? s->jobs : 1, P.n, publish_one, &P);
	publish_dump(&P, s, o->dump);
	if (o->pdfdir && diag_errors() == 0)
		publish_copy(s, o->pdfdir, o->copydir);
	publish_free(&P);
	return (int)s->npubs;
}

/* --- tebiki render: files as one book ----------------------------------- */

/* 0, or 1 after a content error, 2 when the file cannot be read. */
static int publish_read(struct page *p, const char *path)
{
	p->file = (char *)path;
	p->source = (char *)path;
	int rc = load_read(p, NULL, path, 1);
	if (rc == 2 || p->doc == NULL)
		return rc ? rc : 1;
	unsupported_report(p->doc);
	xref_headings(p, SLUG_TEBIKI);
	if (p->title == NULL)
		p->title = xstrdup(path);
	return rc;
}

static void publish_file_free(struct page *p)
{
	p->file = p->source = NULL;
	site_page_free(p);
}

static int publish_files_run(struct publish *P, struct page **fs, int n,
			     const char *out, int dump)
{
	struct publish_job *pj = P->jobs;
	pj->ch = xcalloc((size_t)n, sizeof *pj->ch);
	for (int i = 0; i < n; i++) {
		const struct page *p = fs[i];
		pj->ch[i] = (struct pdf_chapter){p->doc, p->file, p->source, NULL, p->title,
						 p->summary, 1, p->anchor, NULL};
	}
	pj->nch = (size_t)n;
	pj->job = (struct pdf_job){.kind = PDF_BOOK, .title = n == 1 ? fs[0]->title : "tebiki",
		.ch = pj->ch, .nch = (size_t)n, .warn_html = 1};
	pj->dump = dump;
	if (!dump && out) {
		pj->path = xstrdup(out);
		pj->display = out;
	}
	publish_one(0, 0, P);
	if (dump && diag_errors() == 0)
		fwrite(pj->dumped.p ? pj->dumped.p : "", 1, pj->dumped.n, stdout);
	return diag_errors() ? 1 : 0;
}

int publish_files(char *const *files, int n, const char *out, int dump, const char *version)
{
	struct publish P;
	memset(&P, 0, sizeof P);
	struct page **fs = xcalloc((size_t)n, sizeof *fs);
	int bad = 0;
	for (int i = 0; i < n; i++) {
		fs[i] = xcalloc(1, sizeof *fs[i]);
		int r = publish_read(fs[i], files[i]);
		bad = r > bad ? r : bad;
	}
	int rc = bad == 2 ? 2 : 1;	/* 2: a file cannot be read */
	if (!bad && publish_env(&P, theme_shipped(), "themes/default", version) == 0) {
		P.env.date = publish_date(files, (size_t)n);
		P.jobs = xcalloc(1, sizeof *P.jobs);
		P.n = 1;
		rc = publish_files_run(&P, fs, n, out, dump);
	}
	for (int i = 0; i < n; i++)
		publish_file_free(fs[i]);
	free(fs);
	publish_free(&P);
	return rc;
}
