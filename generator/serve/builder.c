/* builder: every batch of changes loads the project again and renders
 * the site into a staging folder, which sync.c moves into the served
 * folder file by file: exactly what `tebiki build` writes, the
 * unchanged files left alone. The PDFs come after, in a forked child
 * that owns a copy of the model (fork's copy-on-write is the
 * snapshot), so they never hold up the site and a newer change simply
 * kills them. With their sizes known, the child renders the site again
 * too (any template may show them: the downloads page does), writing
 * only the pages that differ from the served ones, so that the PDFs'
 * end costs this process only a sync.
 *
 * A batch that only changed Markdown pages takes the fast path first
 * (incr.c): each page loaded again alone and, when nothing other pages
 * show of it changed, only its own output page rendered again. The
 * search index follows in the background child, and the PDFs only when
 * one includes the page. */
#include "builder.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/watchdog.h"
#include "../base/xalloc.h"
#include "../build.h"
#include "../html/html.h"
#include "../html/website.h"
#include "../input/parsed.h"
#include "../model/checklist.h"
#include "../model/site.h"
#include "../outdir.h"
#include "../version.h"
#include "incr.h"
#include "sync.h"

struct builder {
	struct build_opts o;
	int pdf;		/* build the PDFs */
	char *out;		/* served: out/site, out/pdf */
	char *stage;		/* out/.stage: the next site, before it is synced */
	int to_server;
	struct site *s;		/* the last model that loaded, or NULL */
	struct parsed *parsed;	/* the trees as parsed, for the next load */
	char *site_errors;	/* diagnostics of the last site build, if it failed */
	char *pdf_errors;	/* … of the last PDF build */
	pid_t pdf_pid;		/* the PDF child, or 0 */
	int pdf_fd;		/* its report, or -1 */
	struct buf pdf_report;
	double pdf_t0;
	double pdf_due;		/* when to start the child (debounced), or 0 */
	enum { BG_NONE, BG_SEARCH, BG_PDF } bg;	/* what the child does, or will */
	struct buf batch;	/* paths from the server, not yet a whole batch */
	struct website *web;	/* the fast path's templates and plan, or NULL */
};

/* The background child (the search index after a fast rebuild; the
 * PDFs, and the site with their sizes) starts once the sources have
 * been quiet this long: a run of saves makes one PDF build, not one
 * killed per save. */
#define BUILDER_PDF_WAIT_MS 300

static volatile pid_t builder_child;
/* SIGTERM while waiting for work wakes the loop through this pipe, and
 * the loop frees what it holds (valgrind sees no lost Lua state); in
 * the middle of a build it ends the process at once. */
static int builder_wake[2] = {-1, -1};
static volatile sig_atomic_t builder_idle, builder_stopping;

static void builder_term(int sig)
{
	if (builder_child > 0) {
		kill(builder_child, SIGKILL);
		waitpid(builder_child, NULL, 0);
		builder_child = 0;
	}
	if (!builder_idle)
		_exit(0);
	builder_stopping = 1;
	if (write(builder_wake[1], "", 1) < 0) {
		/* the pipe is full: the loop is woken already */
	}
}

static double builder_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void builder_write(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(0);	/* the server is gone */
		p += w;
		n -= (size_t)w;
	}
}

static void builder_send(struct builder *b, const char *name, int state, const char *data, size_t n)
{
	char head[64];
	int h = snprintf(head, sizeof head, "%s %d %zu\n", name, state, n);
	builder_write(b->to_server, head, (size_t)h);
	builder_write(b->to_server, data, n);
}

/* ["a.html","css/site.css"] */
static void builder_json_list(struct buf *out, const struct sync_list *l, const char *prefix)
{
	buf_addc(out, '[');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addc(out, ',');
		buf_addc(out, '"');
		for (const char *s = prefix; *s; s++)
			buf_addc(out, *s);
		for (const char *s = l->paths[i]; *s; s++) {
			if (*s == '"' || *s == '\\')
				buf_addc(out, '\\');
			if ((unsigned char)*s < 0x20)
				buf_addf(out, "\\u%04x", (unsigned char)*s);
			else
				buf_addc(out, *s);
		}
		buf_addc(out, '"');
	}
	buf_addc(out, ']');
}

/* The overlay: the site's errors and the PDFs', or none. */
static void builder_state(struct builder *b)
{
	struct buf all = {0};
	if (b->site_errors)
		buf_adds(&all, b->site_errors);
	if (b->pdf_errors)
		buf_adds(&all, b->pdf_errors);
	if (all.n)
		builder_send(b, "errors", 1, all.p, all.n);
	else
		builder_send(b, "ok", 1, "", 0);
	buf_free(&all);
}

/* Takes the diagnostics collected so far: printed, and returned when
 * they include an error. */
static char *builder_diags(void)
{
	int errors = diag_errors() > 0;
	struct buf text = {0};
	diag_format(&text);
	diag_reset();
	if (text.n) {
		fwrite(text.p, 1, text.n, stderr);
		fflush(stderr);
	}
	if (errors && text.n)
		return buf_detach(&text);
	buf_free(&text);
	return NULL;
}

/* What the last PDF build measured, for the downloads page, carried
 * into a new model until its own PDFs are done. */
static void builder_carry_sizes(struct site *to, const struct site *from)
{
	for (size_t i = 0; from && i < to->npubs; i++)
		for (size_t j = 0; j < from->npubs; j++)
			if (strcmp(to->pubs[i].id, from->pubs[j].id) == 0) {
				to->pubs[i].size = from->pubs[j].size;
				to->pubs[i].pages = from->pubs[j].pages;
			}
	for (size_t i = 0; from && to->checklists && from->checklists && i < to->checklists->n; i++)
		for (size_t j = 0; j < from->checklists->n; j++)
			if (strcmp(to->checklists->v[i].name, from->checklists->v[j].name) == 0)
				to->checklists->v[i].size = from->checklists->v[j].size;
}

static void builder_pdf_stop(struct builder *b)
{
	if (b->pdf_pid > 0) {
		kill(b->pdf_pid, SIGKILL);
		waitpid(b->pdf_pid, NULL, 0);
	}
	if (b->pdf_fd >= 0)
		close(b->pdf_fd);
	b->pdf_pid = builder_child = 0;
	b->pdf_fd = -1;
	b->pdf_due = 0;
	b->bg = BG_NONE;
	buf_reset(&b->pdf_report);
	char *dir = fs_join(b->out, ".pdf-stage");
	fs_rmtree(dir);
	free(dir);
}

/* Renders the model into the staging folder and moves what changed
 * into the served site; returns the number of pages rendered, -1 if
 * the render failed (reported). After the first build a page the
 * served site has as made is not written again, and the search index
 * is left to the background child, as on the fast path: at 10,000
 * pages it is a quarter of a whole build's time (*search_later: it is
 * due). */
static long builder_render(struct builder *b, struct sync_list *changed, int first,
			   int *search_later)
{
	website_close(b->web);	/* website_build plans the site again */
	b->web = NULL;
	fs_rmtree(b->stage);
	watchdog_cleanup(b->stage);
	char *site = fs_join(b->out, "site");
	struct website_serve serve = {.search_later = 1, .same_as = site};
	long pages = website_build(b->s, b->stage, TEBIKI_VERSION, first ? NULL : &serve);
	watchdog_stop();
	*search_later = first ? 0 : serve.search_later;
	struct sync_list kept = {serve.kept, serve.nkept};
	sync_list_sort(&kept);
	int rc = -1;
	if (diag_errors() == 0) {
		const char *const skip[] = {"pdf", *search_later ? "search" : NULL, NULL};
		rc = sync_tree(b->stage, site, skip, &kept, changed);
	}
	sync_list_free(&kept);
	free(site);
	fs_rmtree(b->stage);
	return rc < 0 ? -1 : pages;
}

/* The fast path's templates and plan, made while nothing waits (the
 * first page edited after a full build would otherwise pay for them). */
static void builder_web_open(struct builder *b)
{
	if (b->web || b->s == NULL || b->site_errors)
		return;
	b->web = website_open(b->s, TEBIKI_VERSION);
	watchdog_stop();
	diag_reset();	/* the full build said it all */
}

static void builder_report(struct builder *b, const struct sync_list *changed)
{
	if (changed->n == 0)
		return;
	struct buf json = {0};
	builder_json_list(&json, changed, "");
	builder_send(b, "reload", 0, json.p, json.n);
	buf_free(&json);
}

static void builder_pdf_start(struct builder *b);
static int builder_has_pdfs(const struct site *s);
static void builder_bg_schedule(struct builder *b, int kind);
static const char *const builder_bg_follows[] = {"", "; the search index follows",
						 "; the PDFs follow"};

/* The pages a batch of paths names, if it names Markdown pages only
 * (which exist: a page removed changes the site's shape). */
static int builder_only_pages(const struct sync_list *paths)
{
	for (size_t i = 0; i < paths->n; i++) {
		const char *p = paths->paths[i];
		size_t n = strlen(p);
		if (strncmp(p, "content/", 8) != 0 || n < 12 || strcmp(p + n - 3, ".md") != 0 ||
		    strstr(p, "/data/") || strstr(p, "/checklists/"))
			return 0;
	}
	return paths->n > 0;
}

/* Moves the staged pages into the served site. */
static int builder_sync_some(struct builder *b, struct sync_list *changed)
{
	char *site = fs_join(b->out, "site");
	int rc = sync_add(b->stage, site, changed);
	free(site);
	fs_rmtree(b->stage);
	return rc;
}

/* The fast path: 1 when done, 0 when the whole site must be built
 * (nothing served has changed then, and what was said is dropped). */
static int builder_again(struct builder *b, const struct sync_list *paths, const char *what)
{
	if (b->s == NULL || b->site_errors || !builder_only_pages(paths))
		return 0;
	double t0 = builder_ms();
	if (b->web == NULL)
		b->web = website_open(b->s, TEBIKI_VERSION);
	watchdog_stop();
	/* a child under way works on a snapshot: it starts again */
	int kind = b->pdf_pid > 0 || b->pdf_due > 0 ? (int)b->bg : BG_NONE;
	if (b->web && kind < BG_SEARCH && website_search(b->web, NULL))
		kind = BG_SEARCH;
	struct page **pages = xcalloc(paths->n, sizeof *pages);
	int ok = b->web != NULL && diag_errors() == 0;
	for (size_t i = 0; ok && i < paths->n; i++) {
		pages[i] = incr_page(b->s, paths->paths[i] + strlen("content/"));
		ok = pages[i] != NULL;
		if (ok && b->pdf && builder_has_pdfs(b->s) && incr_in_publication(b->s, pages[i]))
			kind = BG_PDF;
	}
	long n = -1;
	struct sync_list changed = {0};
	if (ok) {
		fs_rmtree(b->stage);
		watchdog_cleanup(b->stage);
		n = website_again(b->web, b->stage, pages, paths->n);
		watchdog_stop();
		if (diag_errors() > 0 || builder_sync_some(b, &changed) < 0)
			n = -1;
	}
	free(pages);
	if (n < 0) {
		/* the model may hold some of the new trees: each is complete
		 * and checked, and the whole build replaces them all */
		diag_reset();
		fs_rmtree(b->stage);
		sync_list_free(&changed);
		return 0;
	}
	free(b->site_errors);
	b->site_errors = builder_diags();	/* warnings only: printed */
	printf("tebiki: %s: rebuilt %ld page%s in %.0f ms, %zu file%s changed%s\n", what, n,
	       n == 1 ? "" : "s", builder_ms() - t0, changed.n, changed.n == 1 ? "" : "s",
	       builder_bg_follows[kind]);
	fflush(stdout);
	builder_report(b, &changed);
	builder_state(b);
	sync_list_free(&changed);
	if (kind != BG_NONE) {
		builder_pdf_stop(b);
		builder_bg_schedule(b, kind);
	}
	return 1;
}

/* A batch: the whole project again. */
static void builder_site(struct builder *b, const char *what, int first)
{
	double t0 = builder_ms();
	builder_pdf_stop(b);
	struct site *s = xcalloc(1, sizeof *s);
	s->parsed = b->parsed;	/* only the pages whose text changed are parsed */
	int rc = build_model(s, &b->o);
	watchdog_stop();
	if (rc == 2 && first) {
		struct buf text = {0};
		diag_format(&text);
		diag_reset();
		builder_send(b, "fatal", 0, text.p ? text.p : "", text.n);
		buf_free(&text);
		build_free(s);
		free(s);
		return;
	}
	struct sync_list changed = {0};
	long pages = -1;
	int search_later = 0;
	if (rc != 2 && diag_errors() == 0) {
		builder_carry_sizes(s, b->s);
		struct site *old = b->s;
		b->s = s;
		pages = builder_render(b, &changed, first, &search_later);
		if (pages < 0) {
			b->s = old;	/* the last good model stays */
		} else if (old) {
			build_free(old);
			free(old);
		}
	}
	free(b->site_errors);
	b->site_errors = builder_diags();
	if (pages < 0) {
		if (b->s != s) {
			build_free(s);
			free(s);
		}
		if (b->site_errors == NULL)	/* rc 2 without a message: cannot happen, say so anyway */
			b->site_errors = xstrdup("tebiki: the project cannot be loaded\n");
		printf("tebiki: %s: the build failed; the last good build is still served\n", what);
	} else {
		free(b->pdf_errors);
		b->pdf_errors = NULL;
		if (search_later)	/* the PDF child renders the whole site, index too */
			builder_bg_schedule(b, BG_SEARCH);
		builder_pdf_start(b);
		char parsed[48] = "";
		if (!first)	/* the rest were copied as kept */
			snprintf(parsed, sizeof parsed, " (%zu parsed)", parsed_fresh(b->parsed));
		printf("tebiki: %s: rebuilt %ld page%s in %.0f ms%s, %zu file%s changed%s\n", what,
		       pages, pages == 1 ? "" : "s", builder_ms() - t0, parsed, changed.n,
		       changed.n == 1 ? "" : "s", builder_bg_follows[b->bg]);
	}
	fflush(stdout);
	builder_report(b, &changed);
	builder_state(b);
	sync_list_free(&changed);
	builder_web_open(b);
}

/* ---- the PDFs ----------------------------------------------------- */

/* A page the PDF child did not write, the served one being the same:
 * a "kept URL" line for builder_pdf_done. A URL with a newline (a file
 * name with one) cannot be a line: that page is copied into the stage
 * instead, so the sync neither drops nor misreads it. */
static void builder_pdf_kept(struct buf *r, const char *stage, const char *served,
			     const char *url)
{
	if (strchr(url, '\n') == NULL) {
		buf_addf(r, "kept %s\n", url);
		return;
	}
	char *from = fs_join(served, url), *site = fs_join(stage, "site");
	char *to = fs_join(site, url);
	size_t n;
	char *data = fs_read(from, &n);
	if (data == NULL || fs_write(to, data, n) < 0)
		diag_error(NULL, 0, 0, "cannot copy site/%s to the stage: %s", url,
			   fs_strerror(errno));
	free(data);
	free(from);
	free(site);
	free(to);
}

/* In the child: the PDFs into out/.pdf-stage/{pdf,site-pdf}, then
 * the sizes and diagnostics on fd: "pub I SIZE PAGES", "sheet I SIZE",
 * then the diagnostics after an empty line. */
static void builder_pdf_child(struct builder *b, int fd)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGTERM, SIG_DFL);
	setpriority(PRIO_PROCESS, 0, 5);	/* the site's rebuilds come first */
	char *stage = fs_join(b->out, ".pdf-stage");
	char *pdfdir = fs_join(stage, "pdf"), *copydir = fs_join(stage, "site-pdf");
	struct build_opts o = b->o;
	o.jobs = o.jobs > 1 ? o.jobs - 1 : 1;	/* a core left for the site */
	b->s->jobs = o.jobs;
	watchdog_cleanup(stage);
	build_publish(b->s, &o, pdfdir, copydir);
	watchdog_stop();
	website_close(b->web);	/* website_build plans the site again */
	b->web = NULL;
	/* the pages the served site has as they are now are not written
	 * again, as in builder_render: listed for the sync instead */
	char *served = fs_join(b->out, "site");
	struct website_serve serve = {.same_as = served};
	if (diag_errors() == 0) {
		char *sitedir = fs_join(stage, "site");
		website_build(b->s, sitedir, TEBIKI_VERSION, &serve);
		watchdog_stop();
		free(sitedir);
	}
	struct buf r = {0};
	for (size_t i = 0; i < b->s->npubs; i++)
		buf_addf(&r, "pub %zu %ld %d\n", i, b->s->pubs[i].size, b->s->pubs[i].pages);
	for (size_t i = 0; b->s->checklists && i < b->s->checklists->n; i++)
		buf_addf(&r, "sheet %zu %ld\n", i, b->s->checklists->v[i].size);
	for (size_t i = 0; i < serve.nkept; i++) {
		builder_pdf_kept(&r, stage, served, serve.kept[i]);
		free(serve.kept[i]);
	}
	free(serve.kept);
	free(served);
	buf_addc(&r, '\n');
	diag_format(&r);
	builder_write(fd, r.p, r.n);
	/* freed, or valgrind's exit code (a leak) reads as a failed build */
	buf_free(&r);
	free(stage);
	free(pdfdir);
	free(copydir);
	_exit(diag_errors() > 0);
}

static int builder_has_pdfs(const struct site *s)
{
	int n = s->npubs > 0;
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++)
		n |= s->checklists->v[i].pdf != NULL;
	return n;
}

static void builder_bg_schedule(struct builder *b, int kind)
{
	if (kind > (int)b->bg)
		b->bg = kind;
	b->pdf_due = builder_ms() + BUILDER_PDF_WAIT_MS;
}

static void builder_pdf_start(struct builder *b)
{
	if (b->pdf && b->s && builder_has_pdfs(b->s))
		builder_bg_schedule(b, BG_PDF);
}

/* In the child, after a fast rebuild: the search index, into
 * out/.pdf-stage/site/search; on fd a line "search", then the
 * diagnostics after an empty line, as builder_pdf_child. */
static void builder_search_child(struct builder *b, int fd)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGTERM, SIG_DFL);
	setpriority(PRIO_PROCESS, 0, 5);
	char *stage = fs_join(b->out, ".pdf-stage");
	char *sitedir = fs_join(stage, "site");
	watchdog_cleanup(stage);
	if (b->web)
		website_search(b->web, sitedir);
	watchdog_stop();
	website_close(b->web);	/* nothing left behind for valgrind */
	b->web = NULL;
	struct buf r = {0};
	buf_adds(&r, "search\n\n");
	diag_format(&r);
	builder_write(fd, r.p, r.n);
	buf_free(&r);
	free(stage);
	free(sitedir);
	_exit(diag_errors() > 0);
}

static void builder_pdf_fork(struct builder *b)
{
	b->pdf_due = 0;
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (b->bg == BG_SEARCH)
			builder_search_child(b, p[1]);
		builder_pdf_child(b, p[1]);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return;
	}
	b->pdf_pid = builder_child = pid;
	b->pdf_fd = p[0];
	b->pdf_t0 = builder_ms();
}

/* A search child is done: its index replaces the served one. */
static void builder_search_done(struct builder *b, int complete, struct sync_list *changed)
{
	char *stage = fs_join(b->out, ".pdf-stage");
	char *from = fs_join(stage, "site/search"), *site = fs_join(b->out, "site");
	char *to = fs_join(site, "search");
	if (complete && b->pdf_errors == NULL && fs_isdir(from)) {
		struct sync_list search = {0};
		sync_tree(from, to, NULL, NULL, &search);
		for (size_t i = 0; i < search.n; i++) {
			char *p = xasprintf("search/%s", search.paths[i]);
			sync_list_add(changed, p);
			free(p);
		}
		sync_list_free(&search);
		printf("tebiki: search index: written in %.0f ms, %zu file%s changed\n",
		       builder_ms() - b->pdf_t0, changed->n, changed->n == 1 ? "" : "s");
	} else {
		printf("tebiki: search index: not written; the previous index is still served\n");
	}
	fs_rmtree(stage);
	free(stage);
	free(from);
	free(site);
	free(to);
}

/* The child is done: its PDFs replace the served ones, their sizes go
 * into the model and the site is rendered again for the downloads page. */
static void builder_pdf_done(struct builder *b)
{
	int status = 0;
	waitpid(b->pdf_pid, &status, 0);
	b->pdf_pid = builder_child = 0;
	close(b->pdf_fd);
	b->pdf_fd = -1;
	buf_addc(&b->pdf_report, '\0');
	char *r = b->pdf_report.p;
	char *diags = strstr(r, "\n\n");
	int complete = diags != NULL && WIFEXITED(status);
	free(b->pdf_errors);
	b->pdf_errors = NULL;
	if (!complete) {
		b->pdf_errors = xasprintf("tebiki: the %s build stopped (%s %d); see the terminal\n",
			b->bg == BG_SEARCH ? "search index" : "PDF",
			WIFSIGNALED(status) ? "signal" : "exit status",
			WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	} else if (WEXITSTATUS(status) != 0) {
		b->pdf_errors = xstrdup(diags + 2);
	}
	if (complete && diags[2]) {
		fputs(diags + 2, stderr);
		fflush(stderr);
	}
	struct sync_list changed = {0}, pdfs = {0}, kept = {0};
	if (b->bg == BG_SEARCH) {
		builder_search_done(b, complete, &changed);
	} else if (complete && b->pdf_errors == NULL) {
		*diags = '\0';
		for (char *line = r; line && *line;) {
			char *nl = strchr(line, '\n');
			size_t i;
			long size;
			int pages;
			if (sscanf(line, "pub %zu %ld %d", &i, &size, &pages) == 3 && i < b->s->npubs) {
				b->s->pubs[i].size = size;
				b->s->pubs[i].pages = pages;
			} else if (sscanf(line, "sheet %zu %ld", &i, &size) == 2 && b->s->checklists &&
				   i < b->s->checklists->n) {
				b->s->checklists->v[i].size = size;
			} else if (strncmp(line, "kept ", 5) == 0) {
				if (nl)
					*nl = '\0';
				sync_list_add(&kept, line + 5);
			}
			line = nl ? nl + 1 : NULL;
		}
		char *stage = fs_join(b->out, ".pdf-stage");
		char *from = fs_join(stage, "pdf"), *to = fs_join(b->out, "pdf");
		char *cfrom = fs_join(stage, "site-pdf"), *cto = fs_join(b->out, "site/pdf");
		char *sfrom = fs_join(stage, "site"), *sto = fs_join(b->out, "site");
		sync_tree(from, to, NULL, NULL, &pdfs);
		struct sync_list copies = {0};
		sync_tree(cfrom, cto, NULL, NULL, &copies);
		for (size_t i = 0; i < copies.n; i++) {
			char *p = xasprintf("pdf/%s", copies.paths[i]);
			sync_list_add(&changed, p);
			free(p);
		}
		sync_list_free(&copies);
		website_close(b->web);	/* its site tables have the old sizes */
		b->web = NULL;
		sync_list_sort(&kept);
		sync_tree(sfrom, sto, (const char *const[]){"pdf", NULL}, &kept, &changed);
		fs_rmtree(stage);
		free(stage);
		free(from);
		free(to);
		free(cfrom);
		free(cto);
		free(sfrom);
		free(sto);
		builder_web_open(b);
		printf("tebiki: PDFs: %zu written in %.0f ms, %zu changed\n", b->s->npubs,
		       builder_ms() - b->pdf_t0, pdfs.n);
	} else {
		printf("tebiki: PDFs: the build failed; the previous PDFs are still served\n");
	}
	fflush(stdout);
	buf_reset(&b->pdf_report);
	builder_report(b, &changed);
	builder_state(b);
	sync_list_free(&changed);
	sync_list_free(&pdfs);
	sync_list_free(&kept);
	b->bg = BG_NONE;
}

/* Takes the whole batches received (paths a line each, an empty line
 * ending a batch): their paths, each once, into paths, and joined into
 * what for the log line. Returns how many batches there were. */
static int builder_take(struct builder *b, struct buf *what, struct sync_list *paths)
{
	const char *p = b->batch.p;
	size_t end = 0;
	for (size_t i = 0; i < b->batch.n; i++)
		if (p[i] == '\n' && (i == 0 || p[i - 1] == '\n'))
			end = i + 1;
	int batches = 0;
	for (size_t start = 0, i = 0; i < end; i++) {
		if (p[i] != '\n')
			continue;
		int seen = 0;
		for (size_t k = 0; i > start && k < paths->n; k++)
			seen |= strlen(paths->paths[k]) == i - start &&
				memcmp(paths->paths[k], p + start, i - start) == 0;
		if (i > start && !seen) {
			char *path = xstrndup(p + start, i - start);
			sync_list_add(paths, path);
			free(path);
		}
		if (i == start)
			batches++;
		else if (what->n < 160)
			buf_addf(what, "%s%.*s", what->n ? ", " : "", (int)(i - start), p + start);
		else if (what->p[what->n - 1] != '.')
			buf_adds(what, ", ...");
		start = i + 1;
	}
	memmove(b->batch.p, p + end, b->batch.n - end);
	b->batch.n -= end;
	return batches;
}

/* A batch the fast path cannot take costs a whole build: the rest of a
 * burst that reached us apart (a slow writer, a loaded machine) is
 * waited for first, up to a cap, so that the burst is one build. */
#define BUILDER_SETTLE_MS 100
#define BUILDER_SETTLE_CAP_MS 1000

static void builder_settle(struct builder *b, int fd, struct buf *what, struct sync_list *paths)
{
	double end = builder_ms() + BUILDER_SETTLE_CAP_MS;
	for (;;) {
		double left = end - builder_ms();
		if (left <= 0)
			break;
		struct pollfd pf = {fd, POLLIN, 0};
		if (poll(&pf, 1, left < BUILDER_SETTLE_MS ? (int)left + 1 : BUILDER_SETTLE_MS) <= 0)
			break;	/* quiet */
		char chunk[4096];
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n <= 0)
			break;	/* the server is gone: the main loop sees it */
		buf_add(&b->batch, chunk, (size_t)n);
		builder_take(b, what, paths);
	}
}

void builder_main(const struct build_opts *o, int pdf, const char *out, int from_server,
		  int to_server)
{
	struct builder b = {.o = *o, .pdf = pdf, .to_server = to_server, .pdf_fd = -1};
	b.out = xstrdup(out);
	b.stage = fs_join(out, ".stage");
	b.parsed = parsed_new();
	outdir_mark(out);	/* what `tebiki build` writes, the marker too */
	signal(SIGINT, SIG_IGN);	/* Ctrl-C is the server's: it stops us */
	if (pipe2(builder_wake, O_CLOEXEC | O_NONBLOCK) < 0)
		builder_wake[0] = builder_wake[1] = -1;
	signal(SIGTERM, builder_term);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	builder_site(&b, "start", 1);
	builder_send(&b, "built", 0, "", 0);
	while (!builder_stopping) {
		struct pollfd pf[3] = {{from_server, POLLIN, 0}, {builder_wake[0], POLLIN, 0},
				       {b.pdf_fd, POLLIN, 0}};
		int timeout = -1;
		if (b.pdf_due > 0) {
			double left = b.pdf_due - builder_ms();
			timeout = left <= 0 ? 0 : (int)left + 1;
		}
		builder_idle = builder_wake[0] >= 0;
		int rc = builder_stopping ? 0 : poll(pf, b.pdf_fd >= 0 ? 3 : 2, timeout);
		builder_idle = 0;
		if (builder_stopping)
			break;
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pf[0].revents) {
			char chunk[4096];
			ssize_t n = read(from_server, chunk, sizeof chunk);
			if (n <= 0)
				break;	/* the server is gone */
			buf_add(&b.batch, chunk, (size_t)n);
			/* the rest of a burst, so one rebuild covers it */
			struct pollfd more = {from_server, POLLIN, 0};
			while (poll(&more, 1, 0) > 0 && (n = read(from_server, chunk, sizeof chunk)) > 0)
				buf_add(&b.batch, chunk, (size_t)n);
			struct buf what = {0};
			struct sync_list paths = {0};
			if (builder_take(&b, &what, &paths) > 0) {
				buf_addc(&what, '\0');
				if (!builder_again(&b, &paths, what.p[0] ? what.p : "change")) {
					what.n--;	/* the '\0' */
					builder_settle(&b, from_server, &what, &paths);
					buf_addc(&what, '\0');
					builder_site(&b, what.p[0] ? what.p : "change", 0);
				}
				builder_send(&b, "built", 0, "", 0);
			}
			buf_free(&what);
			sync_list_free(&paths);
		}
		if (b.pdf_due > 0 && builder_ms() >= b.pdf_due && b.pdf_pid == 0)
			builder_pdf_fork(&b);
		if (b.pdf_fd >= 0 && pf[2].revents) {
			char chunk[4096];
			ssize_t n = read(b.pdf_fd, chunk, sizeof chunk);
			if (n > 0)
				buf_add(&b.pdf_report, chunk, (size_t)n);
			else
				builder_pdf_done(&b);
		}
	}
	builder_pdf_stop(&b);
	website_close(b.web);
	if (b.s) {
		build_free(b.s);
		free(b.s);
	}
	parsed_free(b.parsed);
	_exit(0);
}
