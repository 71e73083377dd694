/* dataset: a typed table of figures from content/data/NAME.yaml, as
 * checked by input/dataset. Both YAML forms (categories/values and
 * columns/rows) become the same shape: columns and a grid of cells,
 * so charts and tables never care which form the author wrote. */
#ifndef TEBIKI_DATASET_H
#define TEBIKI_DATASET_H
#include <stddef.h>

enum dataset_type { DATASET_TEXT, DATASET_NUMBER, DATASET_DATE };

struct dataset_col {
	const char *id;		/* "participants" */
	const char *label;	/* "参加者" (the id when none is given) */
	const char *unit;	/* "名", or NULL */
	enum dataset_type type;
	int decimals;		/* the most decimals any value is written with */
	int line, col;		/* where the column is declared */
};

struct dataset_cell {
	const char *text;	/* as written; NULL when the row leaves it out */
	double num;		/* NUMBER columns */
	int line, col;
};

struct dataset {
	const char *name;	/* "venues": the file name without .yaml */
	const char *file;	/* "content/data/venues.yaml" */
	const char *title;	/* the name when none is given */
	const char *source;	/* required: where the figures come from */
	const char *unit;	/* of the whole set, or NULL */
	const char *note;
	int illustrative;	/* made-up figures, labelled as such */
	int broken;		/* had errors (reported): blocks that use it stay quiet */
	struct dataset_col *cols;
	size_t ncols;
	struct dataset_cell *cells;	/* nrows × ncols, row by row */
	size_t nrows;
};

/* The data sets of a site, sorted by name. Strings are borrowed from
 * the site's data values, which outlive them. */
struct datasets {
	struct dataset *v;
	size_t n;
};

static inline const struct dataset_cell *dataset_cell(const struct dataset *d,
						       size_t row, size_t col)
{
	return &d->cells[row * d->ncols + col];
}

#endif
