/* html: one flat switch over the node kinds. Raw HTML from Markdown
 * is left out unless the project allows it, like Hugo's default, so a
 * shared lesson cannot smuggle a script into the site. */
#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/scan.h"
#include "../base/strmap.h"
#include "../base/xalloc.h"
#include "../input/rawhtml.h"
#include "../model/doc.h"
#include "../passes/blocks.h"
#include "../passes/profile.h"
#include "../render/codeinfo.h"
#include "block.h"

/* A footnote of the page: its number, and how many references it has
 * (a label used twice is one note with two links back). */
struct html_note {
	const struct doc_node *note;
	int refs;
};

struct html_ctx {
	const struct doc *doc;
	const struct html_opts *o;
	struct buf *out;
	struct html_note *notes;
	size_t nnotes;
	struct strmap labels;	/* a note's label → its index + 1 */
	struct rawhtml_tally dropped;	/* raw HTML left out */
	int ngroups;			/* code groups so far: their ids */
};

void html_escape(struct buf *b, const char *s, size_t n)
{
	static const unsigned char special[256] = {
		['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5};
	static const char *const rep[] = {NULL, "&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
	const char *end = s + n;
	for (;;) {
		const char *e = scan_to(s, end, special);
		buf_add(b, s, (size_t)(e - s));
		if (e == end)
			return;
		buf_adds(b, rep[special[(unsigned char)*e]]);
		s = e + 1;
	}
}

void html_escape_href(struct buf *b, const char *s, size_t n)
{
	static const char safe[] = "-_.+!*(),%#@?=;:/,$~";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c && strchr(safe, c)))
			buf_addc(b, (char)c);
		else if (c == '&')
			buf_adds(b, "&amp;");
		else if (c == '\'')
			buf_adds(b, "&#39;");
		else
			buf_addf(b, "%%%02X", c);
	}
}

/* javascript:, vbscript:, file: and non-image data: URLs become empty,
 * as cmark's safe mode does. */
static int html_url_is_bad(const char *u)
{
	if (strncasecmp(u, "javascript:", 11) == 0 || strncasecmp(u, "vbscript:", 9) == 0 ||
	    strncasecmp(u, "file:", 5) == 0)
		return 1;
	if (strncasecmp(u, "data:", 5) == 0)
		return strncasecmp(u + 5, "image/png", 9) && strncasecmp(u + 5, "image/gif", 9) &&
		       strncasecmp(u + 5, "image/jpeg", 10) && strncasecmp(u + 5, "image/webp", 10);
	return 0;
}

static void html_url(struct html_ctx *c, const struct doc_node *n)
{
	const char *u = n->u.link.href ? n->u.link.href : n->u.link.url;
	if (html_url_is_bad(u))
		return;
	html_escape_href(c->out, u, strlen(u));
}

static void html_children(struct html_ctx *c, const struct doc_node *n);

static int html_in_tight_list(const struct doc_node *n)
{
	const struct doc_node *item = n->parent;
	return item && item->type == DOC_ITEM && item->parent &&
	       (item->parent->flags & DOC_F_TIGHT);
}

/* Raw HTML: passed on with `unsafe`; else left out, and counted for
 * one warning per page (comments are left out quietly). */
static void html_raw(struct html_ctx *c, const struct doc_node *n, int block)
{
	if (c->o->unsafe) {
		buf_add(c->out, n->u.text.s, n->u.text.len);
		return;
	}
	if (n->first) {		/* what an HTML block means without its tags */
		html_children(c, n);
		return;
	}
	if (rawhtml_is_comment(n->u.text.s, n->u.text.len))
		return;		/* comments go quietly */
	if (c->o->warn)
		rawhtml_tally(&c->dropped, n);
	buf_adds(c->out, block ? "<!-- raw HTML omitted -->\n" : "<!-- raw HTML omitted -->");
}

static void html_table_cell(struct html_ctx *c, const struct doc_node *n, int header)
{
	const struct doc_node *table = n->parent ? n->parent->parent : NULL;
	int col = n->u.cell.col;
	static const char *align[] = {"", " style=\"text-align: left\"",
				      " style=\"text-align: center\"",
				      " style=\"text-align: right\""};
	int a = table && col < table->u.table.ncols ? table->u.table.align[col] : 0;
	buf_adds(c->out, header ? "<th" : "<td");	/* every cell: no printf */
	buf_adds(c->out, align[a]);
	buf_addc(c->out, '>');
	html_children(c, n);
	buf_adds(c->out, header ? "</th>\n" : "</td>\n");
}

static void html_table(struct html_ctx *c, const struct doc_node *n)
{
	buf_adds(c->out, "<div class=\"table-wrap\">\n<table>\n");
	int body = 0;
	for (const struct doc_node *row = n->first; row; row = row->next) {
		int header = row->flags & DOC_F_HEADER;
		if (header)
			buf_adds(c->out, "<thead>\n");
		else if (!body++)
			buf_adds(c->out, "<tbody>\n");
		buf_adds(c->out, "<tr>\n");
		for (const struct doc_node *cell = row->first; cell; cell = cell->next)
			html_table_cell(c, cell, header);
		buf_adds(c->out, "</tr>\n");
		if (header)
			buf_adds(c->out, "</thead>\n");
	}
	if (body)
		buf_adds(c->out, "</tbody>\n");
	buf_adds(c->out, "</table>\n</div>\n");
}

static const char *html_callout_title(const char *kind)
{
	static const char *names[][2] = {
		{"note", "メモ"}, {"tip", "ヒント"}, {"warning", "注意"},
		{"point", "ポイント"}, {"exercise", "演習"}, {"details", "詳細"}};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(kind, names[i][0]) == 0)
			return names[i][1];
	return kind;
}

/* Conditions stay visible on the site: data-* attributes for the
 * profile selector, and a label saying whom the block is for. */
/* A language tag as BCP 47 writes them (en, en-US, zh-Hant): letters,
 * digits and hyphens, starting with a letter. */
static int html_is_lang(const char *v)
{
	size_t n = strlen(v);
	return n > 0 && n <= 35 && ((*v | 0x20) >= 'a' && (*v | 0x20) <= 'z') &&
	       v[strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")] == '\0';
}

/* On a Japanese page: is the text of n an English passage, words in
 * Latin script and nothing Japanese (kana, kanji, full-width forms)?
 * One word (a product name, an acronym) is not a passage; nor is a
 * heading, which is mostly a name or a technical term (exempt in WCAG
 * 3.1.2): only paragraphs and list items are looked at. */
/* The text of a passage (doc_text_each) read as it goes: most are
 * Japanese, and the first few bytes say so. */
struct html_eng {
	int words, letters, in;
	int e2;		/* the last byte was E2: the next one decides */
};

/* Returns 1 (stop) at the first Japanese character. */
static int html_eng_bytes(void *ctx, const char *s, size_t n)
{
	struct html_eng *e = ctx;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		/* U+2E80 and up (CJK, kana, full-width): lead byte E3 and
		 * higher, or E2 BA–BF */
		if (b >= 0xE3 || (e->e2 && b >= 0xBA))
			return 1;
		e->e2 = b == 0xE2;
		int letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
		e->letters += letter;
		e->words += letter && !e->in;
		e->in = letter || b == '\'' || b == '-';
	}
	return 0;
}

static int html_is_english(const struct html_ctx *c, const struct doc_node *n)
{
	if (c->o->lang == NULL || strncmp(c->o->lang, "ja", 2) != 0 ||
	    (c->o->lang[2] && c->o->lang[2] != '-'))
		return 0;
	for (const struct doc_node *up = n->parent; up; up = up->parent)
		if ((up->type == DOC_DIV || up->type == DOC_CALLOUT) && doc_attr(up, "lang"))
			return 0;	/* the author said which language */
	struct html_eng e = {0};
	int japanese = doc_text_each(n, html_eng_bytes, &e);
	return !japanese && e.words >= 2 && e.letters >= 6;
}

static void html_lang(struct html_ctx *c, const struct doc_node *n)
{
	if (html_is_english(c, n))
		buf_adds(c->out, " lang=\"en\"");
}

/* A list item is marked as a whole when it is one paragraph (its
 * paragraph is then not marked again). */
static int html_item_english(struct html_ctx *c, const struct doc_node *n)
{
	return n->first && !n->first->next && n->first->type == DOC_PARAGRAPH &&
	       html_is_english(c, n);
}

static int html_lang_above(const struct doc_node *p)
{
	const struct doc_node *i = p->parent;
	return i && i->type == DOC_ITEM && !(i->flags & DOC_F_TASK) && i->first == p && !p->next;
}

static int html_conditions(struct html_ctx *c, const struct doc_node *n)
{
	int any = 0;
	for (const struct doc_attr *a = n->u.div.attrs; a; a = a->next) {
		if (strcmp(a->key, "id") == 0)
			continue;
		if (strcmp(a->key, "lang") == 0) {	/* ::: {.quote lang=en} */
			if (html_is_lang(a->value)) {
				buf_adds(c->out, " lang=\"");
				html_escape(c->out, a->value, strlen(a->value));
				buf_addc(c->out, '"');
			}
			continue;
		}
		buf_adds(c->out, " data-");
		html_escape(c->out, a->key, strlen(a->key));
		buf_adds(c->out, "=\"");
		for (const char *v = a->value; *v; v++)
			if (*v == ',')
				buf_addc(c->out, ' ');
			else
				html_escape(c->out, v, 1);
		buf_addc(c->out, '"');
		any = 1;
	}
	return any;
}

static int html_is_condition(const struct doc_attr *a);

/* 対象：小売業・従業員20名以下; a block marked priority=low (what a
 * short handout may leave out) reads 補足 on the site. */
static void html_condition_label(struct html_ctx *c, const struct doc_node *n)
{
	struct buf who = {0};
	int supplement = 0;
	for (const struct doc_attr *a = n->u.div.attrs; a; a = a->next) {
		if (strcmp(a->key, "priority") == 0) {
			supplement |= strcmp(a->value, "low") == 0;
			continue;
		}
		if (!html_is_condition(a))
			continue;
		char *label = c->o->profiles ? profile_label(c->o->profiles, a->key, a->value) : NULL;
		if (who.n)
			buf_adds(&who, "、");
		if (label) {
			html_escape(&who, label, strlen(label));
			free(label);
		} else {
			html_escape(&who, a->key, strlen(a->key));
			buf_addc(&who, '=');
			html_escape(&who, a->value, strlen(a->value));
		}
	}
	if (who.n || supplement) {
		buf_adds(c->out, "<p class=\"only-label\">");
		if (supplement)
			buf_adds(c->out, who.n ? "補足　" : "補足");
		if (who.n) {
			buf_adds(c->out, "対象：");
			buf_add(c->out, who.p, who.n);
		}
		buf_adds(c->out, "</p>\n");
	}
	buf_free(&who);
}

static int html_is_condition(const struct doc_attr *a)
{
	return strcmp(a->key, "id") && strcmp(a->key, "format");
}

static void html_node(struct html_ctx *c, const struct doc_node *n);

/* A code block's label: its file label, or in a code group (where
 * every tab needs one) its language, or "コード N". */
static void html_code_label(struct html_ctx *c, const struct codeinfo *ci, int nth)
{
	if (ci->label)
		html_escape(c->out, ci->label, ci->label_n);
	else if (ci->lang_n)
		html_escape(c->out, ci->lang, ci->lang_n);
	else
		buf_addf(c->out, "コード %d", nth);
}

/* <pre><code class="language-js">; with a file label, a caption
 * above; marked lines ({1,4-6}) in <span class="line highlighted">. */
static void html_code(struct html_ctx *c, const struct doc_node *n, int nth)
{
	struct buf *o = c->out;
	struct codeinfo ci;
	codeinfo_parse(n->u.text.info, &ci);
	int boxed = ci.label || nth;
	if (boxed) {
		buf_adds(o, "<div class=\"code-block\">\n<div class=\"code-label\">");
		html_code_label(c, &ci, nth);
		buf_adds(o, "</div>\n");
	}
	buf_adds(o, "<pre><code");
	if (ci.lang_n) {
		buf_adds(o, " class=\"language-");
		html_escape(o, ci.lang, ci.lang_n);
		buf_addc(o, '"');
	}
	buf_addc(o, '>');
	const char *s = n->u.text.s, *end = s + n->u.text.len;
	for (int line = 1; ci.marks && s < end; line++) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *next = eol ? eol + 1 : end;
		int mark = codeinfo_marked(&ci, line);
		if (mark) {	/* the newline after the span: it ends the line */
			buf_adds(o, "<span class=\"line highlighted\">");
			html_escape(o, s, (size_t)((eol ? eol : end) - s));
			buf_adds(o, eol ? "</span>\n" : "</span>");
		} else {
			html_escape(o, s, (size_t)(next - s));
		}
		s = next;
	}
	html_escape(o, s, (size_t)(end - s));
	buf_adds(o, "</code></pre>\n");
	if (boxed)
		buf_adds(o, "</div>\n");
}

/* VitePress's ::: code-group: its code blocks as tabs, one radio
 * button each, so the tabs work by keyboard and without script; with
 * no style sheet (or in print) every block shows, each with its label. */
static void html_code_group(struct html_ctx *c, const struct doc_node *n)
{
	struct buf *o = c->out;
	int g = ++c->ngroups, k = 0;
	buf_adds(o, "<div class=\"code-group\">\n");
	for (const struct doc_node *ch = n->first; ch; ch = ch->next) {
		if (ch->type != DOC_CODEBLOCK || blocks_kind(ch->u.text.info) >= 0)
			continue;
		struct codeinfo ci;
		codeinfo_parse(ch->u.text.info, &ci);
		k++;
		buf_addf(o, "<input type=\"radio\" class=\"code-tab\" name=\"code-group-%d\" "
			 "id=\"code-group-%d-%d\"%s><label for=\"code-group-%d-%d\">",
			 g, g, k, k == 1 ? " checked" : "", g, k);
		html_code_label(c, &ci, k);
		buf_adds(o, "</label>\n");
	}
	k = 0;
	for (const struct doc_node *ch = n->first; ch; ch = ch->next) {
		if (ch->type == DOC_CODEBLOCK && blocks_kind(ch->u.text.info) < 0)
			html_code(c, ch, ++k);
		else
			html_node(c, ch);
	}
	buf_adds(o, "</div>\n");
}

static void html_div(struct html_ctx *c, const struct doc_node *n)
{
	const char *format = doc_attr(n, "format");
	if (format && strcmp(format, "html") != 0)
		return;		/* meant for the PDF only */
	const char *id = doc_attr(n, "id");
	int callout = n->type == DOC_CALLOUT;
	int collapse = callout && (n->flags & DOC_F_COLLAPSE);
	int only = strcmp(n->u.div.kind, "only") == 0;
	if (!callout && strcmp(n->u.div.kind, "code-group") == 0) {
		html_code_group(c, n);
		return;
	}
	buf_adds(c->out, collapse ? "<details class=\"" : "<div class=\"");
	if (callout)
		buf_addf(c->out, "callout callout-%s", n->u.div.kind);
	else
		html_escape(c->out, n->u.div.kind, strlen(n->u.div.kind));
	buf_addc(c->out, '"');
	if (id) {
		buf_adds(c->out, " id=\"");
		html_escape(c->out, id, strlen(id));
		buf_addc(c->out, '"');
	}
	int conds = html_conditions(c, n);
	if (collapse && (n->flags & DOC_F_OPEN))
		buf_adds(c->out, " open");
	buf_adds(c->out, ">\n");
	int labelled = 0;
	for (const struct doc_attr *a = n->u.div.attrs; a; a = a->next)
		labelled |= html_is_condition(a);
	if (callout) {
		buf_adds(c->out, collapse ? "<summary class=\"callout-title\">"
					  : "<p class=\"callout-title\">");
		if (n->u.div.title) {
			html_children(c, n->u.div.title);
		} else {
			const char *t = html_callout_title(n->u.div.kind);
			html_escape(c->out, t, strlen(t));
		}
		buf_adds(c->out, collapse ? "</summary>\n" : "</p>\n");
	}
	if ((only || callout) && conds && labelled)
		html_condition_label(c, n);
	html_children(c, n);
	buf_adds(c->out, collapse ? "</details>\n" : "</div>\n");
}

/* The attributes of n that may be shown (allowed: " id title "), or
 * with `unsafe` all that have a plain name. Sizes are numbers, ids have
 * no blanks, no on* handler ever passes without `unsafe`. */
static void html_attrs(struct html_ctx *c, const struct doc_attr *a, const char *allowed)
{
	for (; a; a = a->next) {
		char key[40];
		size_t kn = strlen(a->key);
		if (kn == 0 || kn + 3 > sizeof key || a->key[strspn(a->key,
		    "abcdefghijklmnopqrstuvwxyz0123456789-_:.")] != '\0')
			continue;
		snprintf(key, sizeof key, " %s ", a->key);
		if (!c->o->unsafe) {
			if (!strstr(allowed, key) || a->value[0] == '\0')
				continue;
			if ((!strcmp(a->key, "width") || !strcmp(a->key, "height")) &&
			    (a->value[strspn(a->value, "0123456789")] || strlen(a->value) > 5))
				continue;
			if (!strcmp(a->key, "id") && strpbrk(a->value, " \t\n"))
				continue;
		}
		buf_addf(c->out, " %s=\"", a->key);
		html_escape(c->out, a->value, strlen(a->value));
		buf_addc(c->out, '"');
	}
}

/* <kbd>, <sup>, <abbr title>, <span id>, <a id> …; a span of another
 * kind (from a Lua filter) is a <span> of that class. */
static void html_span(struct html_ctx *c, const struct doc_node *n)
{
	static const char *tags[] = {"kbd", "sup", "sub", "mark", "small", "abbr", "span", "a"};
	const char *kind = n->u.div.kind, *tag = NULL;
	for (size_t i = 0; i < sizeof tags / sizeof *tags && !tag; i++)
		if (strcmp(kind, tags[i]) == 0)
			tag = tags[i];
	buf_addf(c->out, "<%s", tag ? tag : "span");
	if (!tag) {
		buf_adds(c->out, " class=\"");
		html_escape(c->out, kind, strlen(kind));
		buf_addc(c->out, '"');
	}
	html_attrs(c, n->u.div.attrs, !tag ? " id " : !strcmp(tag, "abbr") ? " title "
				   : !strcmp(tag, "span") || !strcmp(tag, "a") ? " id " : "");
	buf_addc(c->out, '>');
	html_children(c, n);
	buf_addf(c->out, "</%s>", tag ? tag : "span");
}

/* Ruby with its reading in parentheses for browsers without ruby. */
static void html_ruby(struct html_ctx *c, const struct doc_node *n)
{
	buf_adds(c->out, "<ruby>");
	html_children(c, n);
	buf_adds(c->out, "<rp>（</rp><rt>");
	html_escape(c->out, n->u.ruby.rt, strlen(n->u.ruby.rt));
	buf_adds(c->out, "</rt><rp>）</rp></ruby>");
}

/* A reference: a superscript number linking to the note at the end
 * of the page (the same number for a label used again). */
static void html_note_ref(struct html_ctx *c, const struct doc_node *n)
{
	size_t k = c->nnotes;
	if (n->u.note.label) {
		size_t *at = strmap_put(&c->labels, n->u.note.label);
		if (*at)
			k = *at - 1;
		else
			*at = k + 1;
	}
	if (k == c->nnotes) {
		c->notes = xrealloc(c->notes, (c->nnotes + 1) * sizeof *c->notes);
		c->notes[c->nnotes++] = (struct html_note){n, 0};
	}
	int ref = ++c->notes[k].refs;
	buf_addf(c->out, "<sup class=\"footnote-ref\"><a href=\"#fn-%zu\" id=\"fnref-%zu", k + 1,
		 k + 1);
	if (ref > 1)
		buf_addf(c->out, "-%d", ref);
	buf_addf(c->out, "\" role=\"doc-noteref\">%zu</a></sup>", k + 1);
}

/* The notes, in the order of their first references, each ending with
 * links back to them. Notes inside notes are numbered on. */
static void html_notes(struct html_ctx *c)
{
	if (c->nnotes == 0)
		return;
	buf_adds(c->out, "<section class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n");
	for (size_t k = 0; k < c->nnotes; k++) {
		buf_addf(c->out, "<li id=\"fn-%zu\">\n", k + 1);
		struct buf back = {0};
		for (int r = 1; r <= c->notes[k].refs; r++) {
			buf_addf(&back, " <a href=\"#fnref-%zu", k + 1);
			if (r > 1)
				buf_addf(&back, "-%d", r);
			buf_addf(&back, "\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"本文に戻る\">↩%s</a>",
				 r > 1 ? (r == 2 ? "²" : r == 3 ? "³" : "") : "");
		}
		html_children(c, c->notes[k].note);
		/* the links back go inside the last paragraph */
		if (c->out->n > 5 && strcmp(c->out->p + c->out->n - 5, "</p>\n") == 0) {
			c->out->n -= 5;
			buf_add(c->out, back.p, back.n);
			buf_adds(c->out, "</p>\n");
		} else {
			buf_add(c->out, back.p, back.n);
			buf_addc(c->out, '\n');
		}
		buf_free(&back);
		buf_adds(c->out, "</li>\n");
	}
	buf_adds(c->out, "</ol>\n</section>\n");
}

static int html_tight_def(const struct doc_node *n)
{
	return n->parent && n->parent->type == DOC_DEFINITION && n->parent->first == n &&
	       !n->next && n->parent->parent && (n->parent->parent->flags & DOC_F_TIGHT);
}

static void html_node(struct html_ctx *c, const struct doc_node *n)
{
	struct buf *o = c->out;
	switch ((enum doc_type)n->type) {
	case DOC_DOCUMENT:
		html_children(c, n);
		break;
	case DOC_PARAGRAPH:
		if (html_in_tight_list(n) || html_tight_def(n)) {
			html_children(c, n);
			if (n->next)
				buf_addc(o, '\n');
			break;
		}
		buf_adds(o, "<p");
		if (!html_lang_above(n))
			html_lang(c, n);
		buf_addc(o, '>');
		html_children(c, n);
		buf_adds(o, "</p>\n");
		break;
	case DOC_HEADING:
		buf_adds(o, "<h");
		buf_addc(o, (char)('0' + n->u.heading.level));	/* 1 to 6 */
		if (n->u.heading.id) {
			buf_adds(o, " id=\"");
			html_escape(o, n->u.heading.id, strlen(n->u.heading.id));
			buf_addc(o, '"');
		}
		buf_addc(o, '>');
		html_children(c, n);
		buf_adds(o, "</h");
		buf_addc(o, (char)('0' + n->u.heading.level));
		buf_adds(o, ">\n");
		break;
	case DOC_BLOCKQUOTE:
		buf_adds(o, "<blockquote>\n");
		html_children(c, n);
		buf_adds(o, "</blockquote>\n");
		break;
	case DOC_LIST:
		if (n->flags & DOC_F_ORDERED) {
			if (n->u.list.start != 1)
				buf_addf(o, "<ol start=\"%d\">\n", n->u.list.start);
			else
				buf_adds(o, "<ol>\n");
		} else
			buf_adds(o, n->first && (n->first->flags & DOC_F_TASK)
					? "<ul class=\"tasks\">\n" : "<ul>\n");
		html_children(c, n);
		buf_adds(o, n->flags & DOC_F_ORDERED ? "</ol>\n" : "</ul>\n");
		break;
	case DOC_ITEM:
		if (n->flags & DOC_F_TASK)	/* a box needs a name (WCAG 4.1.2): its state */
			buf_adds(o, n->flags & DOC_F_CHECKED
				 ? "<li class=\"task\"><input type=\"checkbox\" disabled checked aria-label=\"完了\"> "
				 : "<li class=\"task\"><input type=\"checkbox\" disabled aria-label=\"未完了\"> ");
		else if (html_item_english(c, n))
			buf_adds(o, "<li lang=\"en\">");
		else
			buf_adds(o, "<li>");
		if (n->first && n->first->type != DOC_PARAGRAPH)
			buf_addc(o, '\n');
		else if (n->first && !html_in_tight_list(n->first))
			buf_addc(o, '\n');
		html_children(c, n);
		buf_adds(o, "</li>\n");
		break;
	case DOC_CODEBLOCK:
		if (block_html(o, c->o->site, c->o->url, c->doc->file, n))
			break;	/* a chart, table or checklist */
		html_code(c, n, 0);
		break;
	case DOC_HTMLBLOCK:
		html_raw(c, n, 1);
		break;
	case DOC_THEMATIC:
		buf_adds(o, "<hr>\n");
		break;
	case DOC_TABLE:
		html_table(c, n);
		break;
	case DOC_TABLE_ROW:
	case DOC_TABLE_CELL:
		html_children(c, n);	/* only inside html_table */
		break;
	case DOC_DIV:
	case DOC_CALLOUT:
		html_div(c, n);
		break;
	case DOC_DEFLIST:
		buf_adds(o, "<dl>\n");
		html_children(c, n);
		buf_adds(o, "</dl>\n");
		break;
	case DOC_TERM:
		buf_adds(o, "<dt>");
		html_children(c, n);
		buf_adds(o, "</dt>\n");
		break;
	case DOC_DEFINITION:
		buf_adds(o, (n->parent->flags & DOC_F_TIGHT) && n->first && !n->first->next &&
				    n->first->type == DOC_PARAGRAPH ? "<dd>" : "<dd>\n");
		html_children(c, n);
		buf_adds(o, "</dd>\n");
		break;
	case DOC_NOTE:
		html_note_ref(c, n);
		break;
	case DOC_SPAN:
		html_span(c, n);
		break;
	case DOC_RUBY:
		html_ruby(c, n);
		break;
	case DOC_TEXT:
		html_escape(o, n->u.text.s, n->u.text.len);
		break;
	case DOC_SOFTBREAK:
		if (!(n->flags & DOC_F_JOIN))
			buf_addc(o, '\n');
		break;
	case DOC_LINEBREAK:
		buf_adds(o, "<br>\n");
		break;
	case DOC_CODE:
		buf_adds(o, "<code>");
		html_escape(o, n->u.text.s, n->u.text.len);
		buf_adds(o, "</code>");
		break;
	case DOC_HTMLINLINE:
		html_raw(c, n, 0);
		break;
	case DOC_EMPH:
		buf_adds(o, "<em>");
		html_children(c, n);
		buf_adds(o, "</em>");
		break;
	case DOC_STRONG:
		buf_adds(o, "<strong>");
		html_children(c, n);
		buf_adds(o, "</strong>");
		break;
	case DOC_STRIKE:
		buf_adds(o, "<del>");
		html_children(c, n);
		buf_adds(o, "</del>");
		break;
	case DOC_LINK:
		buf_adds(o, "<a href=\"");
		html_url(c, n);
		buf_addc(o, '"');
		html_attrs(c, n->u.link.attrs, " title id ");
		buf_addc(o, '>');
		html_children(c, n);
		buf_adds(o, "</a>");
		break;
	case DOC_IMAGE: {
		struct buf alt = {0};
		doc_text(n, &alt);
		buf_adds(o, "<img src=\"");
		html_url(c, n);
		buf_adds(o, "\" alt=\"");
		html_escape(o, alt.p ? alt.p : "", alt.n);
		buf_addc(o, '"');
		html_attrs(c, n->u.link.attrs, " title width height ");
		buf_addc(o, '>');
		buf_free(&alt);
		break;
	}
	case DOC__COUNT:
		break;
	}
}

static void html_children(struct html_ctx *c, const struct doc_node *n)
{
	for (const struct doc_node *ch = n->first; ch; ch = ch->next)
		html_node(c, ch);
}

void html_render(const struct doc *d, const struct html_opts *o, struct buf *out)
{
	struct html_ctx c = {.doc = d, .o = o, .out = out};
	html_node(&c, d->root);
	html_notes(&c);
	rawhtml_report(&c.dropped, d->file, "",
		       "; 'markdown: {unsafe: true}' in site.yaml keeps all");
	free(c.notes);
	strmap_free(&c.labels);
}
