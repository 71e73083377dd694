/* arena: bump allocation for things that live and die together
 * (one document tree, one page's strings). */
#ifndef TEBIKI_ARENA_H
#define TEBIKI_ARENA_H
#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
	size_t next;		/* size of the next block */
};

void *arena_alloc(struct arena *a, size_t n);	/* zeroed */
/* Sizes the first block when the caller can guess the total. */
void arena_reserve(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

#endif
