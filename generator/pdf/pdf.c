/* pdf: the document trees of a publication walked in one flat switch,
 * like html.c, into layout calls. Block nodes open frames, set indents
 * and end paragraphs; inline nodes set the style of the characters
 * they add. Space between blocks is collected (the largest wins, as
 * CSS margins collapse) and laid down before the next block, so a
 * heading's space after it stays with it. */
#include "pdf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/url.h"
#include "../base/confine.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../input/rawhtml.h"
#include "../model/doc.h"
#include "../model/site.h"
#include "../passes/blocks.h"
#include "../passes/profile.h"
#include "../passes/xref.h"
#include "../render/codeinfo.h"
#include "book.h"
#include "figure.h"
#include "font.h"
#include "image.h"
#include "layout.h"
#include "link.h"
#include "pdfctx.h"

#define GETA 0x3013

double pdf_line(const struct pdf_ctx *c)
{
	return c->st->size * c->st->leading;
}

void pdf_want_gap(struct pdf_ctx *c, double h)
{
	if (h > c->gap)
		c->gap = h;
}

void pdf_flush_gap(struct pdf_ctx *c)
{
	lay_gap(c->L, c->gap);
	c->gap = 0;
}

static const char *pdf_file(const struct pdf_ctx *c)
{
	return c->j->ch[c->ch].file;
}

static int pdf_warns(const struct pdf_ctx *c)
{
	return c->j->ch[c->ch].warn;
}

static struct lay_style pdf_body_style(const struct pdf_ctx *c)
{
	return (struct lay_style){FACE_MINCHO, 0, (float)c->st->size, c->st->text, -1, 0};
}

/* --- characters ------------------------------------------------------- */

/* Format characters with no glyph: dropped, as a browser shows them. */
static int pdf_invisible(uint32_t cp)
{
	return cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 ||
	       cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	       (cp >= 0xE0100 && cp <= 0xE01EF);
}

static void pdf_warn_char(struct pdf_ctx *c, int line, int col, uint32_t cp)
{
	for (size_t i = 0; i < c->nwarned; i++)
		if (c->warned[i] == cp)
			return;
	c->warned = xrealloc(c->warned, (c->nwarned + 1) * sizeof *c->warned);
	c->warned[c->nwarned++] = cp;
	if (!pdf_warns(c))
		return;
	char u[5] = {0};
	utf8_encode(cp, u);
	diag_warning(pdf_file(c), line, col,
		     "'%s' (U+%04X) is in none of the PDF fonts (nor the fallback fonts): drawn as 〓",
		     u, (unsigned)cp);
}

static int pdf_latin(unsigned char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

/* Where an English passage that starts at s[0] ends: words of Latin
 * letters (digits, . , ' - inside) and the spaces between them, with at
 * least one word in lower case (Windows Update, password; not IPA, VPN
 * or NIST SP 800-63B, which a Japanese voice reads as well). 0: none. */
static size_t pdf_english(const char *s, size_t len)
{
	size_t end = 0, lower = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (pdf_latin(ch)) {
			end = i + 1;
			lower = ch >= 'a' && i > 0 && (unsigned char)s[i - 1] >= 'a' &&
				pdf_latin((unsigned char)s[i - 1]) ? 1 : lower;
		} else if (!strchr(" 0123456789.,'-", ch)) {
			break;
		}
	}
	return lower ? end : 0;
}

/* Adds text in the current style. pos_col: the column of s[0]; code
 * text counts lines and expands tabs. English passages in prose are
 * Spans with /Lang (en), so a screen reader switches its voice. */
static void pdf_emit(struct pdf_ctx *c, const char *s, size_t len, int line, int col,
		     int code)
{
	int style = lay_style(c->L, &c->cur);
	int lcol = 0;		/* column in the code line, for tabs */
	size_t english = 0;	/* the end of the open English span, or 0 */
	for (size_t i = 0; i < len;) {
		if (english && i >= english) {
			lay_close(c->L);
			english = 0;
			style = lay_style(c->L, &c->cur);
		}
		if (!code && !english && lay_current(c->L) > DRAW_ELEM_FOOTER &&
		    pdf_latin((unsigned char)s[i]) &&
		    (i == 0 || !pdf_latin((unsigned char)s[i - 1])) &&
		    (english = pdf_english(s + i, len - i)) != 0) {
			english += i;
			draw_elem_set(c->d, lay_open(c->L, ROLE_SPAN), NULL, NULL, "en");
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		if (k == 0 || pdf_invisible(cp)) {
			col++;
			continue;
		}
		if (cp == '\n' && code) {
			lay_char(c->L, '\n', style);
			line++;
			col = 1;
			lcol = 0;
			continue;
		}
		if (cp == '\t' && code) {
			do
				lay_char(c->L, ' ', style);
			while (++lcol % 4);
			col++;
			continue;
		}
		if (cp >= 0x20 && !lay_has(c->L, cp)) {
			pdf_warn_char(c, line, col, cp);
			cp = GETA;
		}
		lay_char(c->L, cp, style);
		col++;
		lcol++;
	}
	if (english)
		lay_close(c->L);
}

void pdf_emit_str(struct pdf_ctx *c, const char *s)
{
	pdf_emit(c, s, strlen(s), 0, 0, 0);
}

/* --- structure ---------------------------------------------------------- */

int pdf_open(struct pdf_ctx *c, int role)
{
	return lay_open(c->L, role);
}

void pdf_close(struct pdf_ctx *c)
{
	lay_close(c->L);
}

int pdf_heading_role(const struct pdf_ctx *c, int rank)
{
	int h = c->hbase + rank;
	return ROLE_H1 + (h < 1 ? 0 : h > 6 ? 5 : h - 1);
}

/* Sections: a top-level heading closes the Sect elements of its level
 * and below and opens its own; a Div ('::: only') closes those opened
 * inside it. */
static void pdf_close_sects(struct pdf_ctx *c, int level)
{
	while (c->nsect > c->sect_floor && c->sect[c->nsect - 1] >= level) {
		pdf_close(c);
		c->nsect--;
	}
}

static void pdf_open_sect(struct pdf_ctx *c, int level)
{
	pdf_close_sects(c, level);
	if (c->nsect < (int)(sizeof c->sect / sizeof c->sect[0])) {
		pdf_open(c, ROLE_SECT);
		c->sect[c->nsect++] = level;
	}
}

/* A plain-text description of a node (Alt, Contents), in the arena. */
static const char *pdf_plain(struct pdf_ctx *c, const struct doc_node *n, const char *prefix);

/* --- paragraphs ------------------------------------------------------- */

struct lay_para pdf_para(const struct pdf_ctx *c, double size, double leading)
{
	struct lay_para p = {.left = c->left, .right = c->right, .pitch = size * leading,
			     .align = LAY_JUSTIFY, .dest = -1};
	return p;
}

static void pdf_flush_notes(struct pdf_ctx *c);

void pdf_end_para(struct pdf_ctx *c, struct lay_para *p)
{
	pdf_flush_gap(c);
	if (c->marker || c->task || c->bullet) {
		p->marker = c->marker;
		p->marker_style = c->marker_style;
		p->task = (uint8_t)c->task;
		p->bullet = (uint8_t)c->bullet;
		p->lbl = c->lbl;
		c->marker = NULL;
		c->task = c->bullet = 0;
	}
	lay_para(c->L, p);
	pdf_flush_notes(c);
}

/* A list item that starts with something else than a paragraph gets
 * its marker on a line of its own. */
static void pdf_flush_marker(struct pdf_ctx *c)
{
	if (!c->marker && !c->task && !c->bullet)
		return;
	struct lay_para p = pdf_para(c, c->st->size, c->st->leading);
	pdf_end_para(c, &p);
}

static void pdf_node(struct pdf_ctx *c, const struct doc_node *n);

static void pdf_children(struct pdf_ctx *c, const struct doc_node *n)
{
	for (const struct doc_node *ch = n->first; ch; ch = ch->next)
		pdf_node(c, ch);
}

/* Children with a different look; the style is put back after. */
static void pdf_styled(struct pdf_ctx *c, const struct doc_node *n, int face, int flags,
		       double scale)
{
	struct lay_style keep = c->cur;
	if (face >= 0)
		c->cur.face = (uint8_t)face;
	c->cur.flags |= (uint8_t)flags;
	c->cur.size = (float)(c->cur.size * scale);
	pdf_children(c, n);
	c->cur = keep;
}

/* --- images ------------------------------------------------------------ */

static int pdf_is_external(const char *url)
{
	return (url[0] == '/' && url[1] == '/') || url_has_scheme(url);
}

/* The project-relative file an image names: relative to its page, or
 * root-absolute (/images/a.png: content/, static/ or public/, as on the
 * site); NULL when it cannot be one. */
static char *pdf_image_file(const struct pdf_ctx *c, const char *url)
{
	if (url[0] != '/')
		return link_resolve(pdf_file(c), url);
	if (c->j->dir == NULL || url[1] == '/')
		return NULL;	/* tebiki render: no project to look in */
	char *path = url_unpercent(url + 1, strcspn(url + 1, "?#"));
	char *norm = fs_normalize(path);
	free(path);
	if (norm == NULL)
		return NULL;
	struct stat st;
	int found;
	char *rel = xref_root_file(c->j->dir, norm, 1, &st, &found);
	free(norm);
	return rel;
}

/* Pixels per inch an image needs at most: print. A PNG with more pixels
 * than the text area holds at this resolution is scaled down. */
#define PDF_IMAGE_DPI 300

/* Reads and decodes an image file; reports what is wrong with it. A
 * missing file in a site build was reported by xref already. */
static int pdf_image_load(struct pdf_ctx *c, const struct doc_node *n, const char *dir,
			  const char *rel, struct draw_image *img)
{
	size_t len;
	/* in a project, beneath it: a filter's image may name any path */
	char *data = dir ? confine_read(dir, rel, &len) : fs_read(rel, &len);
	char why[200];
	int rc = -1;
	if (data == NULL && errno != ENOENT) {
		diag_error(pdf_file(c), (int)n->line, n->col, "image %s not read: %s",
			   n->u.link.url, confine_strerror(errno));
		c->failed = 1;
	} else if (data == NULL) {
		if (!c->j->images_checked && pdf_warns(c))
			diag_warning(pdf_file(c), (int)n->line, n->col,
				     "missing image: %s (%s): shown as its description",
				     n->u.link.url, strerror(errno));
	} else if (image_kind((unsigned char *)data, len) == 0) {
		if (pdf_warns(c))
			diag_warning(pdf_file(c), (int)n->line, n->col,
				     "only PNG and JPEG images go into a PDF: %s is shown as its description",
				     n->u.link.url);
	} else if (image_decode((unsigned char *)data, len, img,
				(int)(style_measure(c->st) * PDF_IMAGE_DPI / 72) + 1,
				(int)(style_body_height(c->st) * PDF_IMAGE_DPI / 72) + 1,
				why, sizeof why) < 0) {
		diag_error(pdf_file(c), (int)n->line, n->col, "%s: %s", n->u.link.url, why);
		c->failed = 1;
	} else
		rc = 0;
	free(data);
	return rc;
}

/* The image of n, decoded once per publication: its index in the
 * document (keep), or 0 when it is fine but not kept; -1 if it
 * cannot be shown. */
static int pdf_image(struct pdf_ctx *c, const struct doc_node *n, int keep)
{
	char *rel = pdf_image_file(c, n->u.link.url);
	if (rel == NULL)
		return -1;
	const char *dir = rel[0] == '/' ? NULL : c->j->dir;
	char *path = dir ? fs_join(dir, rel) : xstrdup(rel);
	struct pdf_img *im = NULL;
	for (size_t i = 0; i < c->nimgs && !im; i++)
		if (strcmp(c->imgs[i].path, path) == 0)
			im = &c->imgs[i];
	if (im && (im->failed || im->index >= 0 || !keep)) {
		free(path);
		free(rel);
		return im->failed ? -1 : keep ? im->index : 0;
	}
	struct draw_image img;
	int bad = pdf_image_load(c, n, dir, rel, &img) < 0;
	free(rel);
	if (im == NULL) {
		c->imgs = xrealloc(c->imgs, (c->nimgs + 1) * sizeof *c->imgs);
		im = &c->imgs[c->nimgs++];
		*im = (struct pdf_img){path, -1, bad};
	} else
		free(path);
	if (bad)
		return -1;
	if (!keep) {
		free(img.data);
		free(img.alpha);
		return 0;
	}
	return im->index = draw_add_image(c->d, &img);
}

/* The description of an image, as text (an inline image, or one that
 * cannot be shown). */
static void pdf_alt(struct pdf_ctx *c, const struct doc_node *n)
{
	struct lay_style keep = c->cur;
	c->cur.color = c->st->muted;
	pdf_emit_str(c, "［");
	pdf_children(c, n);
	pdf_emit_str(c, "］");
	c->cur = keep;
}

/* A paragraph that is only an image: a figure, centred and scaled to
 * the measure, with its description as the caption. */
static int pdf_figure(struct pdf_ctx *c, const struct doc_node *para)
{
	const struct doc_node *n = para->first;
	if (n == NULL || n->type != DOC_IMAGE || n->next || pdf_is_external(n->u.link.url))
		return 0;
	int idx = pdf_image(c, n, 1);
	if (idx < 0)
		return 0;
	const struct draw_image *img = &c->d->images[idx];
	double avail = lay_measure(c->L) - c->left - c->right;
	double w = img->width * 0.75, h = img->height * 0.75;	/* 96 dpi */
	double maxh = (c->st->page_h - c->st->margin_top - c->st->margin_bottom) * 0.6;
	double k = fmin(1, fmin(avail / w, maxh / h));
	w *= k;
	h *= k;
	pdf_want_gap(c, pdf_line(c) * 0.6);
	pdf_flush_gap(c);
	pdf_flush_marker(c);
	int fig = pdf_open(c, ROLE_FIGURE);
	draw_elem_set(c->d, fig, pdf_plain(c, n, NULL), NULL, NULL);
	lay_image(c->L, idx, c->left + (avail - w) / 2, w, h);
	pdf_close(c);
	pdf_open(c, ROLE_CAPTION);
	lay_keep(c->L);	/* the caption stays with the picture */
	lay_gap(c->L, c->st->small_size * 0.5);
	lay_keep(c->L);
	struct lay_style keep = c->cur;
	c->cur = (struct lay_style){FACE_GOTHIC, 0, (float)c->st->small_size, c->st->muted, -1, 0};
	char num[32];
	snprintf(num, sizeof num, "図%d-%d　", c->ch + 1, ++c->nfigure);
	pdf_emit_str(c, num);
	c->cur.face = FACE_MINCHO;
	pdf_children(c, n);
	c->cur = keep;
	struct lay_para p = pdf_para(c, c->st->small_size, 1.6);
	p.align = LAY_CENTER;
	pdf_end_para(c, &p);
	pdf_close(c);
	pdf_want_gap(c, pdf_line(c) * 0.6);
	return 1;
}

/* --- links -------------------------------------------------------------- */

/* The destination of a heading of chapter ch with this id, or -1. */
static int pdf_anchor_dest(const struct pdf_ctx *c, int ch, const char *id)
{
	const char *own = c->j->ch[ch].anchor;	/* the title's: the chapter */
	if (id == NULL || id[0] == '\0' || (own && strcmp(own, id) == 0))
		return c->chapter_dest[ch];
	for (size_t i = 0; i < c->nanchors; i++)
		if (c->anchors[i].chapter == ch && c->anchors[i].node->u.heading.id &&
		    strcmp(c->anchors[i].node->u.heading.id, id) == 0)
			return c->anchors[i].dest;
	return -1;
}

static int pdf_link_target(struct pdf_ctx *c, const struct doc_node *n)
{
	const struct pdf_chapter *me = &c->j->ch[c->ch];
	struct link_target t;
	link_target(n->u.link.url, n->u.link.href, me->source, me->url, c->j->base_url, &t);
	link_target_page(&t, c->j->site);
	int dest = -1;
	for (size_t k = 0; t.source && k < c->j->nch && dest < 0; k++)
		if (c->j->ch[k].source && strcmp(c->j->ch[k].source, t.source) == 0)
			dest = pdf_anchor_dest(c, (int)k, t.fragment);
	if (dest < 0 && t.uri == NULL && t.source && c->j->site) {
		const struct page *p = site_find_page(c->j->site, t.source);
		if (p)
			t.uri = link_page(c->j->base_url, p->url, t.fragment);
	}
	int link = -1;
	if (dest >= 0)
		link = lay_link(c->L, dest, NULL);
	else if (t.uri)
		link = lay_link(c->L, -1, t.uri);
	link_target_free(&t);
	return link;
}

/* A link: a Link element whose annotation reads as its text (or, for
 * a link with no text, its address). */
static void pdf_link(struct pdf_ctx *c, const struct doc_node *n)
{
	struct lay_style keep = c->cur;
	c->cur.link = pdf_link_target(c, n);
	int el = -1;
	if (c->cur.link >= 0) {
		c->cur.color = 0x1F5FA8;
		el = pdf_open(c, ROLE_LINK);
		const char *text = pdf_plain(c, n, NULL);
		draw_elem_set(c->d, el, text[0] ? text : n->u.link.url, NULL, NULL);
	}
	pdf_children(c, n);
	if (el >= 0)
		pdf_close(c);
	c->cur = keep;
}

/* --- headings ----------------------------------------------------------- */

static int pdf_dest_of(struct pdf_ctx *c, const struct doc_node *n)
{
	for (size_t i = 0; i < c->nanchors; i++)
		if (c->anchors[i].node == n)
			return c->anchors[i].dest;
	return -1;
}

static const char *pdf_plain(struct pdf_ctx *c, const struct doc_node *n, const char *prefix)
{
	struct buf b = {0};
	if (prefix && prefix[0]) {
		buf_adds(&b, prefix);
		buf_addc(&b, ' ');
	}
	doc_text(n, &b);
	const char *s = arena_strdup(&c->d->arena, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

void pdf_add_outline(struct pdf_ctx *c, int level, const char *title, int dest)
{
	c->outline = xrealloc(c->outline, (c->noutline + 1) * sizeof *c->outline);
	c->outline[c->noutline++] = (struct draw_outline){title, level + c->in_part, dest};
}

const char *pdf_spaced(struct pdf_ctx *c, const char *title)
{
	const char *sp = strchr(title, ' ');
	if (sp == NULL)
		return title;
	char *t = xasprintf("%.*s　%s", (int)(sp - title), title, sp + 1);
	title = arena_strdup(&c->d->arena, t);
	free(t);
	return title;
}

/* TOC entries read "1-2　タイトル", with an ideographic space. */
void pdf_add_toc(struct pdf_ctx *c, int rank, const char *title, int dest)
{
	title = pdf_spaced(c, title);
	c->toc = xrealloc(c->toc, (c->ntoc + 1) * sizeof *c->toc);
	c->toc[c->ntoc++] = (struct pdf_toc){rank, title, dest};
}

static int pdf_is_top(const struct doc_node *n);

static int pdf_rank(const struct pdf_ctx *c, const struct doc_node *n, int top)
{
	int r = top ? n->u.heading.level - c->section_level + RANK_SECTION
		    : n->u.heading.level + 1;
	return r < RANK_SECTION ? RANK_SECTION : r > RANK_MINOR ? RANK_MINOR : r;
}

static void pdf_heading(struct pdf_ctx *c, const struct doc_node *n)
{
	int top = pdf_is_top(n);
	int rank = pdf_rank(c, n, top);
	double size = c->st->heading[rank], line = pdf_line(c);
	char num[32] = "";
	if (top && n->u.heading.level == c->section_level)
		snprintf(num, sizeof num, "%d-%d", c->ch + 1, ++c->nsection);
	pdf_want_gap(c, rank == RANK_SECTION ? line * 1.6 : line * (rank == RANK_SUB ? 1.0 : 0.7));
	if (top)
		pdf_open_sect(c, n->u.heading.level);
	pdf_open(c, pdf_heading_role(c, rank));
	struct lay_style keep = c->cur;
	c->cur = (struct lay_style){FACE_GOTHIC, 0, (float)size, c->st->text, -1, 0};
	if (num[0]) {
		c->cur.color = c->st->accent;
		pdf_emit_str(c, num);
		pdf_emit_str(c, "　");
		c->cur.color = c->st->text;
	}
	pdf_children(c, n);
	c->cur = keep;
	struct lay_para p = pdf_para(c, size, 1.5);
	p.align = LAY_LEFT;
	p.keep = 1;
	p.phrases = 1;
	p.dest = pdf_dest_of(c, n);
	if (rank == RANK_SECTION) {
		p.rule = c->st->accent;
		p.rule_w = 0.6;
	}
	pdf_end_para(c, &p);
	pdf_close(c);
	pdf_want_gap(c, line * (rank == RANK_SECTION ? 0.5 : 0.25));
	if (top && p.dest >= 0) {
		const char *title = pdf_plain(c, n, num);
		pdf_add_outline(c, rank, title, p.dest);
		if (num[0])
			pdf_add_toc(c, RANK_SECTION, title, p.dest);
	}
}

/* --- lists, quotes, frames ------------------------------------------------- */

static void pdf_item_marker(struct pdf_ctx *c, const struct doc_node *item, int index)
{
	const struct doc_node *list = item->parent;
	char *buf = c->marker_buf;
	if (item->flags & DOC_F_TASK) {
		c->task = item->flags & DOC_F_CHECKED ? 2 : 1;
		return;
	}
	if (list->flags & DOC_F_ORDERED) {
		snprintf(buf, sizeof c->marker_buf, "%d%c", list->u.list.start + index,
			 list->u.list.delim == ')' ? ')' : '.');
		c->marker = buf;
		c->marker_style = lay_style(c->L, &c->cur);
		return;
	}
	c->bullet = c->depth % 3 + 1;
}

/* Room for the widest marker (1. … 123456789.) left of the text. */
static double pdf_list_indent(struct pdf_ctx *c, const struct doc_node *list)
{
	double indent = c->st->size * 1.6;
	if (list->flags & DOC_F_ORDERED) {
		long last = list->u.list.start;
		for (const struct doc_node *i = list->first; i && i->next; i = i->next)
			last++;
		char num[32];
		snprintf(num, sizeof num, "%ld.", last);
		double w = lay_text_width(c->L, num, lay_style(c->L, &c->cur));
		indent = fmax(indent, w + c->st->size * 0.6);
	}
	return indent;
}

static void pdf_list(struct pdf_ctx *c, const struct doc_node *n)
{
	double line = pdf_line(c);
	pdf_want_gap(c, line * 0.3);
	double indent = pdf_list_indent(c, n);
	c->left += indent;
	c->nested++;
	pdf_open(c, ROLE_L);
	int index = 0;
	for (const struct doc_node *item = n->first; item; item = item->next, index++) {
		if (index && !(n->flags & DOC_F_TIGHT))
			pdf_want_gap(c, line * 0.3);
		pdf_open(c, ROLE_LI);
		c->lbl = pdf_open(c, ROLE_LBL);	/* drawn with the item's first line */
		pdf_close(c);
		pdf_open(c, ROLE_LBODY);
		pdf_item_marker(c, item, index);
		if (c->task || c->bullet)
			draw_elem_set(c->d, c->lbl, NULL, c->task == 2 ? "☑" : c->task ? "☐" : "・",
				      NULL);
		c->depth++;
		if (item->first == NULL || item->first->type != DOC_PARAGRAPH)
			pdf_flush_marker(c);
		pdf_children(c, item);
		pdf_flush_marker(c);
		c->depth--;
		pdf_close(c);
		pdf_close(c);
	}
	pdf_close(c);
	c->nested--;
	c->left -= indent;
	pdf_want_gap(c, line * 0.3);
}

static void pdf_frame_open(struct pdf_ctx *c, const struct lay_frame *f)
{
	pdf_flush_gap(c);
	pdf_flush_marker(c);
	lay_frame_open(c->L, f);
}

static void pdf_frame_close(struct pdf_ctx *c)
{
	c->gap = 0;
	lay_frame_close(c->L);
}

static void pdf_quote(struct pdf_ctx *c, const struct doc_node *n)
{
	double line = pdf_line(c), in = c->st->size * 1.2;
	pdf_want_gap(c, line * 0.4);
	pdf_frame_open(c, &(struct lay_frame){.left = c->left, .right = c->right,
		.pad_top = line * 0.15, .pad_bottom = line * 0.15, .fill = DRAW_NONE,
		.stroke = DRAW_NONE, .bar = 0xB8B8B8, .bar_w = 2});
	c->left += in;
	c->nested++;
	pdf_open(c, ROLE_BLOCKQUOTE);
	struct lay_style keep = c->cur;
	c->cur.color = 0x404040;
	pdf_children(c, n);
	c->cur = keep;
	pdf_close(c);
	c->nested--;
	c->left -= in;
	pdf_frame_close(c);
	pdf_want_gap(c, line * 0.4);
}

/* A code block's label above it, small, as a caption: its file label,
 * or in a code group its language or "コード N". */
static void pdf_code_label(struct pdf_ctx *c, const struct codeinfo *ci, int nth)
{
	const struct pdf_style *st = c->st;
	pdf_flush_marker(c);
	pdf_open(c, ROLE_P);
	struct lay_style keep = c->cur;
	c->cur = (struct lay_style){FACE_GOTHIC, 0, (float)st->small_size, st->muted, -1, 0};
	if (ci->label) {
		pdf_emit(c, ci->label, ci->label_n, 0, 0, 0);
	} else if (ci->lang_n) {
		pdf_emit(c, ci->lang, ci->lang_n, 0, 0, 0);
	} else {
		char num[32];
		snprintf(num, sizeof num, "コード %d", nth);
		pdf_emit_str(c, num);
	}
	c->cur = keep;
	struct lay_para p = pdf_para(c, st->small_size, 1.5);
	p.align = LAY_LEFT;
	p.keep = 1;
	p.code = 1;
	pdf_end_para(c, &p);
	pdf_close(c);
}

/* Lines from..to-1 of a code block as one paragraph; marked lines
 * ({1,4-6}) inside a tinted frame with a bar down its left edge. */
static void pdf_code_run(struct pdf_ctx *c, const char *s, size_t len, int line, int col,
			 int marked)
{
	const struct pdf_style *st = c->st;
	double pad = st->code_size * 0.8;
	if (marked)
		pdf_frame_open(c, &(struct lay_frame){.left = c->left, .right = c->right,
			.fill = 0xFFF3C4, .stroke = DRAW_NONE, .bar = st->accent, .bar_w = 2.5});
	struct lay_style keep = c->cur;
	c->cur = (struct lay_style){FACE_MONO, 0, (float)st->code_size, st->text, -1, 0};
	pdf_emit(c, s, len, line, col, 1);
	c->cur = keep;
	struct lay_para p = pdf_para(c, st->code_size, st->code_leading);
	p.left += pad;
	p.right += pad;
	p.code = 1;
	p.align = LAY_LEFT;
	pdf_end_para(c, &p);
	if (marked)
		pdf_frame_close(c);
}

static void pdf_code(struct pdf_ctx *c, const struct doc_node *n, int nth)
{
	const struct pdf_style *st = c->st;
	double line = pdf_line(c), pad = st->code_size * 0.8;
	size_t len = n->u.text.len;
	while (len && n->u.text.s[len - 1] == '\n')
		len--;
	struct codeinfo ci;
	codeinfo_parse(n->u.text.info, &ci);
	pdf_want_gap(c, line * 0.4);
	if (ci.label || nth)
		pdf_code_label(c, &ci, nth);
	pdf_frame_open(c, &(struct lay_frame){.left = c->left, .right = c->right,
		.pad_top = pad * 0.7, .pad_bottom = pad * 0.7, .fill = st->code_bg,
		.stroke = DRAW_NONE, .bar = DRAW_NONE});
	pdf_open(c, ROLE_CODE);
	int fenced = n->u.text.info != NULL;
	const char *s = n->u.text.s, *end = s + len, *run = s;
	int at = 1, from = 1, marked = ci.marks && codeinfo_marked(&ci, 1);
	while (ci.marks && s < end) {	/* cut where marking changes */
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		if (eol == NULL)
			break;
		s = eol + 1;
		at++;
		if (codeinfo_marked(&ci, at) == marked)
			continue;
		pdf_code_run(c, run, (size_t)(eol - run), (int)n->line + fenced + from - 1,
			     n->col, marked);
		run = s;
		from = at;
		marked = !marked;
	}
	pdf_code_run(c, run, (size_t)(end - run), (int)n->line + fenced + from - 1, n->col,
		     marked);
	pdf_close(c);
	pdf_frame_close(c);
	pdf_want_gap(c, line * 0.4);
}

/* VitePress's ::: code-group: on paper, its blocks one after another,
 * each under its label. */
static void pdf_code_group(struct pdf_ctx *c, const struct doc_node *n)
{
	int k = 0;
	for (const struct doc_node *ch = n->first; ch; ch = ch->next) {
		if (ch->type == DOC_CODEBLOCK && blocks_kind(ch->u.text.info) < 0)
			pdf_code(c, ch, ++k);
		else
			pdf_node(c, ch);
	}
}

/* A ```chart, ```table or ```checklist block (pdf/figure.c). */
static int pdf_block(struct pdf_ctx *c, const struct doc_node *n)
{
	if (c->j->blocks == NULL || blocks_kind(n->u.text.info) < 0)
		return 0;
	pdf_want_gap(c, pdf_line(c) * 0.6);
	pdf_flush_gap(c);
	pdf_flush_marker(c);
	struct figure_ctx f = {c->L, c->d, c->st, c->e->fonts, c->j->blocks, c->j->variant,
			       c->left, c->right, c->ch, &c->nfigure};
	if (!figure_block(&f, pdf_file(c), n))
		return 0;
	pdf_want_gap(c, pdf_line(c) * 0.6);
	return 1;
}

static void pdf_table(struct pdf_ctx *c, const struct doc_node *n)
{
	const struct pdf_style *st = c->st;
	int ncols = n->u.table.ncols > 0 ? n->u.table.ncols : 1;
	uint8_t *align = xcalloc((size_t)ncols, 1);
	for (int k = 0; k < n->u.table.ncols; k++) {
		int a = n->u.table.align ? n->u.table.align[k] : DOC_ALIGN_NONE;
		align[k] = a == DOC_ALIGN_CENTER ? LAY_CENTER : a == DOC_ALIGN_RIGHT ? LAY_RIGHT
										   : LAY_LEFT;
	}
	pdf_want_gap(c, pdf_line(c) * 0.5);
	pdf_flush_gap(c);
	pdf_flush_marker(c);
	lay_table_begin(c->L, ncols, align, c->left, c->right);
	free(align);
	pdf_open(c, ROLE_TABLE);
	struct lay_style keep = c->cur;
	for (const struct doc_node *row = n->first; row; row = row->next) {
		int header = (row->flags & DOC_F_HEADER) != 0;
		lay_row_begin(c->L, header);
		pdf_open(c, ROLE_TR);
		for (const struct doc_node *cell = row->first; cell; cell = cell->next) {
			int el = pdf_open(c, header ? ROLE_TH : ROLE_TD);
			if (header)
				c->d->elems[el].scope = DRAW_SCOPE_COLUMN;
			c->cur = (struct lay_style){header ? FACE_GOTHIC : FACE_MINCHO, 0,
						    (float)st->table_size, st->text, -1, 0};
			pdf_children(c, cell);
			struct lay_para p = pdf_para(c, st->table_size, st->table_leading);
			p.align = LAY_LEFT;
			lay_para(c->L, &p);
			pdf_close(c);
		}
		pdf_close(c);
		lay_row_end(c->L);
	}
	c->cur = keep;
	pdf_close(c);
	lay_table_end(c->L);
	pdf_flush_notes(c);
	pdf_want_gap(c, pdf_line(c) * 0.5);
}

/* "対象：小売業・医療・福祉": whom a conditional block is for; a block
 * marked priority=low (what a short handout may leave out) reads 補足,
 * as on the site. */
static void pdf_condition_label(struct pdf_ctx *c, const struct doc_node *n, uint32_t color)
{
	struct buf who = {0}, b = {0};
	int supplement = 0;
	for (const struct doc_attr *a = n->u.div.attrs; a; a = a->next) {
		if (strcmp(a->key, "priority") == 0) {
			supplement |= strcmp(a->value, "low") == 0;
			continue;
		}
		if (strcmp(a->key, "format") == 0 || strcmp(a->key, "id") == 0)
			continue;
		char *label = c->j->profiles ? profile_label(c->j->profiles, a->key, a->value) : NULL;
		if (who.n)
			buf_adds(&who, "、");
		if (label)
			buf_adds(&who, label);
		else
			buf_addf(&who, "%s=%s", a->key, a->value);
		free(label);
	}
	if (supplement)
		buf_adds(&b, who.n ? "補足　" : "補足");
	if (who.n) {
		buf_adds(&b, "対象：");
		buf_add(&b, who.p, who.n);
	}
	if (b.n) {
		pdf_open(c, ROLE_P);
		struct lay_style keep = c->cur;
		c->cur = (struct lay_style){FACE_GOTHIC, 0, (float)c->st->small_size, color, -1, 0};
		pdf_emit_str(c, b.p);
		c->cur = keep;
		struct lay_para p = pdf_para(c, c->st->small_size, 1.6);
		p.align = LAY_LEFT;
		p.keep = 1;
		pdf_end_para(c, &p);
		pdf_close(c);
	}
	buf_free(&who);
	buf_free(&b);
}

static const struct {
	const char *kind, *title;
	uint32_t color, tint;
} pdf_callouts[] = {
	{"note", "メモ", 0x2F6DB5, 0xEEF4FB},
	{"tip", "ヒント", 0x2E8B57, 0xEDF7F1},
	{"warning", "注意", 0xC0392B, 0xFCEFEE},
	{"point", "ポイント", 0xC27C0E, 0xFDF5E6},
	{"exercise", "演習", 0x7D3C98, 0xF5EEF8},
	{"details", "詳細", 0x555555, 0xF4F4F4},
};

static void pdf_callout(struct pdf_ctx *c, const struct doc_node *n)
{
	size_t k = 0;
	while (k + 1 < sizeof pdf_callouts / sizeof pdf_callouts[0] &&
	       strcmp(pdf_callouts[k].kind, n->u.div.kind) != 0)
		k++;
	double line = pdf_line(c), pad = c->st->size * 0.7;
	pdf_want_gap(c, line * 0.5);
	pdf_frame_open(c, &(struct lay_frame){.left = c->left, .right = c->right,
		.pad_top = pad, .pad_bottom = pad, .fill = pdf_callouts[k].tint,
		.stroke = DRAW_NONE, .bar = pdf_callouts[k].color, .bar_w = 3});
	double lin = c->st->size * 1.1, rin = c->st->size * 0.9;
	c->left += lin;
	c->right += rin;
	c->nested++;
	pdf_open(c, ROLE_ASIDE);
	pdf_open(c, ROLE_P);
	struct lay_style keep = c->cur;
	c->cur = (struct lay_style){FACE_GOTHIC, 0, (float)c->st->size, pdf_callouts[k].color, -1, 0};
	if (n->u.div.title)
		pdf_children(c, n->u.div.title);
	else
		pdf_emit_str(c, pdf_callouts[k].title);
	c->cur = keep;
	struct lay_para p = pdf_para(c, c->st->size, c->st->leading);
	p.align = LAY_LEFT;
	p.keep = 1;
	pdf_end_para(c, &p);
	pdf_close(c);
	pdf_condition_label(c, n, pdf_callouts[k].color);
	pdf_children(c, n);
	pdf_close(c);
	c->nested--;
	c->left -= lin;
	c->right -= rin;
	pdf_frame_close(c);
	pdf_want_gap(c, line * 0.5);
}

static int pdf_has_conditions(const struct doc_node *n)
{
	for (const struct doc_attr *a = n->u.div.attrs; a; a = a->next)
		if (strcmp(a->key, "format") && strcmp(a->key, "id"))
			return 1;
	return 0;
}

/* A block for some readers only: marked down its side and labelled
 * with whom it is for (the tailoring pass drops it from variants it
 * does not apply to). */
static void pdf_only(struct pdf_ctx *c, const struct doc_node *n)
{
	double line = pdf_line(c), in = c->st->size * 0.9;
	pdf_want_gap(c, line * 0.3);
	pdf_frame_open(c, &(struct lay_frame){.left = c->left, .right = c->right,
		.pad_top = line * 0.1, .pad_bottom = line * 0.1, .fill = DRAW_NONE,
		.stroke = DRAW_NONE, .bar = 0xB7C9DC, .bar_w = 2});
	c->left += in;
	c->nested++;
	pdf_open(c, ROLE_DIV);
	int floor = c->sect_floor;
	c->sect_floor = c->nsect;
	pdf_condition_label(c, n, c->st->accent);
	pdf_children(c, n);
	pdf_close_sects(c, 0);
	c->sect_floor = floor;
	pdf_close(c);
	c->nested--;
	c->left -= in;
	pdf_frame_close(c);
	pdf_want_gap(c, line * 0.3);
}

static void pdf_div(struct pdf_ctx *c, const struct doc_node *n)
{
	const char *format = doc_attr(n, "format");
	if (format && strcmp(format, "pdf") != 0)
		return;		/* for the site only */
	if (n->type == DOC_CALLOUT) {
		pdf_callout(c, n);
		return;
	}
	if (strcmp(n->u.div.kind, "code-group") == 0) {
		pdf_code_group(c, n);
		return;
	}
	if (strcmp(n->u.div.kind, "only") == 0 && pdf_has_conditions(n)) {
		pdf_only(c, n);
		return;
	}
	pdf_children(c, n);
}

/* Raw HTML is left out of the PDF; what an HTML block means without
 * its tags (its children) is not. One warning per chapter. */
static void pdf_raw_html(struct pdf_ctx *c, const struct doc_node *n)
{
	if (n->first) {
		pdf_children(c, n);
		return;
	}
	if (c->j->warn_html && pdf_warns(c))
		rawhtml_tally(&c->dropped, n);
}

/* <kbd>, <sup>, <sub>, <mark>, <small>: the look of the key, the raised
 * or lowered number, the highlight; other spans only hold text. */
static void pdf_span(struct pdf_ctx *c, const struct doc_node *n)
{
	const char *k = n->u.div.kind;
	if (!strcmp(k, "sup"))
		pdf_styled(c, n, -1, LS_SUP, 0.7);
	else if (!strcmp(k, "sub"))
		pdf_styled(c, n, -1, LS_SUB, 0.7);
	else if (!strcmp(k, "mark"))
		pdf_styled(c, n, -1, LS_MARK, 1);
	else if (!strcmp(k, "bouten"))
		pdf_styled(c, n, -1, LS_BOUTEN, 1);
	else if (!strcmp(k, "small"))
		pdf_styled(c, n, -1, 0, 0.85);
	else if (!strcmp(k, "kbd")) {
		/* a little room each side for the key's box */
		struct lay_style keep = c->cur;
		c->cur.size *= 0.6f;
		pdf_emit_str(c, " ");
		c->cur = keep;
		pdf_styled(c, n, FACE_GOTHIC, LS_KBD, 0.85);
		c->cur.size *= 0.6f;
		pdf_emit_str(c, " ");
		c->cur = keep;
	} else
		pdf_children(c, n);
}

/* A footnote reference: its number raised; the same label again gets
 * the same number and no second note. A note inside a note is its
 * text in parentheses. */
static void pdf_note(struct pdf_ctx *c, const struct doc_node *n)
{
	if (c->in_note) {
		pdf_emit_str(c, "（");
		for (const struct doc_node *b = n->first; b; b = b->next)
			pdf_children(c, b);
		pdf_emit_str(c, "）");
		return;
	}
	const struct pdf_note *same = NULL;
	for (size_t i = 0; n->u.note.label && i < c->nnotes && !same; i++)
		if (c->notes[i].node->u.note.label &&
		    !strcmp(c->notes[i].node->u.note.label, n->u.note.label))
			same = &c->notes[i];
	int num = same ? same->num : (int)c->nnotes + 1;
	char mark[16];
	snprintf(mark, sizeof mark, "%d", num);
	struct lay_style keep = c->cur;
	c->cur.flags |= LS_SUP;
	c->cur.size *= 0.7f;
	c->cur.link = -1;
	pdf_emit_str(c, mark);
	c->cur = keep;
	if (same)
		return;
	c->notes = xrealloc(c->notes, (c->nnotes + 1) * sizeof *c->notes);
	c->notes[c->nnotes++] = (struct pdf_note){n, num, lay_note_begin_later(c->L)};
	lay_note_ref(c->L, c->notes[c->nnotes - 1].lay);
}

/* The notes referred to by what was just laid out, each its own small
 * text with its number hanging before it. */
static void pdf_flush_notes(struct pdf_ctx *c)
{
	if (c->in_note)
		return;
	while (c->flushed < c->nnotes) {
		struct pdf_note *nt = &c->notes[c->flushed++];
		struct pdf_style st = *c->st;
		st.size = c->st->small_size;
		st.leading = 1.55;
		st.indent = 0;
		const struct pdf_style *body = c->st;
		struct lay_style keep = c->cur;
		double left = c->left, right = c->right, gap = c->gap;
		int nested = c->nested, depth = c->depth;
		c->st = &st;
		c->in_note = 1;
		c->left = st.size * 2.2;
		c->right = 0;
		c->gap = 0;
		c->nested = 1;
		c->depth = 0;
		lay_note_begin(c->L, nt->lay);
		c->cur = pdf_body_style(c);
		snprintf(c->marker_buf, sizeof c->marker_buf, "%d", nt->num);
		c->marker = c->marker_buf;
		c->marker_style = lay_style(c->L, &c->cur);
		pdf_children(c, nt->node);
		pdf_flush_marker(c);
		lay_note_end(c->L);
		c->st = body;
		c->in_note = 0;
		c->cur = keep;
		c->left = left;
		c->right = right;
		c->gap = gap;
		c->nested = nested;
		c->depth = depth;
	}
}

/* Ruby: the reading over its base, set by the layout (JLReq 3.3); the
 * text of the page is the base's, the reading its own RT element. */
static void pdf_ruby(struct pdf_ctx *c, const struct doc_node *n)
{
	int open = n->u.ruby.rt[0] && lay_ruby_begin(c->L, n->u.ruby.rt, strlen(n->u.ruby.rt));
	pdf_children(c, n);
	if (open)
		lay_ruby_end(c->L);
}

/* A definition list: terms in Gothic, kept with their definitions,
 * which hang indented below them. */
static void pdf_term(struct pdf_ctx *c, const struct doc_node *n)
{
	if (n != n->parent->first && !(n->parent->flags & DOC_F_TIGHT))
		pdf_want_gap(c, pdf_line(c) * 0.3);
	pdf_styled(c, n, FACE_GOTHIC, 0, 1);
	struct lay_para p = pdf_para(c, c->st->size, c->st->leading);
	p.align = LAY_LEFT;
	p.keep = 1;
	pdf_end_para(c, &p);
}

static void pdf_definition(struct pdf_ctx *c, const struct doc_node *n)
{
	double in = c->st->size * 2;
	c->left += in;
	c->nested++;
	pdf_children(c, n);
	c->nested--;
	c->left -= in;
}

static void pdf_paragraph(struct pdf_ctx *c, const struct doc_node *n)
{
	if (pdf_figure(c, n))
		return;
	int loose_item = n->parent && n->parent->type == DOC_ITEM && n->parent->parent &&
			 !(n->parent->parent->flags & DOC_F_TIGHT);
	if (loose_item && n != n->parent->first)
		pdf_want_gap(c, pdf_line(c) * 0.3);
	pdf_open(c, ROLE_P);
	pdf_children(c, n);
	if (lay_pending(c->L) == 0 && !c->marker && !c->task && !c->bullet)
		return;		/* nothing to show: <a id="x"></a> alone */
	struct lay_para p = pdf_para(c, c->st->size, c->st->leading);
	if (!c->nested)
		p.indent = c->st->indent * c->st->size;
	pdf_end_para(c, &p);
	pdf_close(c);
}

static void pdf_image_node(struct pdf_ctx *c, const struct doc_node *n)
{
	if (pdf_is_external(n->u.link.url)) {
		if (pdf_warns(c))
			diag_warning(pdf_file(c), (int)n->line, n->col,
				     "an image on the web is not put in the PDF: %s is shown as its description",
				     n->u.link.url);
	} else {
		pdf_image(c, n, 0);	/* reports a broken file */
	}
	pdf_alt(c, n);
}

static void pdf_node(struct pdf_ctx *c, const struct doc_node *n)
{
	switch ((enum doc_type)n->type) {
	case DOC_DOCUMENT:
		pdf_children(c, n);
		break;
	case DOC_PARAGRAPH:
		pdf_paragraph(c, n);
		break;
	case DOC_HEADING:
		pdf_heading(c, n);
		break;
	case DOC_BLOCKQUOTE:
		pdf_quote(c, n);
		break;
	case DOC_LIST:
		pdf_list(c, n);
		break;
	case DOC_ITEM:
		pdf_children(c, n);	/* only inside pdf_list */
		break;
	case DOC_CODEBLOCK:
		if (!pdf_block(c, n))
			pdf_code(c, n, 0);
		break;
	case DOC_HTMLBLOCK:
	case DOC_HTMLINLINE:
		pdf_raw_html(c, n);
		break;
	case DOC_THEMATIC: {
		double w = lay_measure(c->L) - c->left - c->right;
		pdf_want_gap(c, pdf_line(c) * 0.6);
		pdf_flush_gap(c);
		pdf_flush_marker(c);
		lay_rule(c->L, c->left + w * 0.3, c->right + w * 0.3, c->st->rule, 0.6);
		pdf_want_gap(c, pdf_line(c) * 0.6);
		break;
	}
	case DOC_TABLE:
		pdf_table(c, n);
		break;
	case DOC_TABLE_ROW:
	case DOC_TABLE_CELL:
		pdf_children(c, n);	/* only inside pdf_table */
		break;
	case DOC_DIV:
	case DOC_CALLOUT:
		pdf_div(c, n);
		break;
	case DOC_DEFLIST:
		pdf_want_gap(c, pdf_line(c) * 0.3);
		pdf_children(c, n);
		pdf_want_gap(c, pdf_line(c) * 0.3);
		break;
	case DOC_TERM:
		pdf_term(c, n);
		break;
	case DOC_DEFINITION:
		pdf_definition(c, n);
		break;
	case DOC_NOTE:
		pdf_note(c, n);
		break;
	case DOC_SPAN:
		pdf_span(c, n);
		break;
	case DOC_RUBY:
		pdf_ruby(c, n);
		break;
	case DOC_TEXT:
		pdf_emit(c, n->u.text.s, n->u.text.len, (int)n->line, n->col, 0);
		break;
	case DOC_SOFTBREAK:
		if (!(n->flags & DOC_F_JOIN))
			pdf_emit_str(c, " ");
		break;
	case DOC_LINEBREAK:
		lay_char(c->L, '\n', lay_style(c->L, &c->cur));
		break;
	case DOC_CODE: {
		struct lay_style keep = c->cur;
		c->cur.face = FACE_MONO;
		c->cur.flags |= LS_CODE;
		c->cur.size *= 0.92f;
		pdf_open(c, ROLE_CODE);
		pdf_emit(c, n->u.text.s, n->u.text.len, (int)n->line, n->col, 0);
		pdf_close(c);
		c->cur = keep;
		break;
	}
	case DOC_EMPH:
		/* Gothic, 圏点 or both (pdf.yaml text.emphasis) */
		pdf_styled(c, n, c->st->emphasis == EMPH_BOUTEN ? -1 : FACE_GOTHIC,
			   c->st->emphasis == EMPH_GOTHIC ? 0 : LS_BOUTEN, 1);
		break;
	case DOC_STRONG:
		pdf_styled(c, n, FACE_GOTHIC, 0, 1);
		break;
	case DOC_STRIKE:
		pdf_styled(c, n, -1, LS_STRIKE, 1);
		break;
	case DOC_LINK:
		pdf_link(c, n);
		break;
	case DOC_IMAGE:
		pdf_image_node(c, n);
		break;
	case DOC__COUNT:
		break;
	}
}

/* --- chapters ------------------------------------------------------------- */

/* Is the heading outside lists, quotes and callouts (and not in a
 * block for the site only)? Those are numbered, outlined and listed. */
static int pdf_is_top(const struct doc_node *n)
{
	for (const struct doc_node *p = n->parent; p; p = p->parent) {
		if (p->type == DOC_DIV) {
			const char *f = doc_attr(p, "format");
			if (f && strcmp(f, "pdf") != 0)
				return 0;
			continue;
		}
		if (p->type != DOC_DOCUMENT)
			return 0;
	}
	return 1;
}

/* Destinations for every chapter and heading, before any is laid out,
 * so links can point forward. */
static void pdf_plan(struct pdf_ctx *c)
{
	c->chapter_dest = xcalloc(c->j->nch + 1, sizeof *c->chapter_dest);
	for (size_t k = 0; k < c->j->nch; k++) {
		c->chapter_dest[k] = draw_add_dest(c->d);
		const struct doc_node *root = c->j->ch[k].doc->root;
		for (const struct doc_node *n = root; n; n = doc_walk_next((struct doc_node *)n, root)) {
			if (n->type != DOC_HEADING || doc_other_format(n, "pdf"))
				continue;
			c->anchors = xrealloc(c->anchors, (c->nanchors + 1) * sizeof *c->anchors);
			c->anchors[c->nanchors++] = (struct pdf_anchor){
				n, (int)k, draw_add_dest(c->d)};
		}
	}
}

/* The chapter title is not in the tree (input/title took a level-1
 * heading that said it out), so the highest heading level left is
 * numbered as sections: `##` under a `# title` gives 1-1, 1-2 … */
static int pdf_section_level(const struct pdf_chapter *ch)
{
	int level = 7;
	const struct doc_node *root = ch->doc->root;
	for (const struct doc_node *n = root; n; n = doc_walk_next((struct doc_node *)n, root))
		if (n->type == DOC_HEADING && pdf_is_top(n) &&
		    n->u.heading.level < level)
			level = n->u.heading.level;
	return level;
}

static void pdf_chapter_head(struct pdf_ctx *c, const struct pdf_chapter *ch)
{
	const struct pdf_style *st = c->st;
	int book = c->j->kind != PDF_HANDOUT;
	double size = book ? st->heading[RANK_CHAPTER] : st->heading[RANK_SECTION] * 1.15;
	if (book) {
		lay_newpage(c->L);
		lay_chapter(c->L, c->ch);
		lay_gap_to(c->L, pdf_line(c) * 2);
	} else {
		pdf_want_gap(c, pdf_line(c) * 1.5);
		pdf_flush_gap(c);
	}
	char num[16];
	snprintf(num, sizeof num, "%d", c->ch + 1);
	pdf_open(c, pdf_heading_role(c, RANK_CHAPTER));
	c->cur = (struct lay_style){FACE_GOTHIC, 0, (float)size, st->accent, -1, 0};
	pdf_emit_str(c, num);
	pdf_emit_str(c, "　");
	c->cur.color = st->text;
	pdf_emit_str(c, ch->title);
	struct lay_para p = pdf_para(c, size, 1.45);
	p.align = LAY_LEFT;
	p.keep = 1;
	p.phrases = 1;
	p.dest = c->chapter_dest[c->ch];
	p.rule = st->accent;
	p.rule_w = book ? 1.5 : 0.8;
	pdf_end_para(c, &p);
	pdf_close(c);
	char *title = xasprintf("%s %s", num, ch->title);
	const char *t = arena_strdup(&c->d->arena, title);
	free(title);
	pdf_add_outline(c, 0, t, p.dest);
	pdf_add_toc(c, RANK_CHAPTER, t, p.dest);
	c->gap = pdf_line(c) * 0.6;
	if (ch->summary && ch->summary[0] && book) {
		pdf_open(c, ROLE_P);
		c->cur = (struct lay_style){FACE_MINCHO, 0, (float)(st->size * 0.92), st->muted, -1, 0};
		pdf_emit_str(c, ch->summary);
		struct lay_para s = pdf_para(c, st->size * 0.92, 1.7);
		pdf_end_para(c, &s);
		pdf_close(c);
	}
	pdf_want_gap(c, pdf_line(c) * (book ? 1.5 : 0.5));
	c->cur = pdf_body_style(c);
}

static void pdf_chapter(struct pdf_ctx *c, int k)
{
	const struct pdf_chapter *ch = &c->j->ch[k];
	c->ch = k;
	c->nsection = c->nfigure = 0;
	c->nwarned = 0;
	c->nnotes = c->flushed = 0;
	c->section_level = pdf_section_level(ch);
	c->left = c->right = 0;
	c->nested = c->depth = 0;
	pdf_open(c, c->j->kind == PDF_HANDOUT || c->in_part ? ROLE_SECT : ROLE_PART);
	c->nsect = c->sect_floor = 0;
	pdf_chapter_head(c, ch);
	pdf_children(c, ch->doc->root);
	pdf_close_sects(c, 0);
	pdf_close(c);
	rawhtml_report(&c->dropped, pdf_file(c), " of the PDF", "");
	c->gap = 0;
}

static void pdf_free_ctx(struct pdf_ctx *c)
{
	free(c->chapter_dest);
	free(c->anchors);
	free(c->toc);
	free(c->outline);
	for (size_t i = 0; i < c->nimgs; i++)
		free(c->imgs[i].path);
	free(c->imgs);
	free(c->warned);
	free(c->notes);
	lay_free(c->L);
}

int pdf_layout(const struct pdf_env *e, const struct pdf_job *j, struct draw_doc *out)
{
	struct pdf_ctx c = {.e = e, .j = j, .st = &e->st, .d = out};
	c.L = lay_new(out, &e->st, e->fonts);
	c.cur = pdf_body_style(&c);
	c.doc_el = lay_open(c.L, ROLE_DOCUMENT);
	c.hbase = j->kind == PDF_HANDOUT ? 2 : 1;
	pdf_plan(&c);
	if (j->kind == PDF_HANDOUT)
		book_handout_title(&c);
	int hbase = c.hbase;
	for (size_t k = 0; k < j->nch; k++) {
		const char *part = j->ch[k].part;
		if (c.in_part && part != j->ch[k - 1].part)
			pdf_close(&c);	/* the Part element of the chapters before */
		if (part && (k == 0 || part != j->ch[k - 1].part)) {
			c.in_part = 0;
			c.hbase = hbase;
			book_part(&c, part);
		}
		c.in_part = part != NULL;
		c.hbase = hbase + c.in_part;	/* a chapter title under the part's */
		pdf_chapter(&c, (int)k);
	}
	if (c.in_part)
		pdf_close(&c);
	struct lay_page_info *info;
	size_t nbody = lay_paginate(c.L, &info);
	book_marks(&c, 0, nbody, info);
	free(info);
	int cover = -1, toc = -1;
	size_t nfront = j->kind == PDF_HANDOUT ? 0 : book_front(&c, &cover, &toc);
	book_rotate(out, nbody);
	book_outline(&c, nfront > 0, cover, toc);
	book_labels(out, nfront);
	book_info(&c);
	int failed = c.failed;
	pdf_free_ctx(&c);
	return failed ? -1 : 0;
}

int pdf_env_open(struct pdf_env *e)
{
	static const char *names[FACE__COUNT] = {"IPAex Mincho", "IPAex Gothic", "IPA Gothic"};
	int rc = 0;
	for (int f = 0; f < FACE__COUNT; f++) {
		e->fonts[f] = font_open(e->st.font[f]);
		if (e->fonts[f])
			continue;
		if (e->st.font_line[f])
			diag_error(e->st.file, e->st.font_line[f], e->st.font_col[f],
				   "font not found: %s (%s; the default %s is in the Debian package %s)",
				   e->st.font[f], confine_strerror(errno), names[f], style_face_package[f]);
		else
			diag_error(NULL, 0, 0,
				   "font not found: %s (%s); install the Debian package %s",
				   e->st.font[f], names[f], style_face_package[f]);
		rc = -1;
	}
	for (int i = 0, f = FACE__COUNT; i < FALLBACK_MAX && e->st.fallback[i]; i++) {
		if ((e->fonts[f] = font_open(e->st.fallback[i])) != NULL)
			f++;
		else if (e->st.fallback_line[i]) {
			diag_error(e->st.file, e->st.fallback_line[i], e->st.fallback_col[i],
				   "font not found: %s (%s)", e->st.fallback[i],
				   confine_strerror(errno));
			rc = -1;
		}
	}
	return rc;
}

void pdf_env_close(struct pdf_env *e)
{
	for (int f = 0; f < FACE__ALL; f++) {
		font_close(e->fonts[f]);
		e->fonts[f] = NULL;
	}
}
