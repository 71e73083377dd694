/* acroform: every button has appearance streams (a ring, and a ring
 * with a dot when chosen), shared by all buttons of one size and
 * compressed, so readers draw the form the same way without generating
 * appearances; text fields ask the reader to (NeedAppearances), as what
 * is typed is not known yet. Radio groups set NoToggleToOff: once
 * answered, an item stays answered. Every widget has its accessible
 * name (/TU): a radio button says its item and its answer. */
#include "acroform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"
#include "../base/xalloc.h"

#define ACROFORM_RADIO 0xC000	/* Ff: Radio (bit 16) | NoToggleToOff (bit 15) */
#define ACROFORM_PRINT 4	/* F: print the widget */

struct acroform_group {
	char *name;
	HPDF_Dict field;
	HPDF_Array kids;
};

struct acroform {
	HPDF_Doc pdf;
	HPDF_Array fields;
	struct acroform_group *groups;
	size_t ngroups;
	HPDF_Dict font;		/* the text fields' font, or NULL */
	const char *da;		/* their default appearance */
	double look_size;	/* of the shared looks, or 0 */
	HPDF_Dict look_on, look_off;
};

struct acroform *acroform_new(HPDF_Doc pdf, HPDF_Dict font)
{
	struct acroform *f = xcalloc(1, sizeof *f);
	f->pdf = pdf;
	f->font = font;
	f->da = font ? "/JaGo 10 Tf 0 g" : "/Helv 10 Tf 0 g";
	f->fields = HPDF_Array_New(pdf->mmgr);
	return f;
}

/* An indirect dictionary: fields and widgets are referred to by pages,
 * parents and kids. */
static HPDF_Dict acroform_dict(struct acroform *f)
{
	HPDF_Dict d = HPDF_Dict_New(f->pdf->mmgr);
	HPDF_Xref_Add(f->pdf->xref, d);
	return d;
}

/* A text string as UTF-16BE with a byte order mark: the form of PDF
 * text strings every reader shows in Japanese. */
static void acroform_string(struct acroform *f, HPDF_Dict d, const char *key, const char *s)
{
	size_t len = strlen(s), n = 2;
	HPDF_BYTE *b = xmalloc(len * 4 + 2);
	b[0] = 0xFE, b[1] = 0xFF;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = 0xFFFD;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
			b[n++] = (HPDF_BYTE)(hi >> 8), b[n++] = (HPDF_BYTE)hi;
			b[n++] = (HPDF_BYTE)(lo >> 8), b[n++] = (HPDF_BYTE)lo;
		} else {
			b[n++] = (HPDF_BYTE)(cp >> 8), b[n++] = (HPDF_BYTE)cp;
		}
		i += k;
	}
	HPDF_Dict_Add(d, key, HPDF_Binary_New(f->pdf->mmgr, b, (HPDF_UINT)n));
	free(b);
}

static void acroform_rect(struct acroform *f, HPDF_Dict d, HPDF_Rect r)
{
	HPDF_Array a = HPDF_Array_New(f->pdf->mmgr);
	HPDF_Array_AddReal(a, r.left);
	HPDF_Array_AddReal(a, r.bottom);
	HPDF_Array_AddReal(a, r.right);
	HPDF_Array_AddReal(a, r.top);
	HPDF_Dict_Add(d, "Rect", a);
}

/* The page's /Annots, made on first use (libharu does the same). */
static void acroform_annot(HPDF_Page page, HPDF_Dict widget)
{
	HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (annots == NULL) {
		annots = HPDF_Array_New(page->mmgr);
		HPDF_Dict_Add(page, "Annots", annots);
	}
	HPDF_Array_Add(annots, widget);
}

static HPDF_Dict acroform_widget(struct acroform *f, HPDF_Page page, HPDF_Rect r)
{
	HPDF_Dict w = acroform_dict(f);
	HPDF_Dict_AddName(w, "Type", "Annot");
	HPDF_Dict_AddName(w, "Subtype", "Widget");
	HPDF_Dict_AddNumber(w, "F", ACROFORM_PRINT);
	HPDF_Dict_Add(w, "P", page);
	acroform_rect(f, w, r);
	acroform_annot(page, w);
	return w;
}

void acroform_text(struct acroform *f, HPDF_Page page, HPDF_Rect r, const char *name,
		   const char *tip)
{
	HPDF_Dict w = acroform_widget(f, page, r);	/* field and widget in one */
	HPDF_Dict_AddName(w, "FT", "Tx");
	HPDF_Dict_Add(w, "T", HPDF_String_New(f->pdf->mmgr, name, NULL));
	if (tip)
		acroform_string(f, w, "TU", tip);
	HPDF_Dict_Add(w, "DA", HPDF_String_New(f->pdf->mmgr, f->da, NULL));
	HPDF_Array_Add(f->fields, w);
}

/* A circle of radius r around (c, c), as four Bézier arcs. */
static void acroform_circle(HPDF_Stream s, double c, double r, int fill)
{
	char buf[400];
	double k = r * 0.5523;	/* control point distance for a quarter circle */
	snprintf(buf, sizeof buf,
		 "%.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c "
		 "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c %s\n",
		 c + r, c, c + r, c + k, c + k, c + r, c, c + r, c - k, c + r, c - r, c + k,
		 c - r, c, c - r, c - k, c - k, c - r, c, c - r, c + k, c - r, c + r, c - k,
		 c + r, c, fill ? "f" : "S");
	HPDF_Stream_WriteStr(s, buf);
}

/* The look of a button: a ring, with a dot when on. */
static HPDF_Dict acroform_look(struct acroform *f, double size, int on)
{
	HPDF_Dict x = HPDF_DictStream_New(f->pdf->mmgr, f->pdf->xref);
	x->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddName(x, "Type", "XObject");
	HPDF_Dict_AddName(x, "Subtype", "Form");
	HPDF_Dict_Add(x, "BBox", HPDF_Box_Array_New(f->pdf->mmgr,
		(HPDF_Box){0, 0, (HPDF_REAL)size, (HPDF_REAL)size}));
	double c = size / 2;
	HPDF_Stream_WriteStr(x->stream, "q 0.25 0.25 0.25 RG 0.8 w\n");
	acroform_circle(x->stream, c, c - 0.8, 0);
	if (on) {
		HPDF_Stream_WriteStr(x->stream, "0 0 0 rg\n");
		acroform_circle(x->stream, c, c * 0.5, 1);
	}
	HPDF_Stream_WriteStr(x->stream, "Q\n");
	return x;
}

/* The looks of a button of this size, made once. */
static void acroform_looks(struct acroform *f, double size, HPDF_Dict *on, HPDF_Dict *off)
{
	if (f->look_size != size) {
		f->look_size = size;
		f->look_on = acroform_look(f, size, 1);
		f->look_off = acroform_look(f, size, 0);
	}
	*on = f->look_on;
	*off = f->look_off;
}

static struct acroform_group *acroform_group(struct acroform *f, const char *name,
					     const char *tip)
{
	for (size_t i = 0; i < f->ngroups; i++)
		if (strcmp(f->groups[i].name, name) == 0)
			return &f->groups[i];
	f->groups = xrealloc(f->groups, (f->ngroups + 1) * sizeof *f->groups);
	struct acroform_group *g = &f->groups[f->ngroups++];
	g->name = xstrdup(name);
	g->field = acroform_dict(f);
	g->kids = HPDF_Array_New(f->pdf->mmgr);
	HPDF_Dict_AddName(g->field, "FT", "Btn");
	HPDF_Dict_AddNumber(g->field, "Ff", ACROFORM_RADIO);
	HPDF_Dict_Add(g->field, "T", HPDF_String_New(f->pdf->mmgr, name, NULL));
	if (tip) {	/* the group: the item, without the first button's answer */
		const char *cut = strstr(tip, "：");
		char *item = cut ? xstrndup(tip, (size_t)(cut - tip)) : xstrdup(tip);
		acroform_string(f, g->field, "TU", item);
		free(item);
	}
	HPDF_Dict_AddName(g->field, "V", "Off");
	HPDF_Dict_Add(g->field, "Kids", g->kids);
	HPDF_Array_Add(f->fields, g->field);
	return g;
}

void acroform_radio(struct acroform *f, HPDF_Page page, HPDF_Rect r, const char *name,
		    const char *value, const char *tip)
{
	struct acroform_group *g = acroform_group(f, name, tip);
	HPDF_Dict w = acroform_widget(f, page, r);
	HPDF_Dict_Add(w, "Parent", g->field);
	HPDF_Dict_AddName(w, "AS", "Off");
	if (tip)
		acroform_string(f, w, "TU", tip);
	HPDF_Dict on, off;
	acroform_looks(f, r.right - r.left, &on, &off);
	HPDF_Dict normal = HPDF_Dict_New(f->pdf->mmgr);
	HPDF_Dict_Add(normal, value, on);
	HPDF_Dict_Add(normal, "Off", off);
	HPDF_Dict ap = HPDF_Dict_New(f->pdf->mmgr);
	HPDF_Dict_Add(ap, "N", normal);
	HPDF_Dict_Add(w, "AP", ap);
	HPDF_Dict mk = HPDF_Dict_New(f->pdf->mmgr);
	HPDF_Dict_Add(mk, "CA", HPDF_String_New(f->pdf->mmgr, "l", NULL));	/* ZapfDingbats dot */
	HPDF_Dict_Add(w, "MK", mk);
	HPDF_Array_Add(g->kids, w);
}

static HPDF_Dict acroform_font(struct acroform *f, const char *base)
{
	HPDF_Dict font = HPDF_Dict_New(f->pdf->mmgr);
	HPDF_Dict_AddName(font, "Type", "Font");
	HPDF_Dict_AddName(font, "Subtype", "Type1");
	HPDF_Dict_AddName(font, "BaseFont", base);
	return font;
}

void acroform_finish(struct acroform *f)
{
	if (f->ngroups || HPDF_Array_Items(f->fields)) {
		HPDF_Dict form = acroform_dict(f);
		HPDF_Dict_Add(form, "Fields", f->fields);
		/* what is typed has no appearance yet: readers make it with
		 * the /DA font (the buttons keep theirs) */
		HPDF_Dict_AddBoolean(form, "NeedAppearances", HPDF_TRUE);
		HPDF_Dict_Add(form, "DA", HPDF_String_New(f->pdf->mmgr, f->da, NULL));
		HPDF_Dict fonts = HPDF_Dict_New(f->pdf->mmgr), dr = HPDF_Dict_New(f->pdf->mmgr);
		HPDF_Dict_Add(fonts, "Helv", acroform_font(f, "Helvetica"));
		if (f->font)
			HPDF_Dict_Add(fonts, "JaGo", f->font);
		HPDF_Dict_Add(fonts, "ZaDb", acroform_font(f, "ZapfDingbats"));
		HPDF_Dict_Add(dr, "Font", fonts);
		HPDF_Dict_Add(form, "DR", dr);
		HPDF_Dict_Add(f->pdf->catalog, "AcroForm", form);
	}
	for (size_t i = 0; i < f->ngroups; i++)
		free(f->groups[i].name);
	free(f->groups);
	free(f);
}
