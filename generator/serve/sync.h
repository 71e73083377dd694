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

/* from and to must be on one file system. skip: a top-level name of
 * `to` that is someone else's (NULL: none). Adds each path changed,
 * removed or added to *changed. Returns 0, or -1 after a diagnostic. */
int sync_tree(const char *from, const char *to, const char *skip, struct sync_list *changed);
/* The same without removing anything: from holds some files only. */
int sync_add(const char *from, const char *to, struct sync_list *changed);
void sync_list_add(struct sync_list *l, const char *path);
void sync_list_free(struct sync_list *l);

#endif
