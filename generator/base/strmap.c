/* strmap: FNV-1a hashes, linear probing, kept at most half full. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static size_t strmap_hash(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct strmap_slot *strmap_find(const struct strmap *m, const char *key)
{
	size_t i = strmap_hash(key) & (m->cap - 1);
	while (m->v[i].key && strcmp(m->v[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

size_t *strmap_get(const struct strmap *m, const char *key)
{
	if (m->n == 0)
		return NULL;
	struct strmap_slot *s = strmap_find(m, key);
	return s->key ? &s->value : NULL;
}

size_t *strmap_put(struct strmap *m, const char *key)
{
	if (2 * (m->n + 1) > m->cap) {
		struct strmap old = *m;
		m->cap = m->cap ? m->cap * 2 : 16;
		m->v = xcalloc(m->cap, sizeof *m->v);
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].key)
				*strmap_find(m, old.v[i].key) = old.v[i];
		free(old.v);
	}
	struct strmap_slot *s = strmap_find(m, key);
	if (s->key == NULL) {
		s->key = key;
		s->value = 0;
		m->n++;
	}
	return &s->value;
}

void strmap_free(struct strmap *m)
{
	free(m->v);
	m->v = NULL;
	m->cap = m->n = 0;
}
