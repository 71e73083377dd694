/* arena: a list of blocks; big requests get a block of their own so
 * the common small allocations stay dense. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Blocks start small and double: most documents are a few KB, and
 * ten thousand half-empty 16 KB blocks would be most of the memory. */
#define ARENA_FIRST 1024
/* Nodes hold pointers and integers, nothing wider. */
#define ARENA_ALIGN 8
#define ARENA_MAX 65536

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

static size_t arena_round(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

/* n bytes, not cleared. */
static void *arena_take(struct arena *a, size_t n)
{
	n = arena_round(n);
	struct arena_block *b = a->head;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = a->next ? a->next : ARENA_FIRST;
		a->next = cap * 2 > ARENA_MAX ? ARENA_MAX : cap * 2;
		if (n > cap / 4) {
			struct arena_block *big = arena_block_new(n);
			if (b) {	/* keep the current block on top */
				big->next = b->next;
				b->next = big;
			} else
				a->head = big;
			big->used = n;
			return big->data;
		}
		b = arena_block_new(cap);
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return memset(arena_take(a, n), 0, arena_round(n));	/* the padding too */
}

void arena_reserve(struct arena *a, size_t n)
{
	if (a->head == NULL && n > ARENA_FIRST)
		a->head = arena_block_new(arena_round(n));
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1);	/* every byte is written */
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
