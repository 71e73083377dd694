/* watch: one inotify watch per folder. A folder made (or moved in)
 * after the start is watched at once and read, so files written into
 * it before the watch existed are not missed; a watch whose folder is
 * gone is dropped. The project folder itself is watched without its
 * subfolders but content/, themes/ and lua/, so output/ and .git are
 * never read. */
#include "watch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/fsutil.h"
#include "../base/xalloc.h"

#define WATCH_MASK (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
		    IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB | IN_ONLYDIR)

struct watch_dir {
	int wd;
	char *path;	/* on disk */
	char *shown;	/* as reported: "content/lessons", "@theme/templates", "" */
	int top;	/* the project folder: only some subfolders count */
};

struct watch {
	int fd;
	char *root;	/* the project folder */
	struct watch_dir *dirs;
	size_t n;
};

static const char *watch_subtrees[] = {"content", "themes", "lua", NULL};

int watch_ignored(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || name[0] == '.' || name[0] == '#')	/* .x.swp, .#lock, #autosave# */
		return 1;
	if (name[n - 1] == '~' || strcmp(name, "4913") == 0)	/* backups; vim's test file */
		return 1;
	static const char *ends[] = {".swp", ".swx", ".swo", ".tmp", ".bak", ".orig",
				     "___jb_tmp___", "___jb_old___", ".crdownload", NULL};
	for (int i = 0; ends[i]; i++) {
		size_t e = strlen(ends[i]);
		if (n > e && strcmp(name + n - e, ends[i]) == 0)
			return 1;
	}
	return 0;
}

static struct watch_dir *watch_find(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

static void watch_set_add(struct watch_set *set, const char *path)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(set->paths[mid], path);
		if (c == 0)
			return;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	set->paths = xrealloc(set->paths, (set->n + 1) * sizeof *set->paths);
	memmove(set->paths + lo + 1, set->paths + lo, (set->n - lo) * sizeof *set->paths);
	set->paths[lo] = xstrdup(path);
	set->n++;
}

void watch_set_clear(struct watch_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->paths[i]);
	free(set->paths);
	memset(set, 0, sizeof *set);
}

static char *watch_join(const char *shown, const char *name)
{
	return shown[0] ? xasprintf("%s/%s", shown, name) : xstrdup(name);
}

/* Watches path and every folder under it; each file found is reported
 * to set (when not NULL): it may have been written before its folder
 * was watched. */
static void watch_tree(struct watch *w, const char *path, const char *shown, int top,
		       struct watch_set *set)
{
	int wd = inotify_add_watch(w->fd, path, WATCH_MASK);
	if (wd < 0)
		return;	/* gone already, or not a folder */
	struct watch_dir *d = watch_find(w, wd);
	if (d == NULL) {
		w->dirs = xrealloc(w->dirs, (w->n + 1) * sizeof *w->dirs);
		d = &w->dirs[w->n++];
	} else {
		free(d->path);
		free(d->shown);
	}
	d->wd = wd;
	d->path = xstrdup(path);
	d->shown = xstrdup(shown);
	d->top = top;
	size_t n;
	char **names = fs_list(path, &n);
	for (size_t i = 0; i < n; i++) {
		if (watch_ignored(names[i]))
			continue;
		if (top) {
			int wanted = 0;
			for (int k = 0; watch_subtrees[k]; k++)
				wanted |= strcmp(names[i], watch_subtrees[k]) == 0;
			if (!wanted)
				continue;
		}
		char *sub = fs_join(path, names[i]);
		char *subshown = watch_join(shown, names[i]);
		if (fs_isdir(sub))
			watch_tree(w, sub, subshown, 0, set);
		else if (set)
			watch_set_add(set, subshown);
		free(sub);
		free(subshown);
	}
	fs_list_free(names, n);
}

struct watch *watch_new(const char *dir, const char *extra)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "tebiki: cannot watch for changes (inotify): %s\n", strerror(errno));
		return NULL;
	}
	struct watch *w = xcalloc(1, sizeof *w);
	w->fd = fd;
	w->root = xstrdup(dir);
	watch_tree(w, dir, "", 1, NULL);
	if (extra)
		watch_tree(w, extra, "@theme", 0, NULL);
	return w;
}

void watch_free(struct watch *w)
{
	if (w == NULL)
		return;
	close(w->fd);
	free(w->root);
	for (size_t i = 0; i < w->n; i++) {
		free(w->dirs[i].path);
		free(w->dirs[i].shown);
	}
	free(w->dirs);
	free(w);
}

int watch_fd(const struct watch *w)
{
	return w->fd;
}

static void watch_drop(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->dirs[i].wd == wd) {
			free(w->dirs[i].path);
			free(w->dirs[i].shown);
			w->dirs[i] = w->dirs[--w->n];
			return;
		}
}

/* One event: what it names, reported, and new folders watched. */
static void watch_event(struct watch *w, const struct inotify_event *e, struct watch_set *set)
{
	if (e->mask & IN_IGNORED) {
		watch_drop(w, e->wd);
		return;
	}
	if (e->mask & IN_Q_OVERFLOW) {	/* events were lost: anything may have changed */
		watch_set_add(set, "*");
		return;
	}
	struct watch_dir *d = watch_find(w, e->wd);
	if (d == NULL || e->len == 0 || watch_ignored(e->name))
		return;
	if (d->top) {
		int wanted = strcmp(e->name, "site.yaml") == 0;
		for (int k = 0; watch_subtrees[k]; k++)
			wanted |= strcmp(e->name, watch_subtrees[k]) == 0;
		if (!wanted)
			return;
	}
	char *shown = watch_join(d->shown, e->name);
	watch_set_add(set, shown);
	if ((e->mask & (IN_CREATE | IN_MOVED_TO)) && (e->mask & IN_ISDIR)) {
		char *path = fs_join(d->path, e->name);
		watch_tree(w, path, shown, 0, set);
		free(path);
	}
	free(shown);
}

size_t watch_read(struct watch *w, struct watch_set *set)
{
	size_t before = set->n;
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *e = (const struct inotify_event *)p;
			watch_event(w, e, set);
			p += sizeof *e + e->len;
		}
	}
	/* a path renamed away or deleted, and not back: an editor may be
	 * between moving the old file aside and writing the new one */
	set->missing = 0;
	for (size_t i = 0; i < set->n && !set->missing; i++) {
		const char *p = set->paths[i];
		struct stat st;
		if (strncmp(p, "@theme/", 7) == 0 || strcmp(p, "*") == 0)
			continue;
		char *full = fs_join(w->root, p);
		set->missing = lstat(full, &st) < 0 && errno == ENOENT;
		free(full);
	}
	return set->n - before;
}
