/* spec: what the YAML bodies of ```chart, ```table and ```checklist
 * blocks have in common: known keys, typed options, the data set and
 * its columns, each problem reported where it was written. */
#ifndef TEBIKI_SPEC_H
#define TEBIKI_SPEC_H

struct dataset;
struct datasets;
struct meta;

/* Reports every key of m not in known (NULL-terminated). what names
 * the block ("chart option"). Returns the number of unknown keys. */
int spec_keys(const struct meta *m, const char *const *known, const char *what);
/* A true/false option; dflt when absent. Returns -1 after an error. */
int spec_bool(const struct meta *m, const char *key, int dflt, int *out);
/* A text option, or NULL when absent; *bad set after an error. */
const char *spec_text(const struct meta *m, const char *key, int *bad);
/* One of names (NULL-terminated); dflt when absent; -1 after an error. */
int spec_enum(const struct meta *m, const char *key, const char *const *names, int dflt);
/* The data set named by 'data'. Returns NULL after an error, or with
 * *broken set when the set had errors of its own (already reported). */
const struct dataset *spec_dataset(const struct meta *m, const struct datasets *all,
				   const char *file, int line, const char *what, int *broken);
/* A column of d named by the scalar v, or -1 after an error. */
int spec_column(const struct dataset *d, const struct meta *v);

#endif
