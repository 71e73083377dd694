/* meta: a YAML-independent value tree (site.yaml, front matter, data
 * files), every value with the place it came from. */
#ifndef TEBIKI_META_H
#define TEBIKI_META_H
#include <stddef.h>

enum meta_type {
	META_NULL,
	META_BOOL,
	META_INT,
	META_FLOAT,
	META_STRING,
	META_LIST,
	META_MAP
};

struct meta {
	enum meta_type type;
	int line, col;
	const char *file;	/* borrowed: outlives the value */
	union {
		int b;
		long long i;
		double f;
		struct {
			struct meta **items;
			char **keys;	/* META_MAP only */
			size_t n;
		} c;
	} u;
	char *text;		/* the scalar as written (for strings, the string) */
};

struct meta *meta_new(enum meta_type type, const char *file, int line, int col);
void meta_free(struct meta *m);
void meta_push(struct meta *list, struct meta *item);
void meta_set(struct meta *map, const char *key, struct meta *value);
/* meta_set for a key known to be new (no search: a map of 200,000
 * keys would take minutes) */
void meta_add(struct meta *map, const char *key, struct meta *value);
struct meta *meta_get(const struct meta *map, const char *key);
const char *meta_str(const struct meta *m);	/* any scalar as text, else NULL */
const char *meta_type_name(enum meta_type t);
/* An error at the value's place (file:line:col). */
void meta_error(const struct meta *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
