/* fence: a line scanner. It keeps track of fenced code blocks so a
 * ":::" inside code stays code. */
#include "fence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/buf.h"
#include "../base/xalloc.h"

#define FENCE_MARK "<!--tebiki-fence:"

/* Length of the container prefix: blanks and block-quote markers. */
static size_t fence_prefix(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
		i++;
	return i;
}

/* A code fence (``` or ~~~) opens or closes here? Returns its char. */
static char fence_code(const char *s, size_t n, size_t *run)
{
	if (n < 3 || (s[0] != '`' && s[0] != '~'))
		return 0;
	size_t i = 0;
	while (i < n && s[i] == s[0])
		i++;
	if (i < 3)
		return 0;
	*run = i;
	return s[0];
}

enum { FENCE_MAXOPEN = 32, FENCE_MAXPREFIX = 24 };

struct fence_scanner {
	struct fence_table *ft;
	struct buf *out;
	int adm[FENCE_MAXOPEN];	/* body column of each open admonition */
	int nadm;
	int keep;		/* columns before the bodies: a list item's */
	int item;		/* content column of the list item we are in, or 0 */
	/* the prefix of each open ":::", to write a closer behind */
	char prefix[FENCE_MAXOPEN][FENCE_MAXPREFIX];
	size_t prefixn[FENCE_MAXOPEN];
	int nopen;
};

static void fence_map(struct fence_table *ft, int line, int shift)
{
	if ((ft->nlines & (ft->nlines - 1)) == 0) {	/* 0, 1, 2, 4 …: grow */
		size_t cap = ft->nlines ? ft->nlines * 2 : 64;
		ft->line = xrealloc(ft->line, cap * sizeof *ft->line);
		ft->shift = xrealloc(ft->shift, cap * sizeof *ft->shift);
	}
	ft->line[ft->nlines] = line;
	ft->shift[ft->nlines++] = shift;
}

static struct fence *fence_add(struct fence_table *ft)
{
	ft->v = xrealloc(ft->v, (ft->n + 1) * sizeof *ft->v);
	struct fence *f = &ft->v[ft->n];
	memset(f, 0, sizeof *f);
	return f;
}

/* Columns of leading blanks (a tab to the next multiple of four). */
static int fence_indent(const char *s, size_t n, size_t *bytes)
{
	int col = 0;
	size_t i = 0;
	for (; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		col = s[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
	if (bytes)
		*bytes = i;
	return col;
}

static int fence_blank(const char *s, size_t n)
{
	size_t i;
	fence_indent(s, n, &i);
	return i == n || (i + 1 == n && s[i] == '\r');
}

/* Bytes of at most cols columns of leading blanks. */
static size_t fence_dedent(const char *s, size_t n, int cols)
{
	int col = 0;
	size_t i = 0;
	while (i < n && col < cols && (s[i] == ' ' || s[i] == '\t')) {
		col = s[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
		i++;
	}
	return i;
}

/* A list item's first line ("- ", "1. ") at s: its content column;
 * any other line at the left margin ends the list (0); else item. */
static int fence_list_item(const char *s, size_t n, int item)
{
	size_t i;
	int ind = fence_indent(s, n, &i);
	if (ind < 4 && i < n) {
		size_t m = i;
		if (s[m] == '-' || s[m] == '*' || s[m] == '+') {
			m++;
		} else {
			while (m < n && s[m] >= '0' && s[m] <= '9' && m - i < 9)
				m++;
			if (m == i || m >= n || (s[m] != '.' && s[m] != ')'))
				return ind == 0 ? 0 : item;
			m++;
		}
		if (m < n && (s[m] == ' ' || s[m] == '\t')) {
			size_t k = m;
			while (k < n && (s[k] == ' ' || s[k] == '\t'))
				k++;
			return ind + (int)(k - i);
		}
	}
	return ind == 0 ? 0 : item;
}

/* The end of the innermost open admonition: a marker line of its own. */
static void fence_close_admonition(struct fence_scanner *sc, int line)
{
	struct fence *f = fence_add(sc->ft);
	f->close = 1;
	f->mkdocs = '!';
	f->info = xstrdup("");
	f->text = xstrdup("");
	f->line = line;
	f->col = f->info_col = sc->keep + 1;
	for (int i = 0; i < sc->keep; i++)	/* in the list item it opened in */
		buf_addc(sc->out, ' ');
	buf_addf(sc->out, FENCE_MARK "%zu-->\n", sc->ft->n++);
	fence_map(sc->ft, line, 0);
	sc->nadm--;
}

/* "!!! note \"題\"", "??? tip", "???+ danger": the marker's character
 * ('!', '?', '+') and where the words start, or 0. */
static char fence_admonition(const char *t, size_t tn, size_t *words)
{
	if (tn < 4 || (memcmp(t, "!!!", 3) != 0 && memcmp(t, "???", 3) != 0))
		return 0;
	char kind = t[0];
	size_t i = 3;
	if (kind == '?' && t[i] == '+') {
		kind = '+';
		i++;
	}
	while (i < tn && t[i] == ' ')
		i++;
	if (i >= tn || !(t[i] == '_' || t[i] == '-' || t[i] == '"' ||
			 (t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
			 (t[i] >= '0' && t[i] <= '9')))
		return 0;
	*words = i;
	return kind;
}

/* A fence line (":::", or an admonition's first line) becomes a marker
 * behind prefix. */
static void fence_marker_line(struct fence_scanner *sc, const char *prefix, size_t pn,
			      const char *t, size_t tn, int close, char mkdocs,
			      size_t info_at, size_t info_end, int line, int col)
{
	struct fence *f = fence_add(sc->ft);
	f->close = close;
	f->mkdocs = mkdocs;
	f->info = xstrndup(t + info_at, info_end - info_at);
	f->line = line;
	f->col = col;
	f->info_col = col + (int)info_at;
	f->text = xstrndup(t, tn);
	buf_add(sc->out, prefix, pn);
	buf_addf(sc->out, FENCE_MARK "%zu-->", sc->ft->n++);
}

/* ":::" lines: markers, and the stack of open ones for closers
 * indented deeper than their opener. */
static void fence_colons(struct fence_scanner *sc, const char *s, size_t p,
			 const char *t, size_t tn, int line, int shift)
{
	size_t i = 0;
	while (i < tn && t[i] == ':')
		i++;
	size_t j = tn;
	while (j > i && (t[j - 1] == ' ' || t[j - 1] == '\t' ||
			 t[j - 1] == '\r' || t[j - 1] == ':'))
		j--;
	size_t k = i;
	while (k < j && (t[k] == ' ' || t[k] == '\t'))
		k++;
	int close = k == j;
	const char *prefix = s;
	size_t pn = p;
	if (close && sc->nopen > 0) {
		const char *q = sc->prefix[sc->nopen - 1];
		size_t qn = sc->prefixn[sc->nopen - 1];
		size_t extra;
		int cols = qn <= p && memcmp(s, q, qn) == 0 ?
			   fence_indent(s + qn, p - qn, &extra) : -1;
		if (cols >= 0 && qn + extra == p && cols < 4) {
			prefix = q;	/* written deeper: closes at the opener's */
			pn = qn;
		}
		if (cols >= 0 && cols < 4)
			sc->nopen--;
	} else if (!close && sc->nopen < FENCE_MAXOPEN) {
		size_t qn = p < FENCE_MAXPREFIX ? p : 0;
		memcpy(sc->prefix[sc->nopen], s, qn);
		sc->prefixn[sc->nopen++] = qn;
	}
	fence_marker_line(sc, prefix, pn, t, tn, close, 0, k, j, line,
			  (int)p + 1 + shift);
}

/* An HTML block whose lines Markdown does not read (CommonMark's
 * kinds 1 and 2: a comment, <pre>, <script>, <style>, <textarea>)
 * starts here? Returns what ends it, or NULL: a ":::" line inside one
 * stays as written (a marker's "-->" would end a comment early). */
static const char *fence_html_open(const char *s, size_t n)
{
	static const char *const tags[][2] = {{"<pre", "</pre>"}, {"<script", "</script>"},
		{"<style", "</style>"}, {"<textarea", "</textarea>"}};
	if (n >= 4 && memcmp(s, "<!--", 4) == 0)
		return "-->";
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
		size_t k = strlen(tags[i][0]);
		if (n >= k && strncasecmp(s, tags[i][0], k) == 0 &&
		    (n == k || s[k] == '>' || s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
			return tags[i][1];
	}
	return NULL;
}

/* Does the line s (n bytes) hold end, ignoring case? */
static int fence_html_ends(const char *s, size_t n, const char *end)
{
	size_t k = strlen(end);
	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, end, k) == 0)
			return 1;
	return 0;
}

void fence_scan(const char *text, size_t len, int line_offset,
		struct fence_table *ft, struct buf *out)
{
	struct fence_scanner sc = {.ft = ft, .out = out};
	const char *at = text, *end = text + len;
	int line = line_offset + 1;
	char code = 0;
	size_t code_run = 0;
	const char *html = NULL;	/* inside an HTML block: what ends it */
	struct buf cutbuf = {0};
	while (at < end) {
		const char *eol = memchr(at, '\n', (size_t)(end - at));
		size_t n = eol ? (size_t)(eol - at) : (size_t)(end - at);
		const char *next = at + n + (eol != NULL), *s = at;
		at = next;
		/* an admonition ends at the first line written left of its body */
		int blank = fence_blank(s, n);
		if (sc.nadm && !blank) {
			int ind = fence_indent(s, n, NULL);
			while (sc.nadm && ind < sc.adm[sc.nadm - 1]) {
				code = 0;	/* a code block ends with it */
				html = NULL;
				fence_close_admonition(&sc, line);
			}
		}
		/* the body is written four columns left per admonition, after
		 * the indentation of a list item it is in (kept) */
		int shift = 0;
		if (sc.nadm) {
			size_t keep = fence_dedent(s, n, sc.keep);
			size_t cut = fence_dedent(s + keep, n - keep, sc.adm[sc.nadm - 1] - sc.keep);
			buf_reset(&cutbuf);
			buf_add(&cutbuf, s, keep);
			buf_add(&cutbuf, s + keep + cut, n - keep - cut);
			s = cutbuf.p ? cutbuf.p : "";
			n = cutbuf.n;
			shift = (int)cut;
		}
		fence_map(ft, line, shift);
		size_t p = fence_prefix(s, n);
		const char *t = s + p;
		size_t tn = n - p, run = 0, words;
		char c = fence_code(t, tn, &run), adm;
		int spaces = fence_indent(s, p, NULL) == (int)p;	/* no '>' */
		if (!code && !html && !c && !blank && sc.nadm == 0)
			sc.item = fence_list_item(s, n, sc.item);
		if (html) {
			if (fence_html_ends(t, tn, html))
				html = NULL;
		} else if (!code && p < 4 && (html = fence_html_open(t, tn)) != NULL) {
			if (fence_html_ends(t + 4, tn - 4, html))
				html = NULL;	/* it ends on its first line */
		} else if (code) {
			if (c == code && run >= code_run)
				code = 0;
		} else if (c) {
			code = c;
			code_run = run;
		} else if (tn >= 3 && memcmp(t, ":::", 3) == 0) {
			fence_colons(&sc, s, p, t, tn, line, shift);
			if (eol)
				buf_addc(out, '\n');
			line++;
			continue;
		} else if (sc.nadm < FENCE_MAXOPEN && spaces &&
			   (p < 4 || (sc.nadm == 0 && sc.item && (int)p >= sc.item &&
				      (int)p < sc.item + 4)) &&
			   (adm = fence_admonition(t, tn, &words)) != 0) {
			size_t e = tn;
			while (e > words && (t[e - 1] == ' ' || t[e - 1] == '\r'))
				e--;
			fence_marker_line(&sc, s, p, t, tn, 0, adm, words, e, line,
					  (int)p + 1 + shift);
			if (eol)
				buf_addc(out, '\n');
			if (sc.nadm == 0) {
				sc.keep = (int)p;
				sc.adm[0] = (int)p + 4;
			} else {
				sc.adm[sc.nadm] = sc.adm[sc.nadm - 1] + (int)p - sc.keep + 4;
			}
			sc.nadm++;
			line++;
			continue;
		}
		buf_add(out, s, n);
		if (eol)
			buf_addc(out, '\n');
		line++;
	}
	buf_free(&cutbuf);
	if (sc.nadm && out->n && out->p[out->n - 1] != '\n')
		buf_addc(out, '\n');
	while (sc.nadm)
		fence_close_admonition(&sc, line - 1);
}

int fence_marker(const char *s, size_t len)
{
	size_t m = sizeof FENCE_MARK - 1;
	if (len < m || memcmp(s, FENCE_MARK, m) != 0)
		return -1;
	int k = -1;
	if (sscanf(s + m, "%d-->", &k) != 1)
		return -1;
	return k;
}

int fence_restore(const struct fence_table *ft, const char *s, size_t len,
		  struct buf *out)
{
	size_t m = sizeof FENCE_MARK - 1;
	const char *end = s + len, *at = memmem(s, len, FENCE_MARK, m);
	if (at == NULL)
		return 0;
	while (at) {
		int k = fence_marker(at, (size_t)(end - at));
		const char *close = memmem(at, (size_t)(end - at), "-->", 3);
		if (k < 0 || (size_t)k >= ft->n || close == NULL) {
			at += m;	/* not one of ours: kept as it is */
		} else {
			buf_add(out, s, (size_t)(at - s));
			buf_adds(out, ft->v[k].text);
			s = at = close + 3;
		}
		at = memmem(at, (size_t)(end - at), FENCE_MARK, m);
	}
	buf_add(out, s, (size_t)(end - s));
	return 1;
}

void fence_table_free(struct fence_table *ft)
{
	for (size_t i = 0; i < ft->n; i++) {
		free(ft->v[i].info);
		free(ft->v[i].text);
	}
	free(ft->v);
	free(ft->line);
	free(ft->shift);
	memset(ft, 0, sizeof *ft);
}
