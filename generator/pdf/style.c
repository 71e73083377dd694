/* style: pdf.yaml is strict — an unknown key or a bad length is an
 * error at its line, as in site.yaml — because a typo in a margin
 * would otherwise go unnoticed until the book is printed. */
#include "style.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../base/confine.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../input/yaml.h"
#include "../model/meta.h"
#include "../render/linebreak.h"

#define MM (72.0 / 25.4)

/* Debian 12 paths of the fonts the default style uses. */
static const char *const style_default_font[FACE__COUNT] = {
	"/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
	"/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
	"/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
};

/* Symbols, IPA and monochrome emoji that IPAex lacks; a default that
 * is not installed is left out (its characters are drawn as 〓, with
 * a warning). */
static const char *const style_default_fallback[] = {
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",	/* fonts-dejavu-core */
	"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",	/* fonts-symbola */
};

const char *const style_face_package[FACE__COUNT] = {
	"fonts-ipaexfont", "fonts-ipaexfont", "fonts-ipafont-gothic"};

static const char *const style_face_key[FACE__COUNT] = {"mincho", "gothic", "mono"};

void style_defaults(struct pdf_style *st)
{
	memset(st, 0, sizeof *st);
	st->page_w = 210 * MM;
	st->page_h = 297 * MM;
	st->margin_top = 25 * MM;
	st->margin_bottom = 22 * MM;
	st->margin_left = st->margin_right = 28 * MM;
	for (int f = 0; f < FACE__COUNT; f++)
		st->font[f] = xstrdup(style_default_font[f]);
	for (size_t i = 0; i < sizeof style_default_fallback / sizeof *style_default_fallback; i++)
		st->fallback[i] = xstrdup(style_default_fallback[i]);
	st->size = 10;
	st->leading = 1.75;
	st->indent = 1;
	st->code_size = 8.5;
	st->code_leading = 1.45;
	st->table_size = 9;
	st->table_leading = 1.5;
	st->small_size = 8;
	st->heading[RANK_CHAPTER] = 20;
	st->heading[RANK_SECTION] = 14;
	st->heading[RANK_SUB] = 12;
	st->heading[RANK_MINOR] = 10.5;
	st->kinsoku = LINEBREAK_STRICT;
	st->emphasis = EMPH_GOTHIC;
	st->accent = 0x1F4E79;
	st->text = 0x1A1A1A;
	st->muted = 0x666666;
	st->rule = 0x9A9A9A;
	st->code_bg = 0xF2F2F2;
}

void style_free(struct pdf_style *st)
{
	for (int f = 0; f < FACE__COUNT; f++)
		free(st->font[f]);
	for (int i = 0; i < FALLBACK_MAX; i++)
		free(st->fallback[i]);
	free(st->file);
	memset(st, 0, sizeof *st);
}

double style_measure(const struct pdf_style *st)
{
	return st->page_w - st->margin_left - st->margin_right;
}

double style_body_height(const struct pdf_style *st)
{
	return st->page_h - st->margin_top - st->margin_bottom;
}

struct style_ctx {
	struct pdf_style *st;
	const char *file;
	int bad;
};

static void style_err(struct style_ctx *c, const struct meta *m, const char *msg,
		      const char *what)
{
	diag_error(c->file, m->line, m->col, "%s%s%s", msg, what ? ": " : "", what ? what : "");
	c->bad = 1;
}

/* "25mm", "10pt", "1in", "2.5cm", or a bare number of points. */
static int style_length(struct style_ctx *c, const struct meta *m, double *out)
{
	const char *s = meta_str(m);
	char *end;
	double v = s ? strtod(s, &end) : 0;
	if (s == NULL || end == s || v < 0) {
		style_err(c, m, "not a length (e.g. 10pt, 25mm, 2.5cm, 1in)", s);
		return -1;
	}
	static const struct { const char *unit; double k; } units[] = {
		{"", 1}, {"pt", 1}, {"mm", MM}, {"cm", 10 * MM}, {"in", 72}};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(end, units[i].unit) == 0) {
			*out = v * units[i].k;
			return 0;
		}
	style_err(c, m, "unknown unit (use pt, mm, cm or in)", s);
	return -1;
}

static int style_number(struct style_ctx *c, const struct meta *m, double lo,
			double hi, double *out)
{
	const char *s = meta_str(m);
	char *end;
	double v = s ? strtod(s, &end) : 0;
	if (s == NULL || end == s || *end || v < lo || v > hi) {
		diag_error(c->file, m->line, m->col, "must be a number from %g to %g", lo, hi);
		c->bad = 1;
		return -1;
	}
	*out = v;
	return 0;
}

static int style_color(struct style_ctx *c, const struct meta *m, uint32_t *out)
{
	const char *s = meta_str(m);
	char *end;
	if (s && s[0] == '#' && strlen(s) == 7) {
		unsigned long v = strtoul(s + 1, &end, 16);
		if (*end == '\0') {
			*out = (uint32_t)v;
			return 0;
		}
	}
	style_err(c, m, "not a colour (#rrggbb)", s);
	return -1;
}

static void style_kinsoku(struct style_ctx *c, const struct meta *m, int *out)
{
	const char *s = meta_str(m);
	if (s && strcmp(s, "strict") == 0)
		*out = LINEBREAK_STRICT;
	else if (s && strcmp(s, "relaxed") == 0)
		*out = LINEBREAK_RELAXED;
	else
		style_err(c, m, "kinsoku must be strict or relaxed", s);
}

static void style_emphasis(struct style_ctx *c, const struct meta *m, int *out)
{
	static const char *const names[] = {"gothic", "bouten", "both"};
	const char *s = meta_str(m);
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return;
		}
	style_err(c, m, "emphasis must be gothic, bouten or both", s);
}

static int style_is_map(struct style_ctx *c, const struct meta *m, const char *key)
{
	if (m->type == META_MAP)
		return 1;
	diag_error(c->file, m->line, m->col, "'%s' must be a mapping", key);
	c->bad = 1;
	return 0;
}

/* One entry of a table of known keys: a length, a number or a colour. */
struct style_key {
	const char *key;
	char kind;		/* 'l' length, 'n' number, 'c' colour, 'k' kinsoku,
				 * 'e' emphasis */
	size_t off;		/* offsetof in struct pdf_style */
	double lo, hi;
};

#define L(k, f) {k, 'l', offsetof(struct pdf_style, f), 0, 0}
#define N(k, f, lo, hi) {k, 'n', offsetof(struct pdf_style, f), lo, hi}
#define C(k, f) {k, 'c', offsetof(struct pdf_style, f), 0, 0}
#define K(k, f) {k, 'k', offsetof(struct pdf_style, f), 0, 0}
#define E(k, f) {k, 'e', offsetof(struct pdf_style, f), 0, 0}

static void style_table(struct style_ctx *c, const struct meta *m, const char *name,
			const struct style_key *keys, size_t nkeys)
{
	if (!style_is_map(c, m, name))
		return;
	for (size_t i = 0; i < m->u.c.n; i++) {
		const struct style_key *k = NULL;
		for (size_t j = 0; j < nkeys; j++)
			if (strcmp(keys[j].key, m->u.c.keys[i]) == 0)
				k = &keys[j];
		struct meta *v = m->u.c.items[i];
		if (k == NULL) {
			diag_error(c->file, v->line, v->col, "unknown key '%s' in '%s'",
				   m->u.c.keys[i], name);
			c->bad = 1;
			continue;
		}
		void *p = (char *)c->st + k->off;
		if (k->kind == 'l')
			style_length(c, v, p);
		else if (k->kind == 'n')
			style_number(c, v, k->lo, k->hi, p);
		else if (k->kind == 'c')
			style_color(c, v, p);
		else if (k->kind == 'k')
			style_kinsoku(c, v, p);
		else
			style_emphasis(c, v, p);
	}
}

static void style_page_size(struct style_ctx *c, const struct meta *v)
{
	static const struct { const char *name; double w, h; } sizes[] = {
		{"A4", 210, 297}, {"B5", 182, 257}, {"A5", 148, 210}};
	const char *s = meta_str(v);
	for (size_t i = 0; s && i < sizeof sizes / sizeof sizes[0]; i++)
		if (strcmp(s, sizes[i].name) == 0) {
			c->st->page_w = sizes[i].w * MM;
			c->st->page_h = sizes[i].h * MM;
			return;
		}
	style_err(c, v, "unknown page size (known: A4, B5, A5)", s);
}

static void style_page(struct style_ctx *c, const struct meta *m)
{
	static const struct style_key margin[] = {
		L("top", margin_top), L("bottom", margin_bottom),
		L("left", margin_left), L("right", margin_right)};
	if (!style_is_map(c, m, "page"))
		return;
	for (size_t i = 0; i < m->u.c.n; i++) {
		const char *k = m->u.c.keys[i];
		struct meta *v = m->u.c.items[i];
		if (strcmp(k, "size") == 0)
			style_page_size(c, v);
		else if (strcmp(k, "margin") == 0)
			style_table(c, v, "margin", margin, 4);
		else {
			diag_error(c->file, v->line, v->col, "unknown key '%s' in 'page'", k);
			c->bad = 1;
		}
	}
}

static void style_fonts(struct style_ctx *c, const struct meta *m)
{
	if (!style_is_map(c, m, "fonts"))
		return;
	for (size_t i = 0; i < m->u.c.n; i++) {
		struct meta *v = m->u.c.items[i];
		int f;
		for (f = 0; f < FACE__COUNT; f++)
			if (strcmp(m->u.c.keys[i], style_face_key[f]) == 0)
				break;
		if (f == FACE__COUNT) {
			diag_error(c->file, v->line, v->col,
				   "unknown font '%s' (known: mincho, gothic, mono)", m->u.c.keys[i]);
			c->bad = 1;
		} else if (v->type != META_STRING) {
			style_err(c, v, "a font must be the path of a TrueType file", NULL);
		} else {
			free(c->st->font[f]);
			c->st->font[f] = xstrdup(v->text);
			c->st->font_line[f] = v->line;
			c->st->font_col[f] = v->col;
		}
	}
}

/* fallback_fonts: a list of TrueType files, searched in order for a
 * character the three faces lack; [] for none. */
static void style_fallback(struct style_ctx *c, const struct meta *m)
{
	if (m->type != META_LIST) {
		style_err(c, m, "fallback_fonts must be a list of TrueType files", NULL);
		return;
	}
	if (m->u.c.n > FALLBACK_MAX) {
		diag_error(c->file, m->line, m->col, "at most %d fallback fonts", FALLBACK_MAX);
		c->bad = 1;
		return;
	}
	for (int i = 0; i < FALLBACK_MAX; i++) {
		free(c->st->fallback[i]);
		c->st->fallback[i] = NULL;
		c->st->fallback_line[i] = 0;
	}
	for (size_t i = 0; i < m->u.c.n; i++) {
		const struct meta *v = m->u.c.items[i];
		if (v->type != META_STRING) {
			style_err(c, v, "a font must be the path of a TrueType file", NULL);
			continue;
		}
		c->st->fallback[i] = xstrdup(v->text);
		c->st->fallback_line[i] = v->line;
		c->st->fallback_col[i] = v->col;
	}
}

static void style_section(struct style_ctx *c, const char *k, const struct meta *v)
{
	static const struct style_key code[] = {
		L("size", code_size), N("line_height", code_leading, 1, 3),
		C("background", code_bg)};
	static const struct style_key text[] = {
		L("size", size), N("line_height", leading, 1, 3), N("indent", indent, 0, 4),
		K("kinsoku", kinsoku), E("emphasis", emphasis)};
	static const struct style_key table[] = {
		L("size", table_size), N("line_height", table_leading, 1, 3)};
	static const struct style_key headings[] = {
		L("chapter", heading[RANK_CHAPTER]), L("section", heading[RANK_SECTION]),
		L("subsection", heading[RANK_SUB]), L("minor", heading[RANK_MINOR]),
		L("small", small_size)};
	static const struct style_key colors[] = {
		C("accent", accent), C("text", text), C("muted", muted), C("rule", rule)};
	if (strcmp(k, "page") == 0)
		style_page(c, v);
	else if (strcmp(k, "fonts") == 0)
		style_fonts(c, v);
	else if (strcmp(k, "fallback_fonts") == 0)
		style_fallback(c, v);
	else if (strcmp(k, "text") == 0)
		style_table(c, v, k, text, 5);
	else if (strcmp(k, "code") == 0)
		style_table(c, v, k, code, 3);
	else if (strcmp(k, "table") == 0)
		style_table(c, v, k, table, 2);
	else if (strcmp(k, "headings") == 0)
		style_table(c, v, k, headings, 5);
	else if (strcmp(k, "colors") == 0)
		style_table(c, v, k, colors, 4);
	else {
		diag_error(c->file, v->line, v->col,
			   "unknown key '%s' (known: page, fonts, fallback_fonts, text, code, table, headings, colors)", k);
		c->bad = 1;
	}
}

/* Sizes that would make layout loop or divide by zero. */
static void style_check(struct style_ctx *c)
{
	struct pdf_style *st = c->st;
	if (style_measure(st) < 72 || style_body_height(st) < 144) {
		diag_error(c->file, 0, 0, "the margins leave less than 1in × 2in for the text");
		c->bad = 1;
	}
	double *sizes[] = {&st->size, &st->code_size, &st->table_size, &st->small_size,
			   &st->heading[0], &st->heading[1], &st->heading[2], &st->heading[3]};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (*sizes[i] < 4 || *sizes[i] > 72) {
			diag_error(c->file, 0, 0, "font sizes must be from 4pt to 72pt");
			c->bad = 1;
			break;
		}
}

int style_load(struct pdf_style *st, const char *dir, const char *rel, const char *display)
{
	size_t len;
	char *text = confine_read(dir, rel, &len);
	if (text == NULL) {
		diag_error(display, 0, 0, "cannot read: %s", confine_strerror(errno));
		return -1;
	}
	free(st->file);
	st->file = xstrdup(display);
	struct style_ctx c = {st, st->file, 0};
	struct meta *m = utf8_report(st->file, text, len) < 0 ? NULL
		       : yaml_parse(st->file, text, len, 0);
	free(text);
	if (m == NULL)
		return -1;
	if (m->type != META_MAP) {
		diag_error(st->file, m->line, m->col, "pdf.yaml must be a mapping of keys to values");
		c.bad = 1;
	} else {
		for (size_t i = 0; i < m->u.c.n; i++)
			style_section(&c, m->u.c.keys[i], m->u.c.items[i]);
	}
	meta_free(m);
	if (!c.bad)
		style_check(&c);
	return c.bad ? -1 : 0;
}
