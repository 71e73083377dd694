/* sync: compares by size, then bytes; the comparison reads both files,
 * which costs less than a page render and keeps unchanged files (and
 * their browsers) untouched. */
#include "sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/xalloc.h"

void sync_list_add(struct sync_list *l, const char *path)
{
	l->paths = xrealloc(l->paths, (l->n + 1) * sizeof *l->paths);
	l->paths[l->n++] = xstrdup(path);
}

void sync_list_free(struct sync_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	l->paths = NULL;
	l->n = 0;
}

static int sync_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void sync_list_sort(struct sync_list *l)
{
	if (l->n > 1)
		qsort(l->paths, l->n, sizeof *l->paths, sync_cmp);
}

static int sync_same(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) < 0 || stat(b, &sb) < 0 || sa.st_size != sb.st_size)
		return 0;	/* the sizes say it: nothing read */
	size_t n;
	char *pa = fs_read(a, &n);
	int same = pa && fs_holds(b, pa, n);
	free(pa);
	return same;
}

static char *sync_rel(const char *rel, const char *name)
{
	return rel[0] ? xasprintf("%s/%s", rel, name) : xstrdup(name);
}

/* New and changed files of from/rel into to/rel. */
static int sync_in(const char *from, const char *to, const char *rel, struct sync_list *changed)
{
	char *dir = fs_join(from, rel);
	size_t n;
	char **names = fs_list(dir, &n);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *r = sync_rel(rel, names[i]);
		char *a = fs_join(from, r), *b = fs_join(to, r);
		if (fs_isdir(a)) {
			if (!fs_isdir(b)) {
				fs_rmtree(b);	/* a file where a folder is now */
				fs_mkdirs(b);
			}
			rc = sync_in(from, to, r, changed);
		} else if (!sync_same(a, b)) {
			if (fs_isdir(b))
				fs_rmtree(b);
			char *parent = fs_dirname(b);
			fs_mkdirs(parent);
			free(parent);
			if (rename(a, b) < 0) {
				diag_error(NULL, 0, 0, "cannot write %s: %s", b, strerror(errno));
				rc = -1;
			} else {
				sync_list_add(changed, r);
			}
		}
		free(r);
		free(a);
		free(b);
	}
	fs_list_free(names, n);
	free(dir);
	return rc;
}

static int sync_skipped(const char *const *skip, const char *name)
{
	for (; skip && *skip; skip++)
		if (strcmp(*skip, name) == 0)
			return 1;
	return 0;
}

/* Is r among the kept paths (sorted), or with dir set, a folder that
 * holds one? */
static int sync_kept(const struct sync_list *kept, const char *r, int dir)
{
	if (kept == NULL)
		return 0;
	size_t lo = 0, hi = kept->n, n = strlen(r);
	while (lo < hi) {	/* the first path not before r */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(kept->paths[mid], r) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == kept->n)
		return 0;
	const char *k = kept->paths[lo];
	return dir ? strncmp(k, r, n) == 0 && k[n] == '/' : strcmp(k, r) == 0;
}

/* Files of to/rel that from/rel no longer has, and that are not kept. */
static void sync_out(const char *from, const char *to, const char *rel,
		     const char *const *skip, const struct sync_list *kept,
		     struct sync_list *changed)
{
	char *dir = fs_join(to, rel);
	size_t n;
	char **names = fs_list(dir, &n);
	for (size_t i = 0; i < n; i++) {
		if (!rel[0] && sync_skipped(skip, names[i]))
			continue;
		char *r = sync_rel(rel, names[i]);
		char *a = fs_join(from, r), *b = fs_join(to, r);
		struct stat st;
		int there = lstat(a, &st) == 0, isdir = fs_isdir(b);
		if (there ? S_ISDIR(st.st_mode) && isdir : isdir && sync_kept(kept, r, 1)) {
			sync_out(from, to, r, skip, kept, changed);
		} else if (!there && !sync_kept(kept, r, 0)) {
			fs_rmtree(b);
			sync_list_add(changed, r);
		}
		free(r);
		free(a);
		free(b);
	}
	fs_list_free(names, n);
	free(dir);
}

int sync_add(const char *from, const char *to, struct sync_list *changed)
{
	return sync_in(from, to, "", changed);
}

int sync_tree(const char *from, const char *to, const char *const *skip,
	      const struct sync_list *kept, struct sync_list *changed)
{
	if (fs_mkdirs(to) < 0) {
		diag_error(NULL, 0, 0, "cannot create %s: %s", to, strerror(errno));
		return -1;
	}
	sync_out(from, to, "", skip, kept, changed);
	return sync_in(from, to, "", changed);
}
