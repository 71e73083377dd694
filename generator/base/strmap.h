/* strmap: strings to numbers, a hash table with open addressing. The
 * keys are borrowed: they must outlive the map and not change. For
 * the places where a search of everything seen so far made a large
 * input quadratic (duplicate YAML keys, repeated heading ids). */
#ifndef TEBIKI_STRMAP_H
#define TEBIKI_STRMAP_H
#include <stddef.h>

struct strmap_slot {
	const char *key;
	size_t value;
};

struct strmap {
	struct strmap_slot *v;
	size_t cap, n;
};

/* The value of key, or NULL. */
size_t *strmap_get(const struct strmap *m, const char *key);
/* The value of key, added as 0 if it is new. The pointer is good until
 * the next strmap_put. */
size_t *strmap_put(struct strmap *m, const char *key);
void strmap_free(struct strmap *m);

#endif
