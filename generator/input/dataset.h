/* dataset: content/data/NAME.yaml files that hold figures become typed
 * data sets (model/dataset.h); every problem is reported at the data
 * file's line and column. Other YAML in content/data/ (a glossary a
 * Lua filter reads, say) is left alone. */
#ifndef TEBIKI_INPUT_DATASET_H
#define TEBIKI_INPUT_DATASET_H
#include <stddef.h>

#include "../model/dataset.h"

struct meta;
struct buf;

/* Does this data file look like a data set (categories/values or
 * columns/rows)? */
int dataset_is(const struct meta *m);
/* Checks every data set among data (name → value); errors reported.
 * A set with errors is left out of out. */
void dataset_load_all(const struct meta *data, struct datasets *out);
const struct dataset *dataset_find(const struct datasets *all, const char *name);
/* Index of column id, or -1. */
int dataset_col_index(const struct dataset *d, const char *id);
/* "block, region, …": the column ids, for "unknown column" messages. */
void dataset_known_cols(const struct dataset *d, struct buf *out);
/* "media, venues": the names, for "unknown data set" messages. */
void dataset_known(const struct datasets *all, struct buf *out);
void dataset_free_all(struct datasets *all);

#endif
