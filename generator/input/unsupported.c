/* unsupported: constructs of other tools that tebiki does not render,
 * so they are shown as written. Rather than let such text go by
 * unnoticed (or a directive's output go missing), each kind found in a
 * file gets one warning, at its first place, with how many more there
 * are. Code (fenced, or in backticks) and HTML comments are not looked
 * at: there such text is what the author meant to show. */
#include "unsupported.h"

#include <stdio.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/scan.h"
#include "../model/doc.h"
#include "../model/site.h"

enum unsup_kind {
	UNSUP_HUGO,		/* {{< x >}} {{% x %}} */
	UNSUP_MDBOOK,		/* {{#include x}} */
	UNSUP_TEMPLATE,		/* {{ x }} (Vue, Jinja) */
	UNSUP_TAG,		/* {% x %} (Jekyll, MkDocs macros) */
	UNSUP_SNIPPET,		/* --8<-- "x" (pymdownx.snippets) */
	UNSUP_VP_INCLUDE,	/* <!--@include: x--> */
	UNSUP_VP_IMPORT,	/* <<< @/x */
	UNSUP_ZENN,		/* @[youtube](x) */
	UNSUP_TOC,		/* [[toc]] [TOC] */
	UNSUP_MDX,		/* import X from '…' / export … */
	UNSUP__COUNT
};

/* What each is, and what becomes of it. */
static const char *const unsup_names[UNSUP__COUNT][2] = {
	{"Hugo shortcode", "shown as written"},
	{"mdBook directive", "shown as written"},
	{"template expression (Vue, Jinja)", "shown as written"},
	{"template tag (Jekyll, MkDocs macros)", "shown as written"},
	{"MkDocs snippet include", "shown as written, the file not included"},
	{"VitePress include", "left out with the comment it is, the file not included"},
	{"VitePress code import", "shown as written, the file not included"},
	{"Zenn embed", "shown as '@' and a link"},
	{"table of contents marker", "shown as written (the site and the PDF have their own contents)"},
	{"MDX import or export", "shown as written"},
};

struct unsup_seen {
	int count, line, col;
	char text[64];
};

/* Bytes at s (before end) that are in set: the text is not
 * NUL-terminated. */
static size_t unsup_span(const char *s, const char *end, const char *set)
{
	size_t n = 0;
	while (s + n < end && strchr(set, s[n]) && s[n])
		n++;
	return n;
}

static int unsup_starts(const char *s, const char *end, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(end - s) >= n && memcmp(s, w, n) == 0;
}

/* The kind of construct at s, or -1; *len: its length as written. */
static int unsup_at(const char *line, const char *s, const char *end, size_t *len)
{
	const char *close = NULL;
	int kind = -1;
	if (unsup_starts(s, end, "{{<")) {
		kind = UNSUP_HUGO, close = ">}}";
	} else if (unsup_starts(s, end, "{{%")) {
		kind = UNSUP_HUGO, close = "%}}";
	} else if (unsup_starts(s, end, "{{#")) {
		kind = UNSUP_MDBOOK, close = "}}";
	} else if (unsup_starts(s, end, "{{")) {
		kind = UNSUP_TEMPLATE, close = "}}";
	} else if (unsup_starts(s, end, "{%")) {
		kind = UNSUP_TAG, close = "%}";
	} else if (unsup_starts(s, end, "--8<--")) {
		kind = UNSUP_SNIPPET;
	} else if (unsup_starts(s, end, "<!--@include:")) {
		kind = UNSUP_VP_INCLUDE, close = "-->";
	} else if (s == line && unsup_starts(s, end, "<<< ")) {
		kind = UNSUP_VP_IMPORT;
	} else if (unsup_starts(s, end, "@[") && memchr(s, ']', (size_t)(end - s))) {
		const char *b = memchr(s, ']', (size_t)(end - s));
		if (b + 1 < end && b[1] == '(' && b > s + 2 &&
		    unsup_span(s + 2, b, "abcdefghijklmnopqrstuvwxyz") == (size_t)(b - s - 2))
			kind = UNSUP_ZENN, close = ")";
	} else if (unsup_starts(s, end, "[[toc]]") || unsup_starts(s, end, "[[TOC]]")) {
		kind = UNSUP_TOC, close = "]]";
	} else if (s == line && (unsup_starts(s, end, "[TOC]") || unsup_starts(s, end, "[toc]"))) {
		kind = UNSUP_TOC, close = "]";
	} else if (s == line && ((unsup_starts(s, end, "import ") &&
				  memmem(s, (size_t)(end - s), " from ", 6)) ||
				 unsup_starts(s, end, "export const ") ||
				 unsup_starts(s, end, "export default "))) {
		kind = UNSUP_MDX;
	}
	if (kind < 0)
		return -1;
	const char *e = close ? memmem(s, (size_t)(end - s), close, strlen(close)) : NULL;
	*len = e ? (size_t)(e - s) + strlen(close) : (size_t)(end - s);
	return kind;
}

static void unsup_note(struct unsup_seen *seen, int kind, const char *s, size_t len,
		       int line, int col)
{
	struct unsup_seen *k = &seen[kind];
	if (k->count++)
		return;
	k->line = line;
	k->col = col;
	if (len > sizeof k->text - 4) {	/* cut on a character's first byte */
		len = sizeof k->text - 4;
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		memcpy(k->text, s, len);
		memcpy(k->text + len, "…", 4);
	} else {
		memcpy(k->text, s, len);
		k->text[len] = '\0';
	}
}

/* Can a code span, a comment or a construct of unsup_at start with c
 * (besides import and export at a line's start)? Most bytes of a page
 * cannot: the scan was 4 % of a build when it tried each one. */
static const unsigned char unsup_leads[256] = {
	['`'] = 1, ['{'] = 1, ['-'] = 1, ['<'] = 1, ['@'] = 1, ['['] = 1};

/* The column (in characters) of s on the line that starts at line. */
static int unsup_col(const char *line, const char *s)
{
	int col = 1;
	for (; line < s; line++)
		col += ((unsigned char)*line & 0xC0) != 0x80;
	return col;
}

/* Scans one line (not code): s..end. *comment: inside <!-- … -->.
 * Columns are counted only for what is reported. */
static void unsup_line(struct unsup_seen *seen, const char *s, const char *end, int line,
		       int *comment)
{
	const char *start = s;
	while (s < end) {
		size_t n;
		if (*comment) {
			const char *e = memmem(s, (size_t)(end - s), "-->", 3);
			if (e == NULL)
				return;
			*comment = 0;
			s = e + 3;
			continue;
		}
		if (s != start || (*s != 'i' && *s != 'e')) {
			s = scan_to(s, end, unsup_leads);	/* most bytes: nothing starts here */
			if (s == end)
				return;
		}
		if (*s == '`') {	/* a code span: to the same run of backticks */
			size_t run = unsup_span(s, end, "`");
			const char *e = s + run;
			while (e < end) {
				const char *b = memchr(e, '`', (size_t)(end - e));
				if (b == NULL)
					break;
				size_t r = unsup_span(b, end, "`");
				e = b + r;
				if (r == run)
					break;
			}
			if (e >= end && (e == s + run || e[-1] != '`'))
				e = s + run;	/* no closing run: just backticks */
			s = e;
			continue;
		}
		int kind = unsup_at(start, s, end, &n);
		if (kind >= 0) {
			if (seen[kind].count == 0)
				unsup_note(seen, kind, s, n, line, unsup_col(start, s));
			else
				seen[kind].count++;
			s += n;
			continue;
		}
		if (unsup_starts(s, end, "<!--")) {
			*comment = 1;
			s += 4;
			continue;
		}
		s++;
	}
}

/* A code fence (``` or ~~~, at most three blanks in): its character
 * and length. */
static char unsup_fence(const char *s, const char *end, size_t *run)
{
	size_t i = 0;
	while (i < 3 && s + i < end && s[i] == ' ')
		i++;
	if (s + i >= end || (s[i] != '`' && s[i] != '~'))
		return 0;
	size_t k = 0;
	while (s + i + k < end && s[i + k] == s[i])
		k++;
	if (k < 3)
		return 0;
	*run = k;
	return s[i];
}

void unsupported_scan(struct doc *d, const char *text, size_t len, int line_offset)
{
	struct unsup_seen seen[UNSUP__COUNT] = {0};
	const char *s = text, *end = text + len;
	int line = line_offset + 1, comment = 0;
	char code = 0;
	size_t code_run = 0;
	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *le = eol ? eol : end;
		size_t run;
		char f = unsup_fence(s, le, &run);
		if (code) {
			if (f == code && run >= code_run)
				code = 0;
		} else if (f && !comment) {
			code = f;
			code_run = run;
		} else {
			unsup_line(seen, s, le, line, &comment);
		}
		s = eol ? eol + 1 : end;
		line++;
	}
	struct doc_held **tail = &d->held;
	while (*tail)
		tail = &(*tail)->next;
	for (int k = 0; k < UNSUP__COUNT; k++) {
		if (seen[k].count == 0)
			continue;
		struct buf b = {0};
		buf_addf(&b, "%s '%s' is not rendered by tebiki: %s", unsup_names[k][0],
			 seen[k].text, unsup_names[k][1]);
		if (seen[k].count > 1)
			buf_addf(&b, " (and %d more in this file)", seen[k].count - 1);
		struct doc_held *h = arena_alloc(&d->arena, sizeof *h);
		h->msg = arena_strndup(&d->arena, b.p, b.n);
		/* what a filter that renders it would take away: its start,
		 * or a Zenn embed's URL (its brackets make a link) */
		const char *key = seen[k].text;
		size_t kn = strcspn(key, " \"'");
		if (k == UNSUP_ZENN && strchr(key, '(')) {
			key = strchr(key, '(') + 1;
			kn = strcspn(key, ")");
		}
		h->key = arena_strndup(&d->arena, key, kn < 3 ? 3 : kn);
		h->line = (uint32_t)seen[k].line;
		h->col = (uint16_t)seen[k].col;
		*tail = h;
		tail = &h->next;
		buf_free(&b);
	}
}

/* The text of the document that a reader sees or that HTML holds:
 * text, raw HTML, titles of callouts; not code. */
static void unsup_text(const struct doc_node *root, struct buf *b)
{
	for (const struct doc_node *n = root; n; n = doc_walk_next((struct doc_node *)n, root)) {
		if (n->type == DOC_TEXT || n->type == DOC_HTMLINLINE || n->type == DOC_HTMLBLOCK) {
			buf_add(b, n->u.text.s, n->u.text.len);
		} else if (n->type == DOC_SOFTBREAK || n->type == DOC_LINEBREAK) {
			buf_addc(b, ' ');
		} else if (n->type == DOC_LINK || n->type == DOC_IMAGE) {
			buf_adds(b, n->u.link.url ? n->u.link.url : "");
		} else if (n->type == DOC_CALLOUT && n->u.div.title) {
			unsup_text(n->u.div.title, b);
		}
	}
}

void unsupported_report(struct doc *d)
{
	if (d == NULL || d->held == NULL)
		return;
	struct buf b = {0};
	unsup_text(d->root, &b);
	for (const struct doc_held *h = d->held; h; h = h->next)
		if (b.n && memmem(b.p, b.n, h->key, strlen(h->key)))
			diag_warning(d->file, (int)h->line, h->col, "%s", h->msg);
	d->held = NULL;
	buf_free(&b);
}

void unsupported_site(struct site *s)
{
	for (size_t i = 0; i < s->npages; i++)
		unsupported_report(s->pages[i]->doc);
}
