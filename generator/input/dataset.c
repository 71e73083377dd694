/* dataset: the checks live here, once, so charts and tables can trust
 * every cell: a number column holds numbers, every row has only known
 * columns, every set says where its figures come from. */
#include "dataset.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/date.h"
#include "../base/diag.h"
#include "../base/xalloc.h"
#include "../model/meta.h"

static const char *dataset_keys[] = {
	"title", "source", "unit", "note", "illustrative", "categories", "values",
	"category_label", "value_label", "columns", "rows", NULL};

int dataset_is(const struct meta *m)
{
	return m && m->type == META_MAP &&
	       (meta_get(m, "categories") || meta_get(m, "values") ||
		meta_get(m, "columns") || meta_get(m, "rows"));
}


/* A scalar that is text (any plain value, numbers included). */
static const char *dataset_text(const struct meta *m, const char *key)
{
	if (m == NULL)
		return NULL;
	const char *s = meta_str(m);
	if (s == NULL)
		meta_error(m, "'%s' must be text, not %s", key, meta_type_name(m->type));
	return s;
}

/* The decimals a figure needs as written: 0.25 two, 1.5e-3 four,
 * 1.5e3 none. */
static long dataset_decimals(const char *text)
{
	const char *dot = strchr(text, '.'), *e = strpbrk(text, "eE");
	long n = 0;
	while (dot && dot[1 + n] >= '0' && dot[1 + n] <= '9')
		n++;
	if (e) {
		long x = strtol(e + 1, NULL, 10);
		n -= x < -1000 ? -1000 : x > 1000 ? 1000 : x;
	}
	return n < 0 ? 0 : n;
}

/* Significant digits as written: 0.0120 has 3, 1e70 has 1, and
 * 1000 has 1 (its zeros print back exactly). */
static int dataset_digits(const char *s)
{
	size_t n = strcspn(s, "eE");
	int first = -1, last = -1, k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		if (s[i] != '0') {
			if (first < 0)
				first = k;
			last = k;
		} else if (first >= 0 && memchr(s, '.', n) && s + i > (char *)memchr(s, '.', n))
			last = k;	/* a zero after the point counts */
		k++;
	}
	return first < 0 ? 0 : last - first + 1;
}

/* A number cell; "1,234" gets a hint, since tebiki adds separators. */
static int dataset_number(const struct meta *v, const char *what, double *out)
{
	if ((v->type == META_INT || v->type == META_FLOAT) && dataset_digits(v->text) > 15) {
		/* a double holds 15: the rest would print as other digits */
		meta_error(v, "'%s' has more than 15 significant digits: tebiki would not print "
			   "it as written (%s)", v->text, what);
		return -1;
	}
	if (v->type == META_INT) {
		*out = (double)v->u.i;
		return 0;
	}
	if (v->type == META_FLOAT) {
		*out = v->u.f;
		return 0;
	}
	const char *s = meta_str(v);
	char *end = NULL;
	if (s && *s && (strtod(s, &end), end && *end == '\0'))
		meta_error(v, "'%s' is quoted, so it is text, not a number (%s): remove the quotes",
			    s, what);
	else if (s && strchr(s, ','))
		meta_error(v, "'%s' is not a number (write it without separators: tebiki adds them; %s)",
			    s, what);
	else
		meta_error(v, "'%s' is not a number (%s)", s ? s : meta_type_name(v->type), what);
	return -1;
}

/* Fills one cell of column c from v; returns -1 after an error. */
static int dataset_fill(struct dataset *d, size_t row, size_t c, const struct meta *v)
{
	struct dataset_cell *cell = &d->cells[row * d->ncols + c];
	struct dataset_col *col = &d->cols[c];
	cell->line = v->line;
	cell->col = v->col;
	if (v->type == META_NULL)
		return 0;	/* a blank cell */
	if (v->type == META_LIST || v->type == META_MAP) {
		meta_error(v, "a cell of '%s' must be a single value, not %s", col->id,
			    meta_type_name(v->type));
		return -1;
	}
	cell->text = v->text;
	if (col->type == DATASET_NUMBER) {
		char what[200];
		snprintf(what, sizeof what, "column '%s' holds numbers", col->id);
		if (dataset_number(v, what, &cell->num) < 0)
			return -1;
		long dec = dataset_decimals(v->text);
		if (dec > 6 && cell->num != 0) {
			/* numfmt prints 6: 1e-7 would be 0.000000 */
			meta_error(v, "'%s' needs more than 6 decimals: tebiki prints at most 6, "
				   "so it would print as 0 or rounded (%s)", v->text, what);
			return -1;
		}
		if (dec > col->decimals)
			col->decimals = (int)(dec > 6 ? 6 : dec);
	} else if (col->type == DATASET_DATE && !date_valid(v->text)) {
		meta_error(v, "'%s' is not a date YYYY-MM-DD (column '%s' holds dates)",
			    v->text, col->id);
		return -1;
	}
	return 0;
}

static int dataset_want_list(const struct meta *m, const char *key)
{
	if (m->type == META_LIST)
		return 1;
	meta_error(m, "'%s' must be a list, not %s", key, meta_type_name(m->type));
	return 0;
}

/* categories: [...] and values: [...] become two columns. */
static int dataset_pairs(struct dataset *d, const struct meta *m)
{
	const struct meta *cats = meta_get(m, "categories"), *vals = meta_get(m, "values");
	if (cats == NULL || vals == NULL) {
		const struct meta *at = cats ? cats : vals;
		meta_error(at, "'%s' needs '%s' beside it (one value per category)",
			    cats ? "categories" : "values", cats ? "values" : "categories");
		return -1;
	}
	if (!dataset_want_list(cats, "categories") || !dataset_want_list(vals, "values"))
		return -1;
	if (cats->u.c.n != vals->u.c.n) {
		diag_error(vals->file, vals->line, vals->col,
			   "'values' has %zu items but 'categories' has %zu: they must pair up",
			   vals->u.c.n, cats->u.c.n);
		return -1;
	}
	const char *cl = dataset_text(meta_get(m, "category_label"), "category_label");
	const char *vl = dataset_text(meta_get(m, "value_label"), "value_label");
	d->ncols = 2;
	d->cols = xcalloc(2, sizeof *d->cols);
	d->cols[0] = (struct dataset_col){"category", cl ? cl : "項目", NULL, DATASET_TEXT, 0,
					  cats->line, cats->col};
	d->cols[1] = (struct dataset_col){"value", vl ? vl : "値", d->unit, DATASET_NUMBER, 0,
					  vals->line, vals->col};
	d->nrows = cats->u.c.n;
	d->cells = xcalloc(d->nrows * 2 + 1, sizeof *d->cells);
	int bad = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		bad |= dataset_fill(d, i, 0, cats->u.c.items[i]);
		bad |= dataset_fill(d, i, 1, vals->u.c.items[i]);
	}
	return bad ? -1 : 0;
}

static int dataset_type_of(const struct meta *t, enum dataset_type *out)
{
	const char *s = meta_str(t);
	static const char *names[] = {"text", "number", "date"};
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum dataset_type)i;
			return 0;
		}
	meta_error(t, "unknown column type '%s' (known: text, number, date)",
		    s ? s : meta_type_name(t->type));
	return -1;
}

static int dataset_column(struct dataset *d, size_t i, const struct meta *m)
{
	struct dataset_col *c = &d->cols[i];
	c->line = m->line;
	c->col = m->col;
	if (m->type != META_MAP) {
		c->id = c->label = dataset_text(m, "columns");	/* a bare id */
		return c->id ? 0 : -1;
	}
	static const char *keys[] = {"id", "label", "type", "unit", NULL};
	int bad = 0;
	for (size_t k = 0; k < m->u.c.n; k++) {
		int known = 0;
		for (int j = 0; keys[j]; j++)
			known |= strcmp(m->u.c.keys[k], keys[j]) == 0;
		if (!known) {
			meta_error(m->u.c.items[k], "unknown key '%s' in a column (known: %s)",
				    m->u.c.keys[k], "id, label, type, unit");
			bad = 1;
		}
	}
	c->id = dataset_text(meta_get(m, "id"), "id");
	if (c->id == NULL) {
		meta_error(m, "a column needs an 'id'");
		return -1;
	}
	c->label = dataset_text(meta_get(m, "label"), "label");
	if (c->label == NULL)
		c->label = c->id;
	c->unit = dataset_text(meta_get(m, "unit"), "unit");
	const struct meta *t = meta_get(m, "type");
	if (t && dataset_type_of(t, &c->type) < 0)
		bad = 1;
	for (size_t j = 0; j < i; j++)
		if (d->cols[j].id && strcmp(d->cols[j].id, c->id) == 0) {
			meta_error(m, "column '%s' is declared twice", c->id);
			bad = 1;
		}
	return bad ? -1 : 0;
}

/* Every key of a row must be a declared column. */
static int dataset_row(struct dataset *d, size_t r, const struct meta *row)
{
	if (row->type != META_MAP) {
		meta_error(row, "each row must be a mapping of column ids to values, not %s",
			    meta_type_name(row->type));
		return -1;
	}
	int bad = 0;
	for (size_t k = 0; k < row->u.c.n; k++) {
		int c = dataset_col_index(d, row->u.c.keys[k]);
		if (c < 0) {
			struct buf known = {0};
			dataset_known_cols(d, &known);
			meta_error(row->u.c.items[k], "unknown column '%s' (known: %s)",
				    row->u.c.keys[k], known.p);
			buf_free(&known);
			bad = 1;
		} else if (dataset_fill(d, r, (size_t)c, row->u.c.items[k]) < 0) {
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static int dataset_records(struct dataset *d, const struct meta *m)
{
	const struct meta *cols = meta_get(m, "columns"), *rows = meta_get(m, "rows");
	if (cols == NULL || rows == NULL) {
		const struct meta *at = cols ? cols : rows;
		meta_error(at, "'%s' needs '%s' beside it", cols ? "columns" : "rows",
			    cols ? "rows" : "columns");
		return -1;
	}
	if (!dataset_want_list(cols, "columns") || !dataset_want_list(rows, "rows"))
		return -1;
	if (cols->u.c.n == 0) {
		meta_error(cols, "'columns' is empty: declare at least one column");
		return -1;
	}
	d->ncols = cols->u.c.n;
	d->cols = xcalloc(d->ncols, sizeof *d->cols);
	int bad = 0;
	for (size_t i = 0; i < d->ncols; i++)
		bad |= dataset_column(d, i, cols->u.c.items[i]);
	for (size_t i = 0; i < d->ncols; i++)
		if (d->cols[i].id == NULL)
			return -1;	/* rows cannot be checked against it */
	d->nrows = rows->u.c.n;
	d->cells = xcalloc(d->nrows * d->ncols + 1, sizeof *d->cells);
	for (size_t r = 0; r < d->nrows; r++)
		bad |= dataset_row(d, r, rows->u.c.items[r]);
	return bad ? -1 : 0;
}

static int dataset_top_keys(const struct meta *m)
{
	int bad = 0;
	for (size_t k = 0; k < m->u.c.n; k++) {
		int known = 0;
		for (int j = 0; dataset_keys[j]; j++)
			known |= strcmp(m->u.c.keys[k], dataset_keys[j]) == 0;
		if (!known) {
			meta_error(m->u.c.items[k], "unknown key '%s' in a data set (known: %s)",
				    m->u.c.keys[k],
				    "title, source, unit, note, illustrative, categories, values, "
				    "category_label, value_label, columns, rows");
			bad = 1;
		}
	}
	if (meta_get(m, "categories") && meta_get(m, "columns")) {
		meta_error(meta_get(m, "columns"),
			    "a data set has either categories/values or columns/rows, not both");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int dataset_head(struct dataset *d, const struct meta *m)
{
	int bad = dataset_top_keys(m);
	d->title = dataset_text(meta_get(m, "title"), "title");
	d->source = dataset_text(meta_get(m, "source"), "source");
	d->unit = dataset_text(meta_get(m, "unit"), "unit");
	d->note = dataset_text(meta_get(m, "note"), "note");
	const struct meta *ill = meta_get(m, "illustrative");
	if (ill && ill->type != META_BOOL) {
		meta_error(ill, "'illustrative' must be true or false, not %s",
			    meta_type_name(ill->type));
		bad = 1;
	}
	d->illustrative = ill && ill->type == META_BOOL && ill->u.b;
	if (d->source == NULL || !d->source[0]) {
		diag_error(m->file, m->line, m->col,
			   "data set '%s' has no 'source': say where the figures come from", d->name);
		bad = 1;
	}
	if (d->title == NULL)
		d->title = d->name;
	return bad ? -1 : 0;
}

static void dataset_release(struct dataset *d)
{
	free(d->cols);
	free(d->cells);
	memset(d, 0, sizeof *d);
}

void dataset_load_all(const struct meta *data, struct datasets *out)
{
	memset(out, 0, sizeof *out);
	if (data == NULL || data->type != META_MAP)
		return;
	out->v = xcalloc(data->u.c.n + 1, sizeof *out->v);
	/* data is a map built in sorted file order, so names come sorted */
	for (size_t i = 0; i < data->u.c.n; i++) {
		const struct meta *m = data->u.c.items[i];
		if (!dataset_is(m))
			continue;
		struct dataset *d = &out->v[out->n];
		memset(d, 0, sizeof *d);
		d->name = data->u.c.keys[i];
		d->file = m->file;
		int bad = dataset_head(d, m);
		bad |= meta_get(m, "columns") || meta_get(m, "rows") ? dataset_records(d, m)
								     : dataset_pairs(d, m);
		if (bad) {
			/* kept, marked, so blocks that use it stay quiet */
			dataset_release(d);
			d->name = data->u.c.keys[i];
			d->file = m->file;
			d->broken = 1;
		}
		out->n++;
	}
}

const struct dataset *dataset_find(const struct datasets *all, const char *name)
{
	for (size_t i = 0; all && i < all->n; i++)
		if (strcmp(all->v[i].name, name) == 0)
			return &all->v[i];
	return NULL;
}

int dataset_col_index(const struct dataset *d, const char *id)
{
	for (size_t i = 0; i < d->ncols; i++)
		if (d->cols[i].id && strcmp(d->cols[i].id, id) == 0)
			return (int)i;
	return -1;
}

void dataset_known_cols(const struct dataset *d, struct buf *out)
{
	for (size_t i = 0; i < d->ncols; i++) {
		if (i)
			buf_adds(out, ", ");
		buf_adds(out, d->cols[i].id ? d->cols[i].id : "?");
	}
	if (out->n == 0)
		buf_adds(out, "none");
}

void dataset_known(const struct datasets *all, struct buf *out)
{
	for (size_t i = 0; all && i < all->n; i++) {
		if (i)
			buf_adds(out, ", ");
		buf_adds(out, all->v[i].name);
	}
	if (out->n == 0)
		buf_adds(out, "none: put data sets in content/data/");
}

void dataset_free_all(struct datasets *all)
{
	for (size_t i = 0; i < all->n; i++)
		dataset_release(&all->v[i]);
	free(all->v);
	memset(all, 0, sizeof *all);
}
