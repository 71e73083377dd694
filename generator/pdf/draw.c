/* draw: the display list. A POLY's points are relative to its (x, y),
 * so moving an operation (draw_append) never touches the points. */
#include "draw.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/xalloc.h"
#include "tags.h"

void draw_push(struct draw_list *l, const struct draw_op *op)
{
	if (l->n == l->cap)
		l->ops = xrealloc(l->ops, (l->cap = l->cap ? l->cap * 2 : 64) * sizeof *l->ops);
	l->ops[l->n++] = *op;
}

void draw_text(struct draw_doc *d, struct draw_list *l, double x, double y, int face,
	       double size, uint32_t color, double space, const char *s, size_t len)
{
	struct draw_op op = {.kind = DRAW_TEXT, .face = (uint8_t)face, .size = (float)size,
			     .space = (float)space, .x = x, .y = y, .fill = color,
			     .stroke = DRAW_NONE, .ref = -1, .len = (uint32_t)len};
	op.s = arena_strndup(&d->arena, s, len);
	draw_push(l, &op);
}

void draw_rect(struct draw_list *l, double x, double y, double w, double h,
	       uint32_t fill, uint32_t stroke, double width)
{
	struct draw_op op = {.kind = DRAW_RECT, .size = (float)width, .x = x, .y = y,
			     .w = w, .h = h, .fill = fill, .stroke = stroke, .ref = -1};
	draw_push(l, &op);
}

void draw_line(struct draw_list *l, double x1, double y1, double x2, double y2,
	       uint32_t stroke, double width, int dash)
{
	struct draw_op op = {.kind = DRAW_LINE, .dash = (uint8_t)dash, .size = (float)width,
			     .x = x1, .y = y1, .w = x2 - x1, .h = y2 - y1,
			     .fill = DRAW_NONE, .stroke = stroke, .ref = -1};
	draw_push(l, &op);
}

void draw_circle(struct draw_list *l, double x, double y, double r, uint32_t fill,
		 uint32_t stroke, double width)
{
	struct draw_op op = {.kind = DRAW_CIRCLE, .size = (float)width, .x = x, .y = y,
			     .w = r, .fill = fill, .stroke = stroke, .ref = -1};
	draw_push(l, &op);
}

void draw_break(struct draw_list *l, double x, double y, const char *why, double added,
		double taken, int flags)
{
	struct draw_op op = {.kind = DRAW_BREAK, .x = x, .y = y, .w = added, .h = taken,
			     .fill = DRAW_NONE, .stroke = DRAW_NONE, .ref = flags, .s = why,
			     .len = (uint32_t)strlen(why)};
	draw_push(l, &op);
}

void draw_poly(struct draw_doc *d, struct draw_list *l, const double *xy, size_t n,
	       int closed, uint32_t fill, uint32_t stroke, double width)
{
	if (d->npts + n > d->cappts) {
		while (d->npts + n > d->cappts)
			d->cappts = d->cappts ? d->cappts * 2 : 256;
		d->pts = xrealloc(d->pts, d->cappts * 2 * sizeof *d->pts);
	}
	memcpy(d->pts + 2 * d->npts, xy, 2 * n * sizeof *xy);
	struct draw_op op = {.kind = DRAW_POLY, .closed = (uint8_t)closed, .size = (float)width,
			     .fill = fill, .stroke = stroke, .ref = (int)d->npts,
			     .n = (uint32_t)n};
	d->npts += n;
	draw_push(l, &op);
}

void draw_append(struct draw_list *dst, const struct draw_list *src, size_t from,
		 size_t to, double dx, double dy)
{
	for (size_t i = from; i < to; i++) {
		struct draw_op op = src->ops[i];
		op.x += dx;
		op.y += dy;
		draw_push(dst, &op);
	}
}

int draw_add_dest(struct draw_doc *d)
{
	d->dests = xrealloc(d->dests, (d->ndests + 1) * sizeof *d->dests);
	d->dests[d->ndests] = (struct draw_dest){-1, 0};
	return (int)d->ndests++;
}

int draw_add_image(struct draw_doc *d, const struct draw_image *img)
{
	d->images = xrealloc(d->images, (d->nimages + 1) * sizeof *d->images);
	d->images[d->nimages] = *img;
	return (int)d->nimages++;
}

struct draw_list *draw_add_page(struct draw_doc *d)
{
	d->pages = xrealloc(d->pages, (d->npages + 1) * sizeof *d->pages);
	memset(&d->pages[d->npages], 0, sizeof *d->pages);
	return &d->pages[d->npages++];
}

void draw_field(struct draw_doc *d, int page, double x, double y, double w, double h,
		const char *name, const char *value, const char *tip, int tag)
{
	d->fields = xrealloc(d->fields, (d->nfields + 1) * sizeof *d->fields);
	d->fields[d->nfields++] = (struct draw_field){page, x, y, w, h,
		arena_strdup(&d->arena, name), value ? arena_strdup(&d->arena, value) : NULL,
		tip ? arena_strdup(&d->arena, tip) : NULL, tag};
}

int draw_elem(struct draw_doc *d, int parent, int role)
{
	if (d->nelems == 0) {
		static const uint8_t art[] = {ROLE_ARTIFACT, ROLE_HEADER, ROLE_FOOTER};
		d->elems = xcalloc(8, sizeof *d->elems);
		for (size_t i = 0; i < sizeof art; i++)
			d->elems[d->nelems++] = (struct draw_elem){.parent = -1, .role = art[i]};
	} else if ((d->nelems & (d->nelems - 1)) == 0 && d->nelems >= 8) {
		d->elems = xrealloc(d->elems, d->nelems * 2 * sizeof *d->elems);
	}
	d->elems[d->nelems] = (struct draw_elem){.parent = parent, .role = (uint8_t)role};
	return (int)d->nelems++;
}

void draw_elem_set(struct draw_doc *d, int elem, const char *alt, const char *actual,
		   const char *lang)
{
	struct draw_elem *e = &d->elems[elem];
	if (alt)
		e->alt = arena_strdup(&d->arena, alt);
	if (actual)
		e->actual = arena_strdup(&d->arena, actual);
	if (lang)
		e->lang = arena_strdup(&d->arena, lang);
}

void draw_tag(struct draw_list *l, size_t from, int elem)
{
	for (size_t i = from; i < l->n; i++)
		l->ops[i].tag = elem;
}

void draw_free_list(struct draw_list *l)
{
	free(l->ops);
	memset(l, 0, sizeof *l);
}

void draw_free(struct draw_doc *d)
{
	for (size_t i = 0; i < d->npages; i++)
		draw_free_list(&d->pages[i]);
	free(d->pages);
	free(d->pts);
	free(d->dests);
	free(d->outline);
	free(d->labels);
	free(d->fields);
	free(d->elems);
	for (size_t i = 0; i < d->nimages; i++) {
		free(d->images[i].data);
		free(d->images[i].alpha);
	}
	free(d->images);
	arena_free(&d->arena);
	memset(d, 0, sizeof *d);
}

/* Numbers as %.2f without "-0.00". */
static void draw_num(struct buf *b, double v)
{
	if (v > -0.005 && v < 0.005)
		v = 0;
	buf_addf(b, " %.2f", v);
}

static void draw_color(struct buf *b, uint32_t c)
{
	if (c == DRAW_NONE)
		buf_adds(b, " none");
	else
		buf_addf(b, " #%06x", (unsigned)c);
}

static void draw_dump_op(const struct draw_doc *d, const struct draw_op *op, struct buf *b)
{
	static const char *names[] = {"text", "rect", "line", "poly", "image", "link", "circle",
				      "break"};
	static const char faces[] = "mgc";
	buf_addf(b, "  %s", names[op->kind]);
	draw_num(b, op->x);
	draw_num(b, op->y);
	switch ((enum draw_kind)op->kind) {
	case DRAW_TEXT:
		/* m g c, then the fallback fonts 1 2 … */
		buf_addf(b, " %c", op->face < 3 ? faces[op->face] : '1' + (op->face - 3));
		draw_num(b, op->size);
		if (op->space != 0)
			draw_num(b, op->space);
		if (op->after != 0)	/* to the next run, in the last glyph's advance */
			buf_addf(b, " +%.2f", op->after);
		if (op->fill != 0)
			draw_color(b, op->fill);
		buf_addf(b, " \"%.*s\"", (int)op->len, op->s);
		break;
	case DRAW_RECT:
	case DRAW_LINE:
	case DRAW_IMAGE:
	case DRAW_LINK:
		draw_num(b, op->w);
		draw_num(b, op->h);
		if (op->kind == DRAW_IMAGE)
			buf_addf(b, " image=%d", op->ref);
		else if (op->kind == DRAW_LINK && op->ref >= 0)
			buf_addf(b, " dest=%d", op->ref);
		else if (op->kind == DRAW_LINK)
			buf_addf(b, " uri=%.*s", (int)op->len, op->s);
		else {
			draw_color(b, op->fill);
			draw_color(b, op->stroke);
			draw_num(b, op->size);
			if (op->dash == DRAW_DOTS)
				buf_adds(b, " dots");
		}
		break;
	case DRAW_CIRCLE:
		draw_num(b, op->w);
		draw_color(b, op->fill);
		draw_color(b, op->stroke);
		break;
	case DRAW_POLY:
		buf_addf(b, " n=%u%s", (unsigned)op->n, op->closed ? " closed" : "");
		for (uint32_t i = 0; i < op->n; i++) {
			draw_num(b, d->pts[2 * ((size_t)op->ref + i)]);
			draw_num(b, d->pts[2 * ((size_t)op->ref + i) + 1]);
		}
		draw_color(b, op->fill);
		draw_color(b, op->stroke);
		break;
	case DRAW_BREAK:
		buf_addf(b, " %.*s", (int)op->len, op->s);
		if (op->w >= 0.005)
			buf_addf(b, " +%.2f", op->w);
		if (op->h >= 0.005)
			buf_addf(b, " -%.2f", op->h);
		if (op->ref & DRAW_BREAK_SHORT)
			buf_adds(b, " short");
		if (op->ref & DRAW_BREAK_CELL)
			buf_adds(b, " cell");
		if (op->ref & DRAW_BREAK_CODE)
			buf_adds(b, " code");
		break;
	case DRAW__COUNT:
		break;
	}
	buf_addc(b, '\n');
}

void draw_dump(const struct draw_doc *d, struct buf *b)
{
	static const char *styles[] = {"none", "roman", "arabic"};
	buf_addf(b, "document %.2f x %.2f, %zu pages\n", d->page_w, d->page_h, d->npages);
	for (size_t i = 0; i < d->nlabels; i++)
		buf_addf(b, "label page=%d %s from %d\n", d->labels[i].page,
			 styles[d->labels[i].style], d->labels[i].start);
	for (size_t i = 0; i < d->noutline; i++) {
		const struct draw_dest *t = &d->dests[d->outline[i].dest];
		buf_addf(b, "outline %d \"%s\" page=%d", d->outline[i].level,
			 d->outline[i].title, t->page);
		draw_num(b, t->y);
		buf_addc(b, '\n');
	}
	for (size_t i = 0; i < d->nimages; i++)
		buf_addf(b, "image %zu %dx%d %s\n", i, d->images[i].width, d->images[i].height,
			 d->images[i].kind == 'j' ? "jpeg" : d->images[i].gray ? "gray" : "rgb");
	for (size_t p = 0; p < d->npages; p++) {
		buf_addf(b, "page %zu\n", p + 1);
		for (size_t i = 0; i < d->pages[p].n; i++)
			draw_dump_op(d, &d->pages[p].ops[i], b);
	}
	struct tags t;
	tags_build(d, &t);
	tags_dump(d, &t, b);
	tags_free(&t);
}
