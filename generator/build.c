/* build: output goes to a hidden folder beside OUTDIR and is swapped
 * in only when the whole build succeeded, so a failed build leaves
 * the previous output exactly as it was. */
#include "build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/confine.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/watchdog.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "html/html.h"
#include "html/website.h"
#include "input/checklist.h"
#include "input/dataset.h"
#include "model/checklist.h"
#include "model/doc.h"
#include "model/meta.h"
#include "input/load.h"
#include "input/md.h"
#include "model/site.h"
#include "passes/a11y.h"
#include "passes/blocks.h"
#include "passes/coverage.h"
#include "input/publications.h"
#include "input/unsupported.h"
#include "passes/organize.h"
#include "passes/profile.h"
#include "passes/slug.h"
#include "passes/xref.h"
#include "pdf/publish.h"
#include "script/filter.h"
#include "outdir.h"
#include "version.h"

/* --only: the part of OUTDIR not built is taken over from the previous
 * output (moved, and moved back if the build fails). */
static int build_carry(const char *from_dir, const char *to_dir, const char *part)
{
	char *from = fs_join(from_dir, part), *to = fs_join(to_dir, part);
	int moved = fs_isdir(from) && !fs_isdir(to) && rename(from, to) == 0;
	free(from);
	free(to);
	return moved;
}

void build_publish(struct site *s, const struct build_opts *o, const char *pdfdir,
		   const char *copydir)
{
	struct meta *unsafe = meta_get(meta_get(s->config, "markdown"), "unsafe");
	struct publish_opts po = {pdfdir, copydir,
		o->only == BUILD_ONLY_PDF || (unsafe && unsafe->type == META_BOOL && unsafe->u.b),
		"tebiki " TEBIKI_VERSION, o->dump_layout};
	publish_site(s, &po);
}

/* The PDFs, before the site: its downloads page gives their sizes. */
static void build_pdfs(struct site *s, const struct build_opts *o, const char *staging,
		       const char *outdir, const char *sitedir, int *carried)
{
	char *pdfdir = staging ? fs_join(staging, "pdf") : NULL;
	char *copydir = sitedir ? fs_join(sitedir, "pdf") : NULL;
	if (o->only != BUILD_ONLY_SITE)
		build_publish(s, o, pdfdir, copydir);
	else if (staging && (*carried = build_carry(outdir, staging, "pdf")))
		publish_copy(s, pdfdir, copydir);
	free(pdfdir);
	free(copydir);
}

/* ", 2 PDFs (48 pages)" for the closing line. */
static const char *build_pdf_count(const struct site *s, const struct build_opts *o)
{
	static char text[64];
	long pages = 0;
	size_t n = s->npubs;
	for (size_t i = 0; i < s->npubs; i++)
		pages += s->pubs[i].pages;
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++)
		if (s->checklists->v[i].pdf && !s->checklists->v[i].broken)
			n++, pages++;	/* a check sheet is one page */
	text[0] = '\0';
	if (n && o->only != BUILD_ONLY_SITE)
		snprintf(text, sizeof text, " and %zu PDF%s (%ld pages)", n, n == 1 ? "" : "s", pages);
	return text;
}

void build_free(struct site *s)
{
	filters_free(s->filters);
	blocks_free(s->blocks);
	if (s->datasets)
		dataset_free_all(s->datasets);
	if (s->checklists)
		checklist_free_all(s->checklists);
	free(s->datasets);
	free(s->checklists);
	site_free(s);
}

/* Publications filter their chapters for "pdf" from the trees as
 * loaded; the site's filters (for "html") edit the trees in place, so
 * the chapters are copied first. */
static void build_keep_list(struct site *s, const struct meta *ch, int depth)
{
	for (size_t k = 0; ch && ch->type == META_LIST && k < ch->u.c.n; k++) {
		const struct meta *c = ch->u.c.items[k];
		if (c->type == META_MAP && depth == 0)	/* a part: {part: …, chapters: […]} */
			build_keep_list(s, meta_get(c, "chapters"), 1);
		const char *src = meta_str(c);
		for (size_t j = 0; src && j < s->npages; j++) {
			struct page *p = s->pages[j];
			if (p->doc && !p->pdf_doc && strcmp(p->source, src) == 0)
				p->pdf_doc = doc_copy(p->doc, NULL, NULL);
		}
	}
}

static void build_keep_chapters(struct site *s)
{
	struct meta *pubs = meta_get(s->config, "publications");
	for (size_t i = 0; pubs && pubs->type == META_LIST && i < pubs->u.c.n; i++)
		build_keep_list(s, meta_get(pubs->u.c.items[i], "chapters"), 0);
}

/* The passes that read only a page's own tree, done by the worker that
 * has just made it (and still has it in its cache) where no Lua filter
 * runs between loading and them: xref's heading ids, the
 * accessibility checks, the count of blocks. Their passes over the
 * site skip such a page; profile and xref's links, which need the
 * whole site, take its count of divs and its list of links instead of
 * going over its tree again (a tree not in the cache any more). */
static void build_early(struct site *s, struct page *p)
{
	if (p->draft || p->failed || p->doc == NULL || filters_wanted(s->config))
		return;
	xref_headings(p, slug_style_silent(s->config));
	a11y_doc(p->file, p->doc);
	p->nblocks = blocks_count(p->doc);
	size_t cap = 0;
	for (struct doc_node *n = p->doc->root; n; n = doc_walk_next(n, p->doc->root)) {
		p->ndivs += n->type == DOC_DIV || n->type == DOC_CALLOUT;
		if (n->type != DOC_LINK && n->type != DOC_IMAGE)
			continue;
		if (p->nlinks == cap) {
			cap = cap ? cap * 2 : 8;
			p->links = xrealloc(p->links, cap * sizeof *p->links);
		}
		p->links[p->nlinks++] = n;
	}
	p->early = 1;
}

int build_model(struct site *s, const struct build_opts *o)
{
	md_init();
	int rc = load_site(s, o->dir, o->jobs, build_early);
	if (rc == 2)
		return 2;
	/* Lua filters see the pages as loaded; everything after sees them filtered */
	s->filters = filters_load(s);
	if (s->filters)
		build_keep_chapters(s);
	filter_site(s->filters, s);
	unsupported_site(s);	/* what the filters did not render */
	profile_site(s);
	organize_site(s);
	xref_site(s);
	a11y_site(s);	/* what the author wrote, before blocks add to it */
	blocks_site(s);
	publications_load(s);
	coverage_site(s, NULL);
	return rc;
}

/* The model of a build that ends the process. Freeing it page by
 * page (a few hundred thousand blocks at 10,000 pages, 2 % of the
 * build) is left to the kernel, as compilers leave theirs; it stays
 * reachable from here, so leak checkers do not count it lost, and
 * TEBIKI_FREE=1 (make valgrind, make asan) frees it all the same, so
 * they also see that everything is freed. The website's Lua states
 * are left the same way (website_build). */
static struct site *volatile build_left;	/* volatile: a store never read is not dropped */

static void build_done(struct site *s)
{
	if (!s->exiting) {
		build_free(s);
		return;
	}
	struct site *left = xmalloc(sizeof *left);
	*left = *s;
	build_left = left;
}

/* Content errors, or with --strict any warning. */
static int build_failed(const struct build_opts *o)
{
	return diag_errors() > 0 || (o->strict && diag_warnings() > 0);
}

int build_run(const struct build_opts *o)
{
	struct site s = {.exiting = getenv("TEBIKI_FREE") == NULL};
	int rc = build_model(&s, o);
	if (rc == 2) {
		diag_flush();
		build_free(&s);
		return 2;
	}
	char *given = o->outdir ? xstrdup(o->outdir) : fs_join(o->dir, "output");
	struct outdir out = {0};
	char *sitedir = NULL;
	if (!o->check && !build_failed(o)) {
		rc = outdir_open(&out, o->dir, given);
		sitedir = out.staging ? fs_join(out.staging, o->only == BUILD_ONLY_PDF ? "pdf" : "site") : NULL;
		if (sitedir && fs_mkdirs(sitedir) < 0) {
			diag_error(NULL, 0, 0, "cannot create %s: %s", sitedir, strerror(errno));
			rc = 2;
		}
	}
	const char *staging = rc == 2 ? NULL : out.staging, *outdir = out.path ? out.path : given;
	if (o->only == BUILD_ONLY_PDF || rc == 2) {
		free(sitedir);	/* what was made is pdf/: no site */
		sitedir = NULL;
	}
	int carried = 0;	/* a previous part moved into staging */
	if (rc != 2)
		build_pdfs(&s, o, staging, outdir, sitedir, &carried);
	long pages = rc == 2 || o->only == BUILD_ONLY_PDF ? 0
		: website_build(&s, sitedir, TEBIKI_VERSION, NULL);
	int failed = build_failed(o);
	if (staging && !failed && o->only == BUILD_ONLY_PDF &&
	    (carried = build_carry(outdir, staging, "site"))) {
		char *pdfdir = fs_join(staging, "pdf"), *copydir = fs_join(staging, "site/pdf");
		publish_copy(&s, pdfdir, copydir);
		free(pdfdir);
		free(copydir);
	}
	if (staging && !failed)
		filter_after_build(s.filters, staging);
	failed = build_failed(o);
	if (staging && (failed || outdir_commit(&out) < 0)) {
		if (carried)	/* give the previous output its part back */
			build_carry(staging, outdir, o->only == BUILD_ONLY_PDF ? "site" : "pdf");
		outdir_abort(&out);
	}
	watchdog_stop();
	failed = build_failed(o);
	diag_flush();
	if (o->strict && diag_errors() == 0 && diag_warnings() > 0)
		fprintf(stderr, "tebiki: %d warning%s, and --strict makes warnings fail\n",
			diag_warnings(), diag_warnings() == 1 ? "" : "s");
	if (o->verbose || (!failed && !o->check))
		fprintf(stderr, "tebiki: %s %ld pages%s%s%s\n", o->check ? "checked" : "built",
			pages, build_pdf_count(&s, o), o->check ? "" : " into ",
			o->check ? "" : outdir);
	outdir_close(&out);
	free(sitedir);
	free(given);
	build_done(&s);
	return rc == 2 ? 2 : failed ? 1 : 0;
}

int build_render(const char *file, int tree)
{
	md_init();
	struct page *p = xcalloc(1, sizeof *p);
	p->file = p->source = (char *)file;
	int rc = load_read(p, NULL, file, 1);
	if (rc != 2 && p->doc) {
		unsupported_report(p->doc);
		xref_headings(p, SLUG_TEBIKI);
		a11y_doc(file, p->doc);
		struct buf out = {0};
		if (tree && p->title_heading)	/* what became of the heading */
			buf_addf(&out, "(title \"%s\" anchor \"%s\")\n", p->title, p->anchor);
		if (tree)
			doc_dump(p->doc->root, &out);
		else
			html_render(p->doc, &(struct html_opts){.warn = 1}, &out);
		fwrite(out.p ? out.p : "", 1, out.n, stdout);
		buf_free(&out);
	}
	p->file = p->source = NULL;
	site_page_free(p);
	int failed = diag_errors() > 0;
	diag_flush();
	return rc == 2 ? 2 : failed;
}

int build_coverage(const struct build_opts *o)
{
	struct site s = {0};
	md_init();
	int rc = load_site(&s, o->dir, o->jobs, NULL);
	if (rc != 2) {
		profile_site(&s);
		organize_site(&s);
		struct buf out = {0};
		coverage_site(&s, &out);
		fwrite(out.p ? out.p : "", 1, out.n, stdout);
		buf_free(&out);
	}
	int failed = diag_errors() > 0;
	diag_flush();
	build_free(&s);
	return rc == 2 ? 2 : failed;
}

int build_render_pdf(char *const *files, int n, const char *out, int dump)
{
	md_init();
	int rc = publish_files(files, n, out, dump, "tebiki " TEBIKI_VERSION);
	diag_flush();
	return rc;
}
