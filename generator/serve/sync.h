/* sync: moves the files of a freshly built tree into the served one,
 * only those whose bytes differ, each by rename() so a reader gets the
 * old file or the new one; files the new tree lacks are removed. */
#ifndef TEBIKI_SYNC_H
#define TEBIKI_SYNC_H
#include <stddef.h>

struct sync_list {
	char **paths;	/* relative to the tree, in order */
	size_t n;
};

/* from and to must be on one file system. skip: the top-level names
 * of `to` that are someone else's, NULL-terminated (NULL: none).
 * kept (sorted, or NULL): files of `to` that from lacks because they
 * were found unchanged. Adds each path changed, removed or added to
 * *changed. Returns 0, or -1 after a diagnostic. */
int sync_tree(const char *from, const char *to, const char *const *skip,
	      const struct sync_list *kept, struct sync_list *changed);
/* The same without removing anything: from holds some files only. */
int sync_add(const char *from, const char *to, struct sync_list *changed);
void sync_list_add(struct sync_list *l, const char *path);
void sync_list_free(struct sync_list *l);
void sync_list_sort(struct sync_list *l);

#endif
