/* meta: maps keep their keys in document order; lookups are linear,
 * which is fine for front matter and config sizes. */
#include "meta.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/xalloc.h"

struct meta *meta_new(enum meta_type type, const char *file, int line, int col)
{
	struct meta *m = xcalloc(1, sizeof *m);
	m->type = type;
	m->file = file;
	m->line = line;
	m->col = col;
	return m;
}

void meta_free(struct meta *m)
{
	if (m == NULL)
		return;
	if (m->type == META_LIST || m->type == META_MAP) {
		for (size_t i = 0; i < m->u.c.n; i++) {
			meta_free(m->u.c.items[i]);
			if (m->u.c.keys)
				free(m->u.c.keys[i]);
		}
		free(m->u.c.items);
		free(m->u.c.keys);
	}
	free(m->text);
	free(m);
}

static void meta_append(struct meta *c, char *key, struct meta *v)
{
	size_t n = c->u.c.n;
	if ((n & (n - 1)) == 0) {	/* grow at powers of two */
		size_t cap = n ? n * 2 : 1;
		c->u.c.items = xrealloc(c->u.c.items, cap * sizeof *c->u.c.items);
		if (c->type == META_MAP)
			c->u.c.keys = xrealloc(c->u.c.keys, cap * sizeof *c->u.c.keys);
	}
	c->u.c.items[n] = v;
	if (c->type == META_MAP)
		c->u.c.keys[n] = key;
	c->u.c.n = n + 1;
}

void meta_push(struct meta *list, struct meta *item)
{
	meta_append(list, NULL, item);
}

void meta_set(struct meta *map, const char *key, struct meta *value)
{
	for (size_t i = 0; i < map->u.c.n; i++) {
		if (strcmp(map->u.c.keys[i], key) == 0) {
			meta_free(map->u.c.items[i]);
			map->u.c.items[i] = value;
			return;
		}
	}
	meta_append(map, xstrdup(key), value);
}

void meta_add(struct meta *map, const char *key, struct meta *value)
{
	meta_append(map, xstrdup(key), value);
}

struct meta *meta_get(const struct meta *map, const char *key)
{
	if (map == NULL || map->type != META_MAP)
		return NULL;
	for (size_t i = 0; i < map->u.c.n; i++)
		if (strcmp(map->u.c.keys[i], key) == 0)
			return map->u.c.items[i];
	return NULL;
}

const char *meta_str(const struct meta *m)
{
	if (m == NULL || m->type == META_LIST || m->type == META_MAP ||
	    m->type == META_NULL)
		return NULL;
	return m->text;
}

const char *meta_type_name(enum meta_type t)
{
	static const char *names[] = {"null", "boolean", "integer", "number",
				      "string", "list", "mapping"};
	return names[t];
}

void meta_error(const struct meta *m, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	diag_error(m->file, m->line, m->col, "%s", b.p);
	buf_free(&b);
}
