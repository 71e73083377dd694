/* build: output goes to a hidden folder beside OUTDIR and is swapped
 * in only when the whole build succeeded, so a failed build leaves
 * the previous output exactly as it was. */
#include "build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/fsutil.h"
#include "base/watchdog.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "html/html.h"
#include "html/website.h"
#include "input/frontmatter.h"
#include "model/doc.h"
#include "input/load.h"
#include "input/md.h"
#include "model/site.h"
#include "passes/coverage.h"
#include "passes/organize.h"
#include "passes/profile.h"
#include "passes/xref.h"
#include "version.h"

static char *build_sibling(const char *outdir, const char *tag)
{
	char *dir = fs_dirname(outdir);
	const char *base = strrchr(outdir, '/');
	base = base ? base + 1 : outdir;
	char *p = xasprintf("%s/.%s.%s-%ld", dir, base, tag, (long)getpid());
	free(dir);
	return p;
}

/* Moves staging to outdir, the old output out of the way first. */
static int build_swap(const char *staging, const char *outdir)
{
	char *old = build_sibling(outdir, "old");
	int had = fs_isdir(outdir);
	if (had && rename(outdir, old) < 0) {
		diag_error(NULL, 0, 0, "cannot replace %s: %s", outdir, strerror(errno));
		free(old);
		return -1;
	}
	if (rename(staging, outdir) < 0) {
		diag_error(NULL, 0, 0, "cannot move the new output to %s: %s", outdir, strerror(errno));
		if (had)
			rename(old, outdir);
		free(old);
		return -1;
	}
	if (had)
		fs_rmtree(old);
	free(old);
	return 0;
}

static char *build_trim(const char *p)
{
	char *s = xstrdup(p);
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

int build_run(const struct build_opts *o)
{
	struct site s = {0};
	md_init();
	int rc = load_site(&s, o->dir, o->jobs);
	if (rc == 2) {
		diag_flush();
		site_free(&s);
		return 2;
	}
	profile_site(&s);
	organize_site(&s);
	xref_site(&s);
	coverage_site(&s, NULL);
	char *outdir = o->outdir ? build_trim(o->outdir) : fs_join(o->dir, "output");
	char *staging = NULL, *sitedir = NULL;
	if (!o->check && diag_errors() == 0) {
		staging = build_sibling(outdir, "tmp");
		fs_rmtree(staging);
		watchdog_cleanup(staging);
		sitedir = fs_join(staging, "site");
		if (fs_mkdirs(sitedir) < 0) {
			diag_error(NULL, 0, 0, "cannot create %s: %s", sitedir, strerror(errno));
			free(sitedir);
			sitedir = NULL;
			rc = 2;
		}
	}
	long pages = rc == 2 ? 0 : website_build(&s, sitedir, TEBIKI_VERSION);
	int failed = diag_errors() > 0;
	if (staging && (failed || rc == 2 || build_swap(staging, outdir) < 0))
		fs_rmtree(staging);
	failed = diag_errors() > 0;
	diag_flush();
	if (o->verbose || (!failed && !o->check))
		fprintf(stderr, "tebiki: %s %ld pages%s%s\n", o->check ? "checked" : "built",
			pages, o->check ? "" : " into ", o->check ? "" : outdir);
	free(staging);
	free(sitedir);
	free(outdir);
	site_free(&s);
	return rc == 2 ? 2 : failed ? 1 : 0;
}

int build_render(const char *file, int tree)
{
	md_init();
	size_t len;
	char *text = fs_read(file, &len);
	if (text == NULL) {
		diag_error(file, 0, 0, "cannot read: %s", strerror(errno));
		diag_flush();
		return 2;
	}
	struct frontmatter fm;
	struct page p = {.file = (char *)file};
	if (frontmatter_split(file, text, len, &fm) == 0) {
		p.doc = md_parse(file, fm.body, fm.body_len, fm.body_line - 1);
		xref_headings(&p);
		struct buf out = {0};
		if (tree)
			doc_dump(p.doc->root, &out);
		else
			html_render(p.doc, &(struct html_opts){.warn = 1}, &out);
		fwrite(out.p ? out.p : "", 1, out.n, stdout);
		buf_free(&out);
		doc_free(p.doc);
		for (size_t i = 0; i < p.nanchors; i++)
			free(p.anchors[i]);
		free(p.anchors);
	}
	free(text);
	int failed = diag_errors() > 0;
	diag_flush();
	return failed;
}

int build_coverage(const struct build_opts *o)
{
	struct site s = {0};
	md_init();
	int rc = load_site(&s, o->dir, o->jobs);
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
	site_free(&s);
	return rc == 2 ? 2 : failed;
}
