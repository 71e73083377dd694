/* new: the files of a starter project are real files in the source
 * tree (generator/skel/KIND/…, so they are edited and built like any
 * project) compiled into the binary by the Makefile (skel.h), so an
 * installed tebiki needs nothing beside it to start a project. */
#include "new.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fsutil.h"
#include "base/xalloc.h"

struct new_file {
	const char *path;	/* "seminar/content/_index.md" */
	const char *text;
};

static const struct new_file new_files[] = {
#include "skel.h"
};

static const char *new_kinds[] = {"seminar", "minimal", NULL};

int new_is_kind(const char *kind)
{
	for (int i = 0; new_kinds[i]; i++)
		if (strcmp(kind, new_kinds[i]) == 0)
			return 1;
	return 0;
}

/* The path inside the project if f belongs to kind, else NULL. */
static const char *new_rel(const struct new_file *f, const char *kind)
{
	size_t n = strlen(kind);
	return strncmp(f->path, kind, n) == 0 && f->path[n] == '/' ? f->path + n + 1 : NULL;
}

static int new_fail(const char *dir, const char *what, const char *why)
{
	fprintf(stderr, "tebiki: %s: %s%s%s\n", dir, what, why ? ": " : "", why ? why : "");
	return 2;
}

/* Takes away what a failed run wrote: DIR was empty (or absent) before. */
static void new_undo(const char *dir, int made)
{
	if (made) {
		fs_rmtree(dir);
		return;
	}
	size_t n;
	char **names = fs_list(dir, &n);
	for (size_t i = 0; i < n; i++) {
		char *p = fs_join(dir, names[i]);
		fs_rmtree(p);
		free(p);
	}
	fs_list_free(names, n);
}

int new_project(const char *dir, const char *kind)
{
	struct stat st;
	int made = 0;
	if (lstat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return new_fail(dir, "exists and is not a folder", NULL);
		size_t n;
		char **names = fs_list(dir, &n);
		int unreadable = names == NULL;
		fs_list_free(names, n);
		if (unreadable)
			return new_fail(dir, "cannot read the folder", strerror(errno));
		if (n > 0)
			return new_fail(dir, "the folder is not empty; nothing was written", NULL);
	} else if (errno != ENOENT) {
		return new_fail(dir, "cannot use", strerror(errno));
	} else if (fs_mkdirs(dir) < 0) {
		return new_fail(dir, "cannot create the folder", strerror(errno));
	} else {
		made = 1;
	}
	size_t written = 0;
	for (size_t i = 0; i < sizeof new_files / sizeof *new_files; i++) {
		const char *rel = new_rel(&new_files[i], kind);
		if (rel == NULL)
			continue;
		char *path = fs_join(dir, rel);
		int r = fs_write(path, new_files[i].text, strlen(new_files[i].text));
		int e = errno;
		if (r < 0) {
			new_fail(path, "cannot write", strerror(e));
			free(path);
			new_undo(dir, made);
			return 2;
		}
		free(path);
		written++;
	}
	printf("tebiki: wrote a %s project (%zu files) into %s\n"
	       "next:\n  cd %s\n  tebiki serve      # and open http://127.0.0.1:1313/\n",
	       kind, written, dir, dir);
	return 0;
}
