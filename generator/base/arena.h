/* arena: bump allocation for things that live and die together
 * (one document tree, one page's strings). */
#ifndef TEBIKI_ARENA_H
#define TEBIKI_ARENA_H
#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
};

void *arena_alloc(struct arena *a, size_t n);	/* zeroed */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

#endif
