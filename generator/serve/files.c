/* files: a request path is decoded here, once, and checked segment by
 * segment; the file is then opened with openat() and O_NOFOLLOW one
 * segment at a time from the site folder, so neither "..", an escape
 * for it, nor a symbolic link can lead outside the output, whatever
 * the name. A page being rewritten is replaced by rename(), so a
 * request gets the old file or the new one, never half of one. */
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/xalloc.h"
#include "../html/html.h"
#include "events.h"
#include "http.h"

/* The browser half of live reload (serve/live.js). */
static const char files_live_js[] =
#include "live.js.h"
	;

#define FILES_PREFIX "/__tebiki/"

struct files {
	char *root;
	struct events *ev;
	char *id;
	pthread_mutex_t mu;
	char *errors;		/* diagnostics, or NULL */
	int built;
};

struct files *files_new(const char *root, struct events *ev, const char *id)
{
	struct files *f = xcalloc(1, sizeof *f);
	f->root = xstrdup(root);
	f->ev = ev;
	f->id = xstrdup(id);
	pthread_mutex_init(&f->mu, NULL);
	return f;
}

void files_free(struct files *f)
{
	if (f == NULL)
		return;
	free(f->root);
	free(f->id);
	free(f->errors);
	pthread_mutex_destroy(&f->mu);
	free(f);
}

void files_set_state(struct files *f, const char *errors, int built)
{
	pthread_mutex_lock(&f->mu);
	free(f->errors);
	f->errors = errors ? xstrdup(errors) : NULL;
	f->built = built;
	pthread_mutex_unlock(&f->mu);
}

static const struct {
	const char *ext, *type;
} files_types[] = {
	{"html", "text/html; charset=utf-8"}, {"htm", "text/html; charset=utf-8"},
	{"css", "text/css; charset=utf-8"}, {"js", "text/javascript; charset=utf-8"},
	{"mjs", "text/javascript; charset=utf-8"}, {"json", "application/json"},
	{"svg", "image/svg+xml"}, {"png", "image/png"}, {"jpg", "image/jpeg"},
	{"jpeg", "image/jpeg"}, {"gif", "image/gif"}, {"webp", "image/webp"},
	{"ico", "image/x-icon"}, {"pdf", "application/pdf"}, {"xml", "application/xml"},
	{"txt", "text/plain; charset=utf-8"}, {"woff2", "font/woff2"}, {"woff", "font/woff"},
	{"ttf", "font/ttf"}, {"otf", "font/otf"}, {"csv", "text/csv; charset=utf-8"},
};

const char *files_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	if (dot && (slash == NULL || dot > slash))
		for (size_t i = 0; i < sizeof files_types / sizeof *files_types; i++)
			if (strcasecmp(dot + 1, files_types[i].ext) == 0)
				return files_types[i].type;
	return "application/octet-stream";
}

static int files_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The path decoded and checked: NULL for a bad escape, a NUL or other
 * control character, a backslash, or a ".", ".." or empty segment
 * (which is how "//etc/passwd" would name an absolute path). The
 * result has no leading "/"; "" is the root. */
static char *files_decode(const char *path)
{
	if (path[0] != '/')
		return NULL;
	struct buf b = {0};
	buf_addc(&b, '\0');	/* the result is never NULL when good */
	b.n = 0;
	for (const char *s = path + 1; *s; s++) {
		int c = (unsigned char)*s;
		if (c == '%') {
			int hi = files_hex(s[1]), lo = hi < 0 ? -1 : files_hex(s[2]);
			if (lo < 0)
				goto bad;
			c = hi * 16 + lo;
			s += 2;
		}
		if (c < 0x20 || c == 0x7f || c == '\\')
			goto bad;
		buf_addc(&b, (char)c);
	}
	/* every segment but a last empty one (a folder's "/") must be a name */
	for (char *seg = b.p; seg && seg < b.p + b.n;) {
		char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if ((n == 0 && end) || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			goto bad;
		seg = end ? end + 1 : NULL;
	}
	return buf_detach(&b);
bad:
	buf_free(&b);
	return NULL;
}

enum files_found { FOUND, FOUND_DIR, NOT_FOUND };

/* Opens rel under root one segment at a time, never through a symbolic
 * link; a folder named with a trailing "/" (or the root) gives its
 * index.html. *fd is a regular file on FOUND. */
static enum files_found files_open(const char *root, const char *rel, int *fd, struct stat *st)
{
	int dir = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return NOT_FOUND;
	char *copy = xstrdup(rel);
	char *seg = copy;
	enum files_found res = NOT_FOUND;
	for (;;) {
		char *slash = strchr(seg, '/');
		if (slash)
			*slash = '\0';
		const char *name = *seg ? seg : "index.html";
		int next = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (next < 0 || fstat(next, st) < 0) {
			if (next >= 0)
				close(next);
			break;
		}
		close(dir);
		dir = next;
		if (S_ISDIR(st->st_mode)) {
			if (slash == NULL) {
				res = FOUND_DIR;	/* "/lessons": redirect to "/lessons/" */
				break;
			}
			seg = slash + 1;
			continue;
		}
		if (slash == NULL && S_ISREG(st->st_mode)) {
			fcntl(dir, F_SETFL, 0);
			*fd = dir;
			dir = -1;
			res = FOUND;
		}
		break;	/* a file in the middle of the path, a FIFO, a device */
	}
	if (dir >= 0)
		close(dir);
	free(copy);
	return res;
}

/* The site path served, for the live script: "lessons/" → "lessons/index.html". */
static char *files_site_path(const char *rel)
{
	size_t n = strlen(rel);
	return n == 0 || rel[n - 1] == '/' ? xasprintf("%sindex.html", rel) : xstrdup(rel);
}

/* The overlay: its style, and its markup with the diagnostics (or
 * empty, as the <template> live.js fills in when errors come later). */
static void files_overlay(struct buf *b, const char *errors)
{
	buf_adds(b, "<div id=\"tebiki-overlay\" role=\"alert\"><p>tebiki: the sources have "
		 "errors; the last good build is below.</p><pre>");
	if (errors)
		html_escape(b, errors, strlen(errors));
	buf_adds(b, "</pre></div>");
}

static const char files_overlay_style[] =
	"<style>#tebiki-overlay{all:initial;position:fixed;inset:0;z-index:2147483647;"
	"overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:2em;"
	"font:14px/1.6 monospace}#tebiki-overlay p{all:initial;display:block;margin:0 0 1em;"
	"color:#ff8a80;font:bold 14px/1.6 monospace}#tebiki-overlay pre{all:initial;display:block;"
	"color:#fff;font:14px/1.6 monospace;white-space:pre-wrap}</style>";

/* The live-reload script (and the overlay) before the last </body>. */
static void files_inject(struct files *f, struct buf *page, const char *path, const char *want)
{
	struct buf add = {0};
	buf_adds(&add, files_overlay_style);
	buf_adds(&add, "<template id=\"tebiki-overlay-template\">");
	files_overlay(&add, NULL);
	buf_adds(&add, "</template>");
	pthread_mutex_lock(&f->mu);
	if (f->errors)
		files_overlay(&add, f->errors);
	pthread_mutex_unlock(&f->mu);
	buf_adds(&add, "<script src=\"" FILES_PREFIX "live.js\" data-server=\"");
	html_escape(&add, f->id, strlen(f->id));
	buf_adds(&add, "\" data-path=\"");
	html_escape(&add, path, strlen(path));
	if (want) {
		buf_adds(&add, "\" data-want=\"");
		html_escape(&add, want, strlen(want));
	}
	buf_adds(&add, "\"></script>\n");
	size_t at = page->n;
	for (size_t i = page->n; i-- > 0;)
		if (page->p[i] == '<' && page->n - i >= 7 && strncasecmp(page->p + i, "</body>", 7) == 0) {
			at = i;
			break;
		}
	buf_grow(page, add.n);
	memmove(page->p + at + add.n, page->p + at, page->n - at);
	memcpy(page->p + at, add.p, add.n);
	page->n += add.n;
	buf_free(&add);
}

/* An HTML file read whole (to inject into); -1 if it cannot be read. */
static int files_html(struct files *f, int fd, const char *path, const char *want,
		      struct http_response *r)
{
	struct buf page = {0};
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&page, chunk, (size_t)n);
	close(fd);
	if (n < 0) {
		buf_free(&page);
		return -1;
	}
	files_inject(f, &page, path, want);
	r->type = files_type(".html");
	r->len = page.n;
	r->body = buf_detach(&page);
	return 0;
}

static void files_text(struct http_response *r, int status, const char *text)
{
	r->status = status;
	r->type = "text/plain; charset=utf-8";
	r->body = xstrdup(text);
	r->len = strlen(text);
}

/* The theme's 404.html with status 404; a page of our own when there
 * is none (no good build yet: then it carries the overlay). */
static void files_not_found(struct files *f, const char *want, struct http_response *r)
{
	int fd;
	struct stat st;
	r->status = 404;
	if (files_open(f->root, "404.html", &fd, &st) == FOUND && files_html(f, fd, "404.html", want, r) == 0)
		return;
	struct buf page = {0};
	pthread_mutex_lock(&f->mu);
	int built = f->built;
	pthread_mutex_unlock(&f->mu);
	buf_adds(&page, "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
		 "<title>404</title></head><body><p>");
	buf_adds(&page, built ? "ページが見つかりません (404)" : "まだビルドされていません");
	buf_adds(&page, "</p></body></html>\n");
	files_inject(f, &page, "404.html", want);
	r->type = files_type(".html");
	r->len = page.n;
	r->body = buf_detach(&page);
}

void files_answer(void *ctx, const char *method, const char *path, struct http_response *r)
{
	struct files *f = ctx;
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		r->allow = "GET, HEAD";
		files_text(r, 405, "405 method not allowed\n");
		return;
	}
	if (strcmp(path, FILES_PREFIX "events") == 0) {
		events_stream(f->ev, r);
		return;
	}
	if (strcmp(path, FILES_PREFIX "live.js") == 0) {
		r->status = 200;
		r->type = files_type(".js");
		r->body = xstrdup(files_live_js);
		r->len = strlen(files_live_js);
		return;
	}
	char *rel = files_decode(path);
	if (rel == NULL) {
		files_text(r, 400, "400 bad request: the path must name a file of the site\n");
		return;
	}
	int fd;
	struct stat st;
	switch (files_open(f->root, rel, &fd, &st)) {
	case FOUND: {
		char *site = files_site_path(rel);
		r->status = 200;
		r->type = files_type(site);
		if (strncmp(r->type, "text/html", 9) == 0) {
			if (files_html(f, fd, site, NULL, r) < 0)
				files_text(r, 500, "500 the file cannot be read\n");
		} else {
			r->fd = fd;
			r->size = (uint64_t)st.st_size;
		}
		free(site);
		break;
	}
	case FOUND_DIR:
		r->status = 301;
		r->location = xasprintf("%s/", path);
		files_text(r, 301, "301 moved: a folder's address ends with /\n");
		break;
	case NOT_FOUND:
		files_not_found(f, rel, r);
		break;
	}
	free(rel);
}
