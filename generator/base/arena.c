/* arena: a list of blocks; big requests get a block of their own so
 * the common small allocations stay dense. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ARENA_BLOCK 16384

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

static struct arena_block *arena_block_new(size_t cap)
{
	struct arena_block *b = xmalloc(sizeof *b + cap);
	b->next = NULL;
	b->used = 0;
	b->cap = cap;
	return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	struct arena_block *b = a->head;
	if (b == NULL || b->cap - b->used < n) {
		if (n > ARENA_BLOCK / 4) {
			struct arena_block *big = arena_block_new(n);
			if (b) {	/* keep the current block on top */
				big->next = b->next;
				b->next = big;
			} else
				a->head = big;
			big->used = n;
			memset(big->data, 0, n);
			return big->data;
		}
		b = arena_block_new(ARENA_BLOCK);
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
