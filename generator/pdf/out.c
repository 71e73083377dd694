/* out: with acroform.c (form fields), the only files that include
 * <hpdf.h>. libharu 2.3 facts it
 * relies on (../shared/notes/libharu-and-line-breaking.md): its own
 * TrueType fonts have CIDs that are UTF-16 units, so the fonts are
 * built here from its low-level objects (out_font); link
 * annotations get a border unless told not to; SetXYZ refuses a null
 * zoom, so destinations are written by hand as [page /XYZ null y null],
 * which keeps the reader's zoom. */
#include "out.h"

#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "acroform.h"
#include "draw.h"
#include "finish.h"
#include "tags.h"
#include "font.h"
#include "jis.h"
#include "style.h"

/* A glyph with a wider advance than its own: the last of a run, with
 * the gap to the next run of the line in it (draw_op.after). Readers
 * then see no gap, so they read no space between 2009 and 年. It is a
 * copy of the glyph added to the subset (font_subset_widen): MuPDF
 * takes advances by glyph id, and ignores /ActualText, as pdf.js
 * does. */
struct out_wide {
	uint16_t gid, width;	/* width: thousandths of an em */
};

struct out {
	const struct draw_doc *d;
	struct tags tags;	/* marked content and the structure tree */
	struct finish_annot *annots;	/* link and widget annotations made */
	size_t nannots;
	int *page_annots;	/* how many each page has */
	HPDF_Doc pdf;
	HPDF_Page *pages;
	HPDF_Font font[FACE__ALL];
	struct font_subset sub[FACE__ALL];
	struct font_subset field_sub;	/* the form's font, codes = Unicode */
	struct out_wide *wide[FACE__ALL];	/* sorted */
	size_t nwide[FACE__ALL];
	unsigned wide_base[FACE__ALL];	/* the glyph id of the first */
	HPDF_Image *images;
	HPDF_Destination *dests;
	HPDF_STATUS err, detail;
	/* current page state */
	struct font *const *fonts;
	HPDF_Page page;
	int in_text, face;
	float size, space;
	uint32_t fill;
	double lx, ly;		/* text line origin, rounded */
	struct buf raw;		/* text operators for the page stream */
};

/* libharu's error codes as what they mean to someone building a PDF
 * (hpdf_error.h); the code stays for a bug report. */
static const char *out_strerror(HPDF_STATUS err)
{
	switch (err) {
	case HPDF_FAILD_TO_ALLOC_MEM:
		return "out of memory";
	case HPDF_FILE_IO_ERROR:
	case HPDF_FILE_OPEN_ERROR:
		return "a file could not be read or written";
	case HPDF_INVALID_PNG_IMAGE:
	case HPDF_LIBPNG_ERROR:
		return "a PNG image libharu cannot read";
	case HPDF_INVALID_JPEG_DATA:
	case HPDF_UNSUPPORTED_JPEG_FORMAT:
		return "a JPEG image libharu cannot read";
	case HPDF_INVALID_IMAGE:
	case HPDF_INVALID_COLOR_SPACE:
	case HPDF_INVALID_BIT_PER_COMPONENT:
		return "an image libharu cannot embed";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
	case HPDF_TTF_INVALID_CMAP:
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
	case HPDF_INVALID_FONT:
	case HPDF_UNSUPPORTED_FONT_TYPE:
		return "a font libharu cannot embed (is it TrueType?)";
	case HPDF_ZLIB_ERROR:
		return "compressing a stream failed";
	case HPDF_REAL_OUT_OF_RANGE:
	case HPDF_PAGE_INVALID_SIZE:
	case HPDF_PAGE_OUT_OF_RANGE:
		return "a size or position beyond what a PDF can hold";
	case HPDF_STRING_OUT_OF_RANGE:
	case HPDF_BINARY_LENGTH_ERR:
		return "a text longer than a PDF string can hold";
	case HPDF_INVALID_URI:
		return "a link address libharu refuses";
	default:
		return "an error inside libharu";
	}
}

static void out_error(HPDF_STATUS err, HPDF_STATUS detail, void *ctx)
{
	struct out *o = ctx;
	if (o->err == 0) {
		o->err = err;
		o->detail = detail;
	}
}

static void out_uses(const struct draw_doc *d, struct font_use *use)
{
	for (size_t p = 0; p < d->npages; p++)
		for (size_t i = 0; i < d->pages[p].n; i++) {
			const struct draw_op *op = &d->pages[p].ops[i];
			if (op->kind != DRAW_TEXT || op->face >= FACE__ALL)
				continue;
			for (size_t k = 0; k < op->len;) {
				uint32_t cp;
				size_t n = utf8_decode(op->s + k, op->len - k, &cp);
				if (n == 0)
					break;
				font_use_add(&use[op->face], cp);
				k += n;
			}
		}
}

/* The ToUnicode CMap: each glyph id used to the character it draws
 * (UTF-16BE, a surrogate pair beyond the BMP), as bfchar blocks of at
 * most 100 as the CMap format allows: Ghostscript 10 reads wide
 * bfranges as garbage. */
/* A ToUnicode CMap: code c reads as uni[c] (0: none), UTF-16BE with a
 * surrogate pair beyond the BMP, as bfchar blocks of at most 100 as the
 * CMap format allows: Ghostscript 10 reads wide bfranges as garbage. */
static HPDF_Dict out_cmap(struct out *o, const uint32_t *uni, unsigned ncode)
{
	struct buf b = {0};
	buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (unsigned g = 1, n = 0; g < ncode; g++) {
		if (uni[g] == 0)
			continue;
		if (n % 100 == 0) {
			unsigned left = 0;
			for (unsigned k = g; k < ncode && left < 100; k++)
				left += uni[k] != 0;
			buf_addf(&b, "%u beginbfchar\n", left);
		}
		uint32_t c = uni[g];
		if (c < 0x10000)
			buf_addf(&b, "<%04X> <%04X>\n", g, (unsigned)c);
		else
			buf_addf(&b, "<%04X> <%04X%04X>\n", g, 0xD800 + ((unsigned)(c - 0x10000) >> 10),
				 0xDC00 + ((unsigned)(c - 0x10000) & 0x3FF));
		if (++n % 100 == 0)
			buf_adds(&b, "endbfchar\n");
		else {
			unsigned k = g + 1;
			while (k < ncode && uni[k] == 0)
				k++;
			if (k >= ncode)
				buf_adds(&b, "endbfchar\n");
		}
	}
	buf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_Dict cmap = HPDF_DictStream_New(o->pdf->mmgr, o->pdf->xref);
	if (cmap) {
		cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.p, (HPDF_UINT)b.n);
	}
	buf_free(&b);
	return cmap;
}

/* Each glyph id used to the character it draws. */
static HPDF_Dict out_tounicode(struct out *o, int face)
{
	const struct font_subset *s = &o->sub[face];
	uint32_t *uni = xcalloc(s->nglyphs + 1, sizeof *uni);
	for (size_t i = 0; i < s->n; i++)
		if (s->gid[i] && uni[s->gid[i]] == 0)	/* the first of characters sharing a glyph */
			uni[s->gid[i]] = s->cp[i];
	for (size_t k = 0; k < o->nwide[face]; k++)
		uni[o->wide_base[face] + k] = uni[o->wide[face][k].gid];
	HPDF_Dict cmap = out_cmap(o, uni, s->nglyphs);
	free(uni);
	return cmap;
}

/* A new indirect dictionary of the given /Type. */
static HPDF_Dict out_dict(struct out *o, const char *type)
{
	HPDF_Dict d = HPDF_Dict_New(o->pdf->mmgr);
	if (d == NULL || HPDF_Xref_Add(o->pdf->xref, d) != HPDF_OK)
		return NULL;
	if (type)
		HPDF_Dict_AddName(d, "Type", type);
	return d;
}

/* A subset tag (six capitals, ISO 32000 9.6.4) from the glyphs used:
 * the same document gives the same file. */
static void out_subset_tag(const struct font_subset *s, int face, char tag[8])
{
	uint32_t h = 2166136261u ^ (uint32_t)face;
	for (size_t i = 0; i < s->n; i++)
		h = (h ^ s->cp[i]) * 16777619u;
	for (int i = 0; i < 6; i++, h /= 26)
		tag[i] = (char)('A' + h % 26);
	tag[6] = '+';
	tag[7] = '\0';
}

static HPDF_Dict out_descriptor(struct out *o, const struct font *f, const struct font_subset *s,
				const char *name)
{
	HPDF_Dict fd = out_dict(o, "FontDescriptor");
	HPDF_Dict file = HPDF_DictStream_New(o->pdf->mmgr, o->pdf->xref);
	HPDF_Array box = HPDF_Array_New(o->pdf->mmgr);
	if (fd == NULL || file == NULL || box == NULL)
		return NULL;
	int bb[4];
	font_bbox(f, bb);
	for (int i = 0; i < 4; i++)
		HPDF_Array_AddNumber(box, bb[i]);
	HPDF_Dict_AddName(fd, "FontName", name);
	HPDF_Dict_AddNumber(fd, "Flags", 4);	/* symbolic: glyphs outside Latin */
	HPDF_Dict_Add(fd, "FontBBox", box);
	HPDF_Dict_AddNumber(fd, "ItalicAngle", 0);
	HPDF_Dict_AddNumber(fd, "Ascent", (HPDF_INT32)lround(font_ascent(f) * 1000));
	HPDF_Dict_AddNumber(fd, "Descent", -(HPDF_INT32)lround(font_descent(f) * 1000));
	HPDF_Dict_AddNumber(fd, "CapHeight", font_capheight(f));
	HPDF_Dict_AddNumber(fd, "StemV", 80);
	file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_Write(file->stream, s->data, (HPDF_UINT)s->len);
	HPDF_Dict_AddNumber(file, "Length1", (HPDF_UINT32)s->len);
	HPDF_Dict_Add(fd, "FontFile2", file);
	return fd;
}

/* The glyph widths as one run from glyph 0: [0 [w0 w1 …]]. */
static HPDF_Array out_widths(struct out *o, int face)
{
	const struct font_subset *s = &o->sub[face];
	HPDF_Array w = HPDF_Array_New(o->pdf->mmgr), run = HPDF_Array_New(o->pdf->mmgr);
	if (w == NULL || run == NULL)
		return NULL;
	HPDF_Array_AddNumber(w, 0);
	for (unsigned g = 0; g < s->nglyphs; g++)
		HPDF_Array_AddNumber(run, s->width[g]);
	HPDF_Array_Add(w, run);
	return w;
}

static int out_wide_cmp(const void *a, const void *b)
{
	const struct out_wide *x = a, *y = b;
	return x->gid != y->gid ? x->gid - y->gid : x->width - y->width;
}

/* The last character of a text operation. */
static uint32_t out_last_char(const struct draw_op *op)
{
	size_t k = op->len;
	while (k > 0 && ((unsigned char)op->s[k - 1] & 0xC0) == 0x80)
		k--;
	uint32_t cp = 0;
	if (k > 0 && utf8_decode(op->s + k - 1, op->len - (k - 1), &cp) == 0)
		cp = 0;
	return cp;
}

/* The wide glyph an operation ends with: its glyph and advance. */
static int out_wide_of(const struct out *o, const struct draw_op *op, struct out_wide *w)
{
	if (op->kind != DRAW_TEXT || op->after <= 0 || op->face >= FACE__ALL || op->size <= 0 ||
	    o->sub[op->face].nglyphs == 0)
		return 0;
	const struct font_subset *s = &o->sub[op->face];
	unsigned g = font_subset_glyph(s, out_last_char(op));
	long width = s->width[g] + lround(op->after / op->size * 1000);
	if (g == 0 || width > 65535)
		return 0;
	*w = (struct out_wide){(uint16_t)g, (uint16_t)width};
	return 1;
}

/* Every wide glyph the pages draw, once. */
static void out_collect_wide(struct out *o)
{
	size_t cap[FACE__ALL] = {0};
	for (size_t p = 0; p < o->d->npages; p++)
		for (size_t i = 0; i < o->d->pages[p].n; i++) {
			const struct draw_op *op = &o->d->pages[p].ops[i];
			struct out_wide w;
			if (!out_wide_of(o, op, &w))
				continue;
			int f = op->face;
			if (o->nwide[f] == cap[f])
				o->wide[f] = xrealloc(o->wide[f], (cap[f] = cap[f] ? cap[f] * 2 : 64) *
							       sizeof *o->wide[f]);
			o->wide[f][o->nwide[f]++] = w;
		}
	for (int f = 0; f < FACE__ALL; f++) {
		if (o->nwide[f] == 0)
			continue;
		qsort(o->wide[f], o->nwide[f], sizeof *o->wide[f], out_wide_cmp);
		size_t n = 1;
		for (size_t k = 1; k < o->nwide[f]; k++)
			if (out_wide_cmp(&o->wide[f][k], &o->wide[f][n - 1]) != 0)
				o->wide[f][n++] = o->wide[f][k];
		o->nwide[f] = n;
		uint16_t *gid = xmalloc(n * sizeof *gid), *width = xmalloc(n * sizeof *width);
		for (size_t k = 0; k < n; k++) {
			gid[k] = o->wide[f][k].gid;
			width[k] = o->wide[f][k].width;
		}
		o->wide_base[f] = o->sub[f].nglyphs;
		if (font_subset_widen(&o->sub[f], gid, width, n) < 0)
			o->nwide[f] = 0;	/* a font without glyf: gaps stay gaps */
		free(gid);
		free(width);
	}
}

/* The code of the wide glyph op ends with, or 0. */
static unsigned out_wide_code(const struct out *o, const struct draw_op *op)
{
	struct out_wide w;
	if (!out_wide_of(o, op, &w) || o->nwide[op->face] == 0)
		return 0;
	const struct out_wide *hit = bsearch(&w, o->wide[op->face], o->nwide[op->face], sizeof w,
					     out_wide_cmp);
	return hit ? o->wide_base[op->face] + (unsigned)(hit - o->wide[op->face]) : 0;
}

/* A Type 0 font named name over the CIDFontType2 of subset s, with
 * the widths w and the ToUnicode cmap; *cid is the descendant, which
 * the caller gives its CIDToGIDMap. Text and form fields share it. */
static HPDF_Dict out_type0(struct out *o, const struct font *f, const struct font_subset *s,
			   const char *name, HPDF_Array w, HPDF_Dict cmap, HPDF_Dict *cid_out)
{
	HPDF_Dict t0 = out_dict(o, "Font"), cid = out_dict(o, "Font");
	HPDF_Array kids = HPDF_Array_New(o->pdf->mmgr);
	HPDF_Dict info = HPDF_Dict_New(o->pdf->mmgr);
	HPDF_Dict fd = out_descriptor(o, f, s, name);
	if (!t0 || !cid || !kids || !info || !fd || !w || !cmap)
		return NULL;
	HPDF_Dict_AddName(t0, "Subtype", "Type0");
	HPDF_Dict_AddName(t0, "BaseFont", name);
	HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
	HPDF_Array_Add(kids, cid);
	HPDF_Dict_Add(t0, "DescendantFonts", kids);
	HPDF_Dict_Add(t0, "ToUnicode", cmap);
	HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cid, "BaseFont", name);
	HPDF_Dict_Add(info, "Registry", HPDF_String_New(o->pdf->mmgr, "Adobe", NULL));
	HPDF_Dict_Add(info, "Ordering", HPDF_String_New(o->pdf->mmgr, "Identity", NULL));
	HPDF_Dict_AddNumber(info, "Supplement", 0);
	HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	HPDF_Dict_Add(cid, "FontDescriptor", fd);
	HPDF_Dict_Add(cid, "W", w);
	*cid_out = cid;
	return t0;
}

/* A Type 0 font with Identity-H codes that are the subset's glyph ids
 * (CIDToGIDMap /Identity), written with libharu's objects: its own
 * TrueType loader makes codes of UTF-16 units, so it could not draw a
 * character beyond the BMP, and it parses the whole font again. */
static HPDF_Font out_font(struct out *o, const struct font *f, int face)
{
	const struct font_subset *s = &o->sub[face];
	char tag[8], name[96];
	out_subset_tag(s, face, tag);
	snprintf(name, sizeof name, "%s%s", tag, font_psname(f));
	HPDF_Array w = out_widths(o, face);
	HPDF_Dict cmap = out_tounicode(o, face);
	HPDF_Dict cid = NULL, t0 = out_type0(o, f, s, name, w, cmap, &cid);
	if (t0)
		HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
	return t0;
}

static int out_fonts(struct out *o, struct font *const *fonts, char *why, size_t whylen)
{
	struct font_use *use = xcalloc(FACE__ALL, sizeof *use);
	out_uses(o->d, use);
	int rc = 0;
	for (int f = 0; f < FACE__ALL && rc == 0; f++) {
		if (font_use_empty(&use[f]))
			continue;
		if (fonts[f] == NULL || font_subset(fonts[f], &use[f], &o->sub[f]) < 0) {
			snprintf(why, whylen, "cannot subset the font %s",
				 fonts[f] ? font_path(fonts[f]) : "(none)");
			rc = -1;
		}
	}
	out_collect_wide(o);
	for (int f = 0; f < FACE__ALL && rc == 0; f++) {
		if (o->sub[f].nglyphs == 0)
			continue;
		if ((o->font[f] = out_font(o, fonts[f], f)) == NULL) {
			snprintf(why, whylen, "the font %s: %s (libharu error 0x%04X)",
				 font_path(fonts[f]), out_strerror(o->err), (unsigned)o->err);
			rc = -1;
		}
	}
	free(use);
	return rc;
}

/* A PNG's own compressed rows as an image XObject: libharu would
 * compress again whatever it is given, and drops a /Filter it did not
 * apply, so the filter is written by the dictionary's write hook. */
static HPDF_STATUS out_png_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	const struct draw_image *im = dict->attr;
	char buf[160];
	snprintf(buf, sizeof buf,
		 "/Filter /FlateDecode\n/DecodeParms << /Predictor 15 /Colors %d "
		 "/BitsPerComponent 8 /Columns %d >>\n", im->gray ? 1 : 3, im->width);
	return HPDF_Stream_WriteStr(stream, buf);
}

static HPDF_Image out_png_direct(struct out *o, const struct draw_image *im)
{
	HPDF_Dict img = HPDF_DictStream_New(o->pdf->mmgr, o->pdf->xref);
	if (img == NULL)
		return NULL;
	img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	img->filter = HPDF_STREAM_FILTER_NONE;
	img->attr = (void *)im;	/* the document outlives the save */
	img->write_fn = out_png_filter;
	HPDF_Dict_AddName(img, "Type", "XObject");
	HPDF_Dict_AddName(img, "Subtype", "Image");
	HPDF_Dict_AddNumber(img, "Width", im->width);
	HPDF_Dict_AddNumber(img, "Height", im->height);
	HPDF_Dict_AddNumber(img, "BitsPerComponent", 8);
	HPDF_Dict_AddName(img, "ColorSpace", im->gray ? "DeviceGray" : "DeviceRGB");
	HPDF_Stream_Write(img->stream, im->data, (HPDF_UINT)im->len);
	return img;
}

static HPDF_Image out_image(struct out *o, const struct draw_image *im)
{
	if (im->kind == 'f')
		return out_png_direct(o, im);
	if (im->kind == 'j')
		return HPDF_LoadJpegImageFromMem(o->pdf, im->data, (HPDF_UINT)im->len);
	HPDF_Image img = HPDF_LoadRawImageFromMem(o->pdf, im->data, (HPDF_UINT)im->width,
		(HPDF_UINT)im->height, im->gray ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
	if (img && im->alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(o->pdf, im->alpha,
			(HPDF_UINT)im->width, (HPDF_UINT)im->height, HPDF_CS_DEVICE_GRAY, 8);
		if (mask)
			HPDF_Image_AddSMask(img, mask);
	}
	return img;
}

static void out_rgb(uint32_t c, float *r, float *g, float *b)
{
	*r = (float)((c >> 16) & 0xFF) / 255;
	*g = (float)((c >> 8) & 0xFF) / 255;
	*b = (float)(c & 0xFF) / 255;
}

static void out_fill(struct out *o, uint32_t c)
{
	float r, g, b;
	out_rgb(c, &r, &g, &b);
	HPDF_Page_SetRGBFill(o->page, r, g, b);
}

static void out_stroke(struct out *o, uint32_t c, float width)
{
	float r, g, b;
	out_rgb(c, &r, &g, &b);
	HPDF_Page_SetRGBStroke(o->page, r, g, b);
	HPDF_Page_SetLineWidth(o->page, width > 0 ? width : 0.5f);
}

/* Text operators go straight into the page's content stream: libharu's
 * TextOut measures every character again (a linear search through the
 * font's cmap for each) and writes 4 hex digits a character, while the
 * layout has placed every run already. Codes are 2-byte glyph ids
 * (Identity-H, CID = glyph id), numbers have 2 decimals. */
static void out_raw_flush(struct out *o)
{
	if (o->raw.n) {
		HPDF_PageAttr attr = (HPDF_PageAttr)o->page->attr;
		HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)o->raw.p, (HPDF_UINT)o->raw.n);
		o->raw.n = 0;
	}
}

static void out_num(struct buf *b, double v)
{
	long c = lround(v * 100);
	if (c < 0) {
		buf_addc(b, '-');
		c = -c;
	}
	buf_addf(b, "%ld", c / 100);
	if (c % 100)
		buf_addf(b, c % 10 ? ".%02ld" : ".%ld", c % 10 ? c % 100 : c % 100 / 10);
}

static void out_end_text(struct out *o)
{
	if (o->in_text) {
		buf_adds(&o->raw, "ET\n");
		out_raw_flush(o);
	}
	o->in_text = 0;
}

/* The text as the subset's glyph ids, two bytes each. */
static void out_string(struct buf *b, const struct font_subset *sub, const char *s, size_t len,
		       unsigned wide)
{
	buf_addc(b, '(');
	for (size_t k = 0; k < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + k, len - k, &cp);
		if (n == 0)
			break;
		k += n;
		unsigned g = wide && k == len ? wide : font_subset_glyph(sub, cp);
		unsigned char two[2] = {(unsigned char)(g >> 8), (unsigned char)g};
		for (int i = 0; i < 2; i++) {
			unsigned char c = two[i];
			if (c == '(' || c == ')' || c == '\\')
				buf_addc(b, '\\');
			if (c == '\r')
				buf_adds(b, "\\r");
			else if (c == '\n')
				buf_adds(b, "\\n");
			else
				buf_addc(b, (char)c);
		}
	}
	buf_adds(b, ") Tj\n");
}

static void out_text(struct out *o, const struct draw_op *op)
{
	if (o->font[op->face] == NULL || op->len == 0)
		return;
	struct buf *b = &o->raw;
	if (!o->in_text) {
		out_raw_flush(o);
		buf_adds(b, "BT\n");
		o->in_text = 1;
		o->lx = o->ly = 0;
	}
	if (op->face != o->face || op->size != o->size) {
		buf_addf(b, "/%s ", HPDF_Page_GetLocalFontName(o->page, o->font[op->face]));
		out_num(b, op->size);
		buf_adds(b, " Tf\n");
		o->face = op->face;
		o->size = op->size;
	}
	if (op->space != o->space) {
		out_num(b, op->space);
		buf_adds(b, " Tc\n");
		o->space = op->space;
	}
	if (op->fill != o->fill) {
		float r, g, bl;
		out_rgb(op->fill, &r, &g, &bl);
		buf_addf(b, "%.3g %.3g %.3g rg\n", r, g, bl);
		o->fill = op->fill;
	}
	double x = lround(op->x * 100) / 100.0, y = lround((o->d->page_h - op->y) * 100) / 100.0;
	out_num(b, x - o->lx);
	buf_addc(b, ' ');
	out_num(b, y - o->ly);
	buf_adds(b, " Td\n");
	o->lx = x;
	o->ly = y;
	out_string(b, &o->sub[op->face], op->s, op->len, out_wide_code(o, op));
}

/* Colours go before the path: libharu refuses them inside one. */
static void out_colors(struct out *o, const struct draw_op *op)
{
	if (op->fill != DRAW_NONE) {
		out_fill(o, op->fill);
		o->fill = op->fill;
	}
	if (op->stroke != DRAW_NONE)
		out_stroke(o, op->stroke, op->size);
}

/* Fill, stroke or both, after the path was built. */
static void out_paint(struct out *o, const struct draw_op *op)
{
	if (op->fill != DRAW_NONE && op->stroke != DRAW_NONE)
		HPDF_Page_FillStroke(o->page);
	else if (op->fill != DRAW_NONE)
		HPDF_Page_Fill(o->page);
	else if (op->stroke != DRAW_NONE)
		HPDF_Page_Stroke(o->page);
	else
		HPDF_Page_EndPath(o->page);
}

/* Dots (table of contents leaders): a dashed line of 1 pt dashes.
 * libharu takes whole-point dash lengths and refuses zero, so the
 * round dots of zero-length dashes with round caps are not possible;
 * circles cost a hundred bytes each in a long table of contents. */
static void out_dots(struct out *o, const struct draw_op *op)
{
	static const HPDF_UINT16 dash[2] = {1, 3};
	double h = o->d->page_h;
	out_stroke(o, op->stroke, op->size);
	HPDF_Page_SetDash(o->page, dash, 2, 0);
	HPDF_Page_MoveTo(o->page, (HPDF_REAL)op->x, (HPDF_REAL)(h - op->y));
	HPDF_Page_LineTo(o->page, (HPDF_REAL)(op->x + op->w), (HPDF_REAL)(h - op->y - op->h));
	HPDF_Page_Stroke(o->page);
	HPDF_Page_SetDash(o->page, NULL, 0, 0);
}

static void out_line(struct out *o, const struct draw_op *op)
{
	double h = o->d->page_h;
	if (op->dash == DRAW_DOTS) {
		out_dots(o, op);
		return;
	}
	out_stroke(o, op->stroke, op->size);
	HPDF_Page_MoveTo(o->page, (HPDF_REAL)op->x, (HPDF_REAL)(h - op->y));
	HPDF_Page_LineTo(o->page, (HPDF_REAL)(op->x + op->w), (HPDF_REAL)(h - op->y - op->h));
	HPDF_Page_Stroke(o->page);
}

static void out_poly(struct out *o, const struct draw_op *op)
{
	const double *p = o->d->pts + 2 * (size_t)op->ref;
	double h = o->d->page_h;
	out_colors(o, op);
	HPDF_Page_SetLineJoin(o->page, HPDF_ROUND_JOIN);
	for (uint32_t i = 0; i < op->n; i++) {
		HPDF_REAL x = (HPDF_REAL)(op->x + p[2 * i]), y = (HPDF_REAL)(h - op->y - p[2 * i + 1]);
		if (i == 0)
			HPDF_Page_MoveTo(o->page, x, y);
		else
			HPDF_Page_LineTo(o->page, x, y);
	}
	if (op->closed)
		HPDF_Page_ClosePath(o->page);
	out_paint(o, op);
}

/* A circle (a list's bullet) drawn around the origin, moved there by a
 * cm: its four arcs are the same bytes every time, which the stream's
 * compression all but removes. Colours are set before the q, so they
 * outlast the Q as out_colors expects. */
static void out_circle(struct out *o, const struct draw_op *op)
{
	out_colors(o, op);
	HPDF_Page_GSave(o->page);
	HPDF_Page_Concat(o->page, 1, 0, 0, 1, (HPDF_REAL)op->x, (HPDF_REAL)(o->d->page_h - op->y));
	HPDF_Page_Circle(o->page, 0, 0, (HPDF_REAL)op->w);
	out_paint(o, op);
	HPDF_Page_GRestore(o->page);
}

static void out_op(struct out *o, const struct draw_op *op)
{
	double h = o->d->page_h;
	if (op->kind != DRAW_TEXT && op->kind != DRAW_BREAK)
		out_end_text(o);
	switch ((enum draw_kind)op->kind) {
	case DRAW_TEXT:
		out_text(o, op);
		break;
	case DRAW_RECT:
		out_colors(o, op);
		HPDF_Page_Rectangle(o->page, (HPDF_REAL)op->x, (HPDF_REAL)(h - op->y - op->h),
				    (HPDF_REAL)op->w, (HPDF_REAL)op->h);
		out_paint(o, op);
		break;
	case DRAW_LINE:
		out_line(o, op);
		break;
	case DRAW_CIRCLE:
		out_circle(o, op);
		break;
	case DRAW_POLY:
		out_poly(o, op);
		break;
	case DRAW_IMAGE:
		if (op->ref >= 0 && (size_t)op->ref < o->d->nimages && o->images[op->ref])
			HPDF_Page_DrawImage(o->page, o->images[op->ref], (HPDF_REAL)op->x,
					    (HPDF_REAL)(h - op->y - op->h), (HPDF_REAL)op->w,
					    (HPDF_REAL)op->h);
		break;
	case DRAW_LINK:
	case DRAW_BREAK:
	case DRAW__COUNT:
		break;
	}
}

/* A text string as hex UTF-16BE with its byte order mark. */
static void out_utf16_hex(struct buf *b, const char *s)
{
	buf_adds(b, "FEFF");
	for (size_t i = 0, n = strlen(s); i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			break;
		i += k;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			buf_addf(b, "%04X%04X", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
		} else {
			buf_addf(b, "%04X", cp);
		}
	}
}

/* The start of a marked-content sequence: content of an element by
 * its MCID, or an artifact. */
static void out_bdc(struct out *o, const struct tags_mc *m)
{
	int role = o->d->elems[m->elem].role;
	if (m->mcid >= 0 && (role == ROLE_RB || role == ROLE_RT)) {
		/* ruby: text extraction reads the base as written (its glyphs
		 * may be spread apart) and not the reading */
		buf_addf(&o->raw, "/Span <</MCID %d /ActualText <", m->mcid);
		const char *s = role == ROLE_RB ? o->d->elems[m->elem].actual : NULL;
		if (s)
			out_utf16_hex(&o->raw, s);
		buf_adds(&o->raw, ">>> BDC\n");
	} else if (m->mcid >= 0)
		buf_addf(&o->raw, "/%s <</MCID %d>> BDC\n", tags_role_name(role), m->mcid);
	else if (role == ROLE_HEADER || role == ROLE_FOOTER)
		buf_addf(&o->raw, "/Artifact <</Type /Pagination /Subtype /%s>> BDC\n",
			 role == ROLE_HEADER ? "Header" : "Footer");
	else
		buf_adds(&o->raw, "/Artifact <</Type /Layout>> BDC\n");
}

/* Every operation inside its marked-content sequence (tags.c); a text
 * object never crosses the boundary of one. */
static void out_page(struct out *o, size_t p)
{
	o->page = o->pages[p];
	o->in_text = 0;
	o->face = -1;
	o->size = 0;
	o->space = 0;
	o->fill = 0;	/* black: the PDF default */
	const struct draw_list *l = &o->d->pages[p];
	for (size_t m = o->tags.page_mc[p]; m < o->tags.page_mc[p + 1]; m++) {
		const struct tags_mc *mc = &o->tags.mc[m];
		out_bdc(o, mc);
		out_raw_flush(o);	/* before libharu writes a path */
		for (uint32_t i = mc->op0; i < mc->op1; i++)
			out_op(o, &l->ops[i]);
		out_end_text(o);
		buf_adds(&o->raw, "EMC\n");
		out_raw_flush(o);
	}
	out_end_text(o);
	out_raw_flush(o);
}

static HPDF_Destination out_dest(struct out *o, int i)
{
	const struct draw_dest *t = &o->d->dests[i];
	if (o->dests[i] || t->page < 0 || (size_t)t->page >= o->d->npages)
		return o->dests[i];
	HPDF_Destination dst = HPDF_Page_CreateDestination(o->pages[t->page]);
	if (dst == NULL)
		return NULL;
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, o->pages[t->page]);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
	HPDF_Array_AddReal(dst, (HPDF_REAL)(o->d->page_h - t->y));
	HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
	return o->dests[i] = dst;
}

/* Annotations in the order libharu and acroform.c append them to a
 * page's /Annots, for the structure tree (finish.cc). */
static void out_annot(struct out *o, int page, int op, int field, int elem)
{
	o->annots = xrealloc(o->annots, (o->nannots + 1) * sizeof *o->annots);
	o->annots[o->nannots++] = (struct finish_annot){page, o->page_annots[page]++, op, field,
							elem};
}

static void out_links(struct out *o, size_t p)
{
	const struct draw_list *l = &o->d->pages[p];
	double h = o->d->page_h;
	for (size_t i = 0; i < l->n; i++) {
		const struct draw_op *op = &l->ops[i];
		if (op->kind != DRAW_LINK)
			continue;
		HPDF_Rect r = {(HPDF_REAL)op->x, (HPDF_REAL)(h - op->y - op->h),
			       (HPDF_REAL)(op->x + op->w), (HPDF_REAL)(h - op->y)};
		HPDF_Annotation a = NULL;
		if (op->ref >= 0 && (size_t)op->ref < o->d->ndests) {
			HPDF_Destination dst = out_dest(o, op->ref);
			if (dst)
				a = HPDF_Page_CreateLinkAnnot(o->pages[p], r, dst);
		} else if (op->s) {
			a = HPDF_Page_CreateURILinkAnnot(o->pages[p], r, op->s);
		}
		if (a) {
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			out_annot(o, (int)p, (int)i, -1, op->tag);
		}
	}
}

/* The widths of the form's font, by code (= code point): runs of
 * consecutive characters, [c [w …] c' [w …]]. */
static HPDF_Array out_field_widths(struct out *o, const struct font_subset *s)
{
	HPDF_Array w = HPDF_Array_New(o->pdf->mmgr), run = NULL;
	for (size_t i = 0; w && i < s->n; i++) {
		if (s->cp[i] > 0xFFFF)
			break;
		if (run == NULL || s->cp[i] != s->cp[i - 1] + 1) {
			HPDF_Array_AddNumber(w, s->cp[i]);
			run = HPDF_Array_New(o->pdf->mmgr);
			HPDF_Array_Add(w, run);
		}
		HPDF_Array_AddNumber(run, s->width[s->gid[i]]);
	}
	return w;
}

/* CID (= code point) to the subset's glyph. */
static HPDF_Dict out_field_gids(struct out *o, const struct font_subset *s)
{
	HPDF_Dict map = HPDF_DictStream_New(o->pdf->mmgr, o->pdf->xref);
	if (map == NULL)
		return NULL;
	map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	unsigned char *b = xcalloc(2, 65536);
	for (size_t i = 0; i < s->n && s->cp[i] <= 0xFFFF; i++) {
		b[2 * s->cp[i]] = (unsigned char)(s->gid[i] >> 8);
		b[2 * s->cp[i] + 1] = (unsigned char)s->gid[i];
	}
	HPDF_Stream_Write(map->stream, b, 2 * 65536);
	free(b);
	return map;
}

/* The font of the form's text fields: IPAex Gothic with the characters
 * of JIS X 0208 level 1 (kana, the common kanji, Latin, digits), so a
 * name or a date typed in any reader can be drawn with the file's own
 * glyphs. Its codes are the code points (Identity-H, a CIDToGIDMap):
 * poppler and MuPDF write a field's typed text that way when they make
 * its appearance (NeedAppearances). A font in /DR that is not embedded
 * (Adobe-Japan1) is drawn as empty boxes by poppler; all of IPAex
 * Gothic would be 4 MB. Level 1 is about 600 KB; characters beyond it
 * (rare kanji of names) fall to the reader's own fallback. */
static HPDF_Dict out_field_font(struct out *o, const struct font *f)
{
	struct font_use *use = xcalloc(1, sizeof *use);
	jis_level1(use);
	int rc = font_subset(f, use, &o->field_sub);
	free(use);
	if (rc < 0)
		return NULL;
	const struct font_subset *s = &o->field_sub;
	char name[96];
	snprintf(name, sizeof name, "JISLVA+%s", font_psname(f));
	HPDF_Array w = out_field_widths(o, s);
	HPDF_Dict gids = out_field_gids(o, s);
	uint32_t *uni = xcalloc(65536, sizeof *uni);
	for (size_t i = 0; i < s->n && s->cp[i] <= 0xFFFF; i++)
		uni[s->cp[i]] = s->cp[i];
	HPDF_Dict cmap = out_cmap(o, uni, 65536);
	free(uni);
	HPDF_Dict cid = NULL, t0 = gids ? out_type0(o, f, s, name, w, cmap, &cid) : NULL;
	if (t0)
		HPDF_Dict_Add(cid, "CIDToGIDMap", gids);
	return t0;
}

/* Form fields, through the second libharu adapter (acroform.c). */
static void out_fields(struct out *o)
{
	const struct draw_doc *d = o->d;
	if (d->nfields == 0)
		return;
	int text = 0;	/* a field to type into: it needs the font */
	for (size_t i = 0; i < d->nfields; i++)
		text |= d->fields[i].value == NULL;
	HPDF_Dict font = text ? out_field_font(o, o->fonts[FACE_GOTHIC]) : NULL;
	struct acroform *f = acroform_new(o->pdf, font);
	for (size_t i = 0; i < d->nfields; i++) {
		const struct draw_field *df = &d->fields[i];
		if (df->page < 0 || (size_t)df->page >= d->npages)
			continue;
		HPDF_Rect r = {(HPDF_REAL)df->x, (HPDF_REAL)(d->page_h - df->y - df->h),
			       (HPDF_REAL)(df->x + df->w), (HPDF_REAL)(d->page_h - df->y)};
		if (df->value)
			acroform_radio(f, o->pages[df->page], r, df->name, df->value, df->tip);
		else
			acroform_text(f, o->pages[df->page], r, df->name, df->tip);
		out_annot(o, df->page, -1, (int)i, df->tag);
	}
	acroform_finish(f);
}

static void out_outline(struct out *o)
{
	HPDF_Outline parents[8] = {0};
	HPDF_Encoder enc = HPDF_GetEncoder(o->pdf, "UTF-8");
	for (size_t i = 0; i < o->d->noutline; i++) {
		const struct draw_outline *e = &o->d->outline[i];
		int lv = e->level < 0 ? 0 : e->level > 7 ? 7 : e->level;
		while (lv > 0 && parents[lv - 1] == NULL)
			lv--;
		HPDF_Outline ol = HPDF_CreateOutline(o->pdf, lv ? parents[lv - 1] : NULL,
						     e->title, enc);
		if (ol == NULL)
			continue;
		HPDF_Destination dst = out_dest(o, e->dest);
		if (dst)
			HPDF_Outline_SetDestination(ol, dst);
		HPDF_Outline_SetOpened(ol, lv == 0 ? HPDF_TRUE : HPDF_FALSE);
		parents[lv] = ol;
		for (int k = lv + 1; k < 8; k++)
			parents[k] = NULL;
	}
}

static void out_labels(struct out *o)
{
	for (size_t i = 0; i < o->d->nlabels; i++) {
		const struct draw_label *l = &o->d->labels[i];
		if (l->style == DRAW_NUM_NONE)
			continue;
		HPDF_AddPageLabel(o->pdf, (HPDF_UINT)l->page,
				  l->style == DRAW_NUM_ROMAN ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN
							     : HPDF_PAGE_NUM_STYLE_DECIMAL,
				  (HPDF_UINT)l->start, "");
	}
}

static void out_info(struct out *o)
{
	const struct draw_doc *d = o->d;
	if (d->title)
		HPDF_SetInfoAttr(o->pdf, HPDF_INFO_TITLE, d->title);
	if (d->author && d->author[0])
		HPDF_SetInfoAttr(o->pdf, HPDF_INFO_AUTHOR, d->author);
	if (d->subject && d->subject[0])
		HPDF_SetInfoAttr(o->pdf, HPDF_INFO_SUBJECT, d->subject);
	if (d->creator)
		HPDF_SetInfoAttr(o->pdf, HPDF_INFO_CREATOR, d->creator);
	struct tm tm;
	time_t t = d->date;
	gmtime_r(&t, &tm);
	HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			  tm.tm_min, tm.tm_sec, 'Z', 0, 0};
	HPDF_SetInfoDateAttr(o->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(o->pdf, HPDF_INFO_MOD_DATE, date);
	/* the bookmarks open beside a textbook (/Lang: finish.cc) */
	if (d->noutline > 2)
		HPDF_SetPageMode(o->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static int out_build(struct out *o, struct font *const *fonts, const char *path, char *why,
		     size_t whylen)
{
	const struct draw_doc *d = o->d;
	o->fonts = fonts;
	HPDF_SetCompressionMode(o->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(o->pdf);
	HPDF_SetCurrentEncoder(o->pdf, "UTF-8");
	if (out_fonts(o, fonts, why, whylen) < 0)
		return -1;
	for (size_t i = 0; i < d->nimages; i++)
		if ((o->images[i] = out_image(o, &d->images[i])) == NULL) {
			snprintf(why, whylen, "image %zu: %s (libharu error 0x%04X)", i + 1,
				 out_strerror(o->err), (unsigned)o->err);
			return -1;
		}
	for (size_t p = 0; p < d->npages; p++) {
		o->pages[p] = HPDF_AddPage(o->pdf);
		HPDF_Page_SetWidth(o->pages[p], (HPDF_REAL)d->page_w);
		HPDF_Page_SetHeight(o->pages[p], (HPDF_REAL)d->page_h);
	}
	for (size_t p = 0; p < d->npages; p++)
		out_page(o, p);
	for (size_t p = 0; p < d->npages; p++)
		out_links(o, p);
	out_fields(o);
	out_outline(o);
	out_labels(o);
	out_info(o);
	if (o->err == 0 && HPDF_SaveToStream(o->pdf) == HPDF_OK && o->err == 0) {
		HPDF_UINT32 len = HPDF_GetStreamSize(o->pdf);
		unsigned char *bytes = xmalloc(len ? len : 1);
		HPDF_UINT32 got = len;
		int rc = -1;
		HPDF_ReadFromStream(o->pdf, bytes, &got);	/* HPDF_STREAM_EOF when all is read */
		if (got != len)
			snprintf(why, whylen, "cannot read back what libharu wrote");
		else {
			struct finish fin = {d, &o->tags, o->annots, o->nannots};
			rc = finish_write(bytes, got, &fin, path, why, whylen);
		}
		free(bytes);
		return rc;
	}
	snprintf(why, whylen, "%s (libharu error 0x%04X, detail %u)", out_strerror(o->err),
		 (unsigned)o->err, (unsigned)o->detail);
	return -1;
}

int out_write(const struct draw_doc *d, struct font *const *fonts, const char *path,
	      char *why, size_t whylen)
{
	struct out o = {.d = d};
	o.pdf = HPDF_New(out_error, &o);
	if (o.pdf == NULL) {
		snprintf(why, whylen, "libharu cannot start");
		return -1;
	}
	o.pages = xcalloc(d->npages + 1, sizeof *o.pages);
	o.images = xcalloc(d->nimages + 1, sizeof *o.images);
	o.dests = xcalloc(d->ndests + 1, sizeof *o.dests);
	o.page_annots = xcalloc(d->npages + 1, sizeof *o.page_annots);
	tags_build(d, &o.tags);
	int rc = out_build(&o, fonts, path, why, whylen);
	tags_free(&o.tags);
	free(o.annots);
	free(o.page_annots);
	HPDF_Free(o.pdf);
	font_subset_free(&o.field_sub);
	for (int f = 0; f < FACE__ALL; f++) {
		font_subset_free(&o.sub[f]);
		free(o.wide[f]);
	}
	free(o.pages);
	free(o.images);
	free(o.dests);
	buf_free(&o.raw);
	return rc;
}
