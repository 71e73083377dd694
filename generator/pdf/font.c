/* font: HarfBuzz for metrics and hb-subset for embedding. The subset
 * keeps only the glyphs used, renumbered from 0; the PDF writer
 * (out.c) embeds it as a CIDFontType2 whose CIDs are these glyph ids,
 * so characters outside the BMP are drawn like any other. */
#include "font.h"

#include <errno.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/xalloc.h"

struct font {
	char *path;
	hb_blob_t *blob;
	hb_face_t *face;
	double upem;
	double ascent, descent;	/* em */
	char psname[64];
	int bbox[4], capheight;	/* thousandths of an em */
	uint64_t has[65536 / 64];
	uint16_t adv[65536];	/* font units, BMP */
	uint16_t gid[65536];
	/* beyond the BMP (emoji, rare kanji, symbols): sorted */
	uint32_t *xcp;
	uint16_t *xadv, *xgid;
	size_t nx;
};

static uint16_t font_clamp(hb_position_t a)
{
	return (uint16_t)(a > 0 ? (a < 65535 ? a : 65535) : 0);
}

static void font_add_char(struct font *f, hb_font_t *hf, uint32_t cp, size_t *cap)
{
	hb_codepoint_t g;
	if (!hb_font_get_nominal_glyph(hf, cp, &g) || g > 65535)
		return;
	uint16_t a = font_clamp(hb_font_get_glyph_h_advance(hf, g));
	if (cp < 65536) {
		f->adv[cp] = a;
		f->gid[cp] = (uint16_t)g;
		f->has[cp / 64] |= 1ull << (cp % 64);
		return;
	}
	if (f->nx == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		f->xcp = xrealloc(f->xcp, *cap * sizeof *f->xcp);
		f->xadv = xrealloc(f->xadv, *cap * sizeof *f->xadv);
		f->xgid = xrealloc(f->xgid, *cap * sizeof *f->xgid);
	}
	f->xcp[f->nx] = cp;
	f->xadv[f->nx] = a;
	f->xgid[f->nx++] = (uint16_t)g;
}

static int16_t font_s16(const char *p)
{
	return (int16_t)((unsigned char)p[0] << 8 | (unsigned char)p[1]);
}

/* Name, box and cap height for the PDF's font descriptor. */
static void font_descriptor(struct font *f, hb_font_t *hf)
{
	unsigned len = sizeof f->psname;
	if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID,
				&len, f->psname) == 0 || f->psname[0] == '\0')
		snprintf(f->psname, sizeof f->psname, "Font");
	for (char *p = f->psname; *p; p++)	/* a PDF name without escapes */
		if (*p <= ' ' || *p > '~' || strchr("()<>[]{}/%#", *p))
			*p = '-';
	hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hl;
	const char *h = hb_blob_get_data(head, &hl);
	if (hl >= 44)
		for (int i = 0; i < 4; i++)
			f->bbox[i] = (int)(font_s16(h + 36 + 2 * i) * 1000 / f->upem);
	else
		f->bbox[1] = -(int)(f->descent * 1000), f->bbox[2] = 1000,
		f->bbox[3] = (int)(f->ascent * 1000);
	hb_blob_destroy(head);
	hb_position_t cap;
	f->capheight = hb_ot_metrics_get_position(hf, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0
		     ? (int)(cap * 1000 / f->upem) : (int)(f->ascent * 800);
}

static void font_metrics(struct font *f, hb_font_t *hf)
{
	hb_set_t *cps = hb_set_create();
	hb_face_collect_unicodes(f->face, cps);
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	size_t cap = 0;
	while (hb_set_next(cps, &cp) && cp < FONT_UNICODE)
		font_add_char(f, hf, cp, &cap);
	hb_set_destroy(cps);
	hb_font_extents_t ext;
	if (hb_font_get_h_extents(hf, &ext) && ext.ascender > 0) {
		f->ascent = ext.ascender / f->upem;
		f->descent = -ext.descender / f->upem;
	} else {
		f->ascent = 0.88;
		f->descent = 0.12;
	}
	font_descriptor(f, hf);
}

struct font *font_open(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return NULL;
	if (!S_ISREG(st.st_mode)) {	/* a named pipe would block the read */
		errno = S_ISDIR(st.st_mode) ? EISDIR : ESPIPE;
		return NULL;
	}
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (blob == NULL) {
		if (errno == 0)
			errno = ENOENT;
		return NULL;
	}
	hb_face_t *face = hb_face_create(blob, 0);
	unsigned upem = hb_face_get_upem(face);
	if (hb_face_get_glyph_count(face) == 0 || upem == 0) {
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		errno = EINVAL;
		return NULL;
	}
	struct font *f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	f->blob = blob;
	f->face = face;
	f->upem = upem;
	hb_face_make_immutable(face);
	hb_font_t *hf = hb_font_create(face);
	font_metrics(f, hf);
	hb_font_destroy(hf);
	return f;
}

void font_close(struct font *f)
{
	if (f == NULL)
		return;
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->xcp);
	free(f->xadv);
	free(f->xgid);
	free(f->path);
	free(f);
}

const char *font_path(const struct font *f)
{
	return f->path;
}

/* The index of cp among the characters beyond the BMP, or -1. */
static long font_find_x(const struct font *f, uint32_t cp)
{
	size_t lo = 0, hi = f->nx;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->xcp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->nx && f->xcp[lo] == cp ? (long)lo : -1;
}

int font_has(const struct font *f, uint32_t cp)
{
	if (cp < 65536)
		return f->has[cp / 64] >> (cp % 64) & 1;
	return font_find_x(f, cp) >= 0;
}

double font_advance(const struct font *f, uint32_t cp)
{
	if (cp < 65536)
		return f->adv[cp] / f->upem;
	long i = font_find_x(f, cp);
	return i < 0 ? 0 : f->xadv[i] / f->upem;
}

/* cp's glyph in the whole font, 0 when it has none. */
static unsigned font_glyph(const struct font *f, uint32_t cp)
{
	if (cp < 65536)
		return font_has(f, cp) ? f->gid[cp] : 0;
	long i = font_find_x(f, cp);
	return i < 0 ? 0 : f->xgid[i];
}

double font_ascent(const struct font *f)
{
	return f->ascent;
}

double font_descent(const struct font *f)
{
	return f->descent;
}

const char *font_psname(const struct font *f)
{
	return f->psname;
}

void font_bbox(const struct font *f, int box[4])
{
	memcpy(box, f->bbox, sizeof f->bbox);
}

int font_capheight(const struct font *f)
{
	return f->capheight;
}

void font_use_add(struct font_use *u, uint32_t cp)
{
	if (cp < FONT_UNICODE)
		u->bits[cp / 64] |= 1ull << (cp % 64);
}

int font_use_empty(const struct font_use *u)
{
	for (size_t i = 0; i < sizeof u->bits / sizeof u->bits[0]; i++)
		if (u->bits[i])
			return 0;
	return 1;
}

static void font_drop_tables(hb_subset_input_t *in)
{
	/* a PDF reader draws glyphs by id: vertical metrics and OpenType
	 * layout are most of what is left after the glyphs */
	static const char tags[][5] = {"GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx",
				       "JSTF", "MATH", "DSIG", "kern", "hdmx", "LTSH", "VDMX"};
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		hb_set_add(drop, HB_TAG(tags[i][0], tags[i][1], tags[i][2], tags[i][3]));
}

/* The characters of u that f has, with their glyphs in f. */
static void font_chars(const struct font *f, const struct font_use *u, struct font_subset *s,
		       hb_set_t *glyphs)
{
	size_t cap = 0;
	for (uint32_t w = 0; w < FONT_UNICODE / 64; w++)
		for (uint64_t b = u->bits[w]; b; b &= b - 1) {
			uint32_t cp = w * 64 + (uint32_t)__builtin_ctzll(b);
			unsigned g = font_glyph(f, cp);
			if (g == 0)
				continue;
			if (s->n == cap) {
				cap = cap ? cap * 2 : 256;
				s->cp = xrealloc(s->cp, cap * sizeof *s->cp);
				s->gid = xrealloc(s->gid, cap * sizeof *s->gid);
			}
			s->cp[s->n] = cp;
			s->gid[s->n++] = (uint16_t)g;
			hb_set_add(glyphs, g);
		}
}

int font_subset(const struct font *f, const struct font_use *u, struct font_subset *s)
{
	memset(s, 0, sizeof *s);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (in == NULL)
		return -1;
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	font_chars(f, u, s, glyphs);
	/* no cmap: the PDF names glyphs by id, its ToUnicode says what they read as */
	hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG),
		   HB_TAG('c', 'm', 'a', 'p'));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	font_drop_tables(in);
	hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
	if (sub == NULL) {
		hb_subset_plan_destroy(plan);
		font_subset_free(s);
		return -1;
	}
	const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
	s->upem = (unsigned)f->upem;
	s->nglyphs = hb_face_get_glyph_count(sub);
	s->width = xcalloc(s->nglyphs + 1, sizeof *s->width);
	for (size_t i = 0; i < s->n; i++) {
		hb_codepoint_t g = hb_map_get(map, s->gid[i]);
		s->gid[i] = g == HB_MAP_VALUE_INVALID || g >= s->nglyphs ? 0 : (uint16_t)g;
		s->width[s->gid[i]] = (uint16_t)(font_advance(f, s->cp[i]) * 1000 + 0.5);
	}
	hb_subset_plan_destroy(plan);
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);
	s->data = xmalloc(len ? len : 1);
	memcpy(s->data, data, len);
	s->len = len;
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return len ? 0 : -1;
}

/* --- wide copies of glyphs ---------------------------------------------- */

static unsigned font_u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t font_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void font_put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void font_put32(unsigned char *p, uint32_t v)
{
	font_put16(p, v >> 16);
	font_put16(p + 2, v & 0xFFFF);
}

struct font_tables {
	hb_blob_t *blob[6];	/* head hhea maxp loca glyf hmtx */
	const unsigned char *p[6];
	unsigned len[6];
};

static int font_get_tables(hb_face_t *face, struct font_tables *t)
{
	static const char tags[6][5] = {"head", "hhea", "maxp", "loca", "glyf", "hmtx"};
	static const unsigned min[6] = {54, 36, 6, 0, 0, 0};
	int ok = 1;
	for (int i = 0; i < 6; i++) {
		t->blob[i] = hb_face_reference_table(face, HB_TAG(tags[i][0], tags[i][1], tags[i][2],
								  tags[i][3]));
		t->p[i] = (const unsigned char *)hb_blob_get_data(t->blob[i], &t->len[i]);
		ok &= t->p[i] != NULL && t->len[i] >= min[i];
	}
	return ok;
}

static void font_put_tables(struct font_tables *t)
{
	for (int i = 0; i < 6; i++)
		hb_blob_destroy(t->blob[i]);
}

static hb_blob_t *font_blob(unsigned char *p, size_t len)
{
	return hb_blob_create((const char *)p, (unsigned)len, HB_MEMORY_MODE_WRITABLE, p, free);
}

/* A copy is a composite glyph of one component, the source at offset
 * 0: the same outline in 16 bytes instead of the outline's few hundred.
 * An empty source (a space) stays empty; anything shorter than a glyph
 * header is copied as it is. */
static size_t font_copy_len(uint32_t l)
{
	return l >= 10 ? 16 : (l + 3) & ~3u;
}

static size_t font_copy(unsigned char *to, const unsigned char *from, uint32_t l, unsigned src)
{
	size_t n = font_copy_len(l);
	memset(to, 0, n);
	if (l < 10) {
		memcpy(to, from, l);
		return n;
	}
	font_put16(to, 0xFFFF);		/* numberOfContours -1: composite */
	memcpy(to + 2, from + 2, 8);	/* the source's bounding box */
	font_put16(to + 10, 0x0002);	/* ARGS_ARE_XY_VALUES, byte offsets 0 0 */
	font_put16(to + 12, src);
	return n;
}

/* New glyf, loca (long offsets) and hmtx (a metric for every glyph)
 * with the copies at the end; NULL blobs when the tables are not
 * what they should be. */
static void font_widen_tables(const struct font_tables *t, unsigned ng, unsigned nhm,
			      const uint16_t *gid, const uint16_t *adv, size_t n,
			      hb_blob_t **glyf, hb_blob_t **loca, hb_blob_t **hmtx)
{
	int longloca = (int16_t)font_u16(t->p[0] + 50) == 1;
	size_t need = (size_t)(ng + 1) * (longloca ? 4 : 2);
	*glyf = *loca = *hmtx = NULL;
	if (nhm == 0 || nhm > ng || t->len[3] < need || t->len[5] < 4 * nhm + 2 * (ng - nhm))
		return;
	uint32_t *off = xmalloc((ng + 1) * sizeof *off);
	for (unsigned g = 0; g <= ng; g++)
		off[g] = longloca ? font_u32(t->p[3] + 4 * g) : 2 * font_u16(t->p[3] + 2 * g);
	size_t glen = off[ng];
	for (size_t i = 0; i < n; i++)
		glen += font_copy_len(off[gid[i] + 1] - off[gid[i]]);
	if (off[ng] > t->len[4]) {
		free(off);
		return;
	}
	unsigned total = ng + (unsigned)n;
	unsigned char *gl = xmalloc(glen + 4), *lo = xmalloc(4 * ((size_t)total + 1));
	unsigned char *hm = xmalloc(4 * (size_t)total);
	memcpy(gl, t->p[4], off[ng]);
	size_t at = off[ng];
	for (unsigned g = 0; g < total; g++) {
		unsigned src = g < ng ? g : gid[g - ng];
		font_put32(lo + 4 * g, g < ng ? off[g] : (uint32_t)at);
		if (g >= ng) {
			at += font_copy(gl + at, t->p[4] + off[src], off[src + 1] - off[src], src);
		}
		const unsigned char *m = t->p[5] + 4 * (src < nhm ? src : nhm - 1);
		unsigned lsb = src < nhm ? font_u16(m + 2) : font_u16(t->p[5] + 4 * nhm + 2 * (src - nhm));
		font_put16(hm + 4 * g, g < ng ? font_u16(m) : adv[g - ng]);
		font_put16(hm + 4 * g + 2, lsb);
	}
	font_put32(lo + 4 * total, (uint32_t)at);
	free(off);
	*glyf = font_blob(gl, at);
	*loca = font_blob(lo, 4 * ((size_t)total + 1));
	*hmtx = font_blob(hm, 4 * (size_t)total);
}

/* head with long loca offsets, hhea with a metric a glyph, maxp with
 * the new count. */
static void font_widen_heads(const struct font_tables *t, unsigned total, unsigned maxadv,
			     hb_blob_t **head, hb_blob_t **hhea, hb_blob_t **maxp)
{
	unsigned char *h = xmalloc(t->len[0]), *hh = xmalloc(t->len[1]), *mp = xmalloc(t->len[2]);
	memcpy(h, t->p[0], t->len[0]);
	memcpy(hh, t->p[1], t->len[1]);
	memcpy(mp, t->p[2], t->len[2]);
	font_put32(h + 8, 0);	/* checkSumAdjustment: not read by PDF readers */
	font_put16(h + 50, 1);
	if (maxadv > font_u16(hh + 10))
		font_put16(hh + 10, maxadv);
	font_put16(hh + 34, total);
	font_put16(mp + 4, total);
	if (t->len[2] >= 32 && font_u32(mp) == 0x00010000) {	/* the copies are composites */
		if (font_u16(mp + 28) < 1)
			font_put16(mp + 28, 1);			/* maxComponentElements */
		font_put16(mp + 30, font_u16(mp + 30) + 1);	/* maxComponentDepth */
	}
	*head = font_blob(h, t->len[0]);
	*hhea = font_blob(hh, t->len[1]);
	*maxp = font_blob(mp, t->len[2]);
}

int font_subset_widen(struct font_subset *s, const uint16_t *gid, const uint16_t *width,
		      size_t n)
{
	if (n == 0)
		return 0;
	if (s->nglyphs + n > 65535)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (gid[i] >= s->nglyphs)
			return -1;
	hb_blob_t *blob = hb_blob_create((const char *)s->data, (unsigned)s->len,
					 HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *face = hb_face_create(blob, 0);
	struct font_tables t;
	int rc = -1;
	uint16_t *adv = xmalloc(n * sizeof *adv);
	unsigned maxadv = 0;
	for (size_t i = 0; i < n; i++) {
		adv[i] = (uint16_t)((unsigned long)width[i] * s->upem / 1000);
		maxadv = adv[i] > maxadv ? adv[i] : maxadv;
	}
	if (font_get_tables(face, &t) && font_u16(t.p[2] + 4) == s->nglyphs) {
		hb_blob_t *nb[6] = {NULL};	/* head hhea maxp loca glyf hmtx */
		font_widen_tables(&t, s->nglyphs, font_u16(t.p[1] + 34), gid, adv, n, &nb[4],
				  &nb[3], &nb[5]);
		if (nb[4]) {
			font_widen_heads(&t, s->nglyphs + (unsigned)n, maxadv, &nb[0], &nb[1], &nb[2]);
			static const char tags[6][5] = {"head", "hhea", "maxp", "loca", "glyf", "hmtx"};
			hb_face_t *b = hb_face_builder_create();
			hb_tag_t tag[64];
			unsigned nt = 64;
			hb_face_get_table_tags(face, 0, &nt, tag);
			for (unsigned i = 0; i < nt; i++) {
				int k = 0;
				while (k < 6 && tag[i] != HB_TAG(tags[k][0], tags[k][1], tags[k][2], tags[k][3]))
					k++;
				hb_blob_t *tb = k < 6 ? hb_blob_reference(nb[k]) : hb_face_reference_table(face, tag[i]);
				hb_face_builder_add_table(b, tag[i], tb);
				hb_blob_destroy(tb);
			}
			hb_blob_t *out = hb_face_reference_blob(b);
			unsigned len;
			const char *data = hb_blob_get_data(out, &len);
			if (len) {
				unsigned char *copy = xmalloc(len);
				memcpy(copy, data, len);
				free(s->data);
				s->data = copy;
				s->len = len;
				s->width = xrealloc(s->width, (s->nglyphs + n + 1) * sizeof *s->width);
				memcpy(s->width + s->nglyphs, width, n * sizeof *width);
				s->nglyphs += (unsigned)n;
				rc = 0;
			}
			hb_blob_destroy(out);
			hb_face_destroy(b);
		}
		for (int i = 0; i < 6; i++)
			hb_blob_destroy(nb[i]);
	}
	font_put_tables(&t);
	free(adv);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}

unsigned font_subset_glyph(const struct font_subset *s, uint32_t cp)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->cp[lo] == cp ? s->gid[lo] : 0;
}

void font_subset_free(struct font_subset *s)
{
	free(s->data);
	free(s->cp);
	free(s->gid);
	free(s->width);
	memset(s, 0, sizeof *s);
}
