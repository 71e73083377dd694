/* confine: Linux's openat2 with RESOLVE_BENEATH does the work: the
 * kernel resolves every component, symbolic links included, and
 * refuses any that leaves the folder, in the same call that opens the
 * file, so there is no window between a check and the open. Where it
 * refuses a link only because it is absolute (or the kernel is older
 * than 5.6), the real paths are compared instead. */
#include "confine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "diag.h"
#include "fsutil.h"
#include "xalloc.h"

/* The slow way: is the real path of root/rel inside the real root?
 * exdev: the kernel already said the path leaves root as written. */
static int confine_open_real(const char *root, const char *rel, int flags, int exdev)
{
	char *norm = fs_normalize(rel);
	free(norm);
	if (norm == NULL)	/* "..", or absolute, as written */
		exdev = 1;
	char *full = fs_join(root, rel[0] ? rel : ".");
	char *real = realpath(full, NULL);
	int e = errno, fd = -1;
	char *rroot = realpath(root, NULL);
	size_t rl = rroot ? strlen(rroot) : 0;
	if (real == NULL || rroot == NULL)
		errno = exdev ? EXDEV : real ? ENOENT : e;
	else if (strncmp(real, rroot, rl) != 0 ||
		 (real[rl] != '/' && real[rl] != '\0' && strcmp(rroot, "/") != 0))
		errno = EXDEV;
	else
		fd = open(real, flags | O_CLOEXEC);
	free(full);
	free(real);
	free(rroot);
	return fd;
}

/* Is openat2 there to use? Not on kernels before 5.6 (ENOSYS, seen
 * once), and not under valgrind 3.19, which does not know the call and
 * prints a warning for each one (its preload library gives it away). */
static int confine_slow = -1;

static int confine_use_openat2(void)
{
	if (confine_slow < 0) {
		const char *pre = getenv("LD_PRELOAD");
		confine_slow = pre && strstr(pre, "vgpreload") != NULL;
	}
	return !confine_slow;
}

/* root/rel opened with flags, never outside root. */
static int confine_openat(const char *root, const char *rel, int flags)
{
	if (!confine_use_openat2())
		return confine_open_real(root, rel, flags, 0);
	int dfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	struct open_how how = {
		.flags = (unsigned long long)(flags | O_CLOEXEC),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	int fd = (int)syscall(SYS_openat2, dfd, rel[0] ? rel : ".", &how, sizeof how);
	int e = errno;
	close(dfd);
	if (fd < 0 && e == ENOSYS)
		confine_slow = 1;
	if (fd < 0 && (e == EXDEV || e == ENOSYS))
		return confine_open_real(root, rel, flags, e == EXDEV);
	errno = e;
	return fd;
}

int confine_stat(const char *root, const char *rel, struct stat *st)
{
	int fd = confine_openat(root, rel, O_PATH);
	if (fd < 0)
		return -1;
	int r = fstat(fd, st);
	int e = errno;
	close(fd);
	errno = e;
	return r;
}

/* confine_open, and the file's fstat in st. */
static int confine_open_stat(const char *root, const char *rel, struct stat *st)
{
	/* O_NONBLOCK: opening a named pipe must not wait for a writer */
	int fd = confine_openat(root, rel, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		int e = S_ISDIR(st->st_mode) ? EISDIR : ESPIPE;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int confine_open(const char *root, const char *rel)
{
	struct stat st;
	return confine_open_stat(root, rel, &st);
}

char *confine_read(const char *root, const char *rel, size_t *len)
{
	struct stat st;
	int fd = confine_open_stat(root, rel, &st);
	return fd < 0 ? NULL : fs_read_fd(fd, &st, len);
}

int confine_copy(const char *root, const char *rel, const char *to)
{
	size_t n;
	char *p = confine_read(root, rel, &n);
	if (p == NULL)
		return -1;
	int r = fs_write(to, p, n);
	free(p);
	return r;
}

const char *confine_strerror(int e)
{
	switch (e) {
	case EXDEV:
		return "it leads outside the project (through a symbolic link or '..')";
	case ELOOP:
		return "a loop of symbolic links";
	case ESPIPE:
		return "not a regular file (a named pipe, socket or device)";
	default:
		return fs_strerror(e);
	}
}

/* ---- walks ---------------------------------------------------------- */

struct confine_dir {
	dev_t dev;
	ino_t ino;
	char *rel;
	int open;		/* on the path being walked: a link to it is a loop */
};

struct confine_walker {
	const char *root, *display, *top;
	char *top_real;		/* the real path of root/top, where the walk began */
	confine_visit visit;
	void *ctx;
	struct confine_dir *dirs;
	size_t ndirs;
	int errors;
};

static void confine_report(struct confine_walker *w, const char *rel, const char *fmt,
			   const char *arg)
{
	char *where = w->display ? fs_join(w->display, rel) : xstrdup(rel);
	diag_error(where, 0, 0, fmt, arg);
	free(where);
	w->errors++;
}

static struct confine_dir *confine_seen(struct confine_walker *w, const struct stat *st)
{
	for (size_t i = 0; i < w->ndirs; i++)
		if (w->dirs[i].dev == st->st_dev && w->dirs[i].ino == st->st_ino)
			return &w->dirs[i];
	return NULL;
}

static void confine_walk_dir(struct confine_walker *w, const char *rel, const struct stat *st);

/* Is the path a the folder b or inside it? */
static int confine_within(const char *a, const char *b)
{
	size_t n = strlen(b);
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/' || strcmp(b, "/") == 0);
}

/* A link to a folder that the walk reaches by its own path anyway (a
 * loop when it is one of the folders the link is in): reported at the
 * link, whichever comes first in the walk. 1 if so. */
static int confine_link_inside(struct confine_walker *w, const char *rel)
{
	char *full = fs_join(w->root, rel), *dir = fs_dirname(full);
	char *real = realpath(full, NULL), *here = realpath(dir, NULL);
	int r = real && here && w->top_real && confine_within(real, w->top_real);
	if (r && confine_within(here, real)) {
		confine_report(w, rel, "not read: %s", confine_strerror(ELOOP));
	} else if (r) {
		char *same = fs_join(w->top, real + strlen(w->top_real) + (real[strlen(w->top_real)] == '/'));
		confine_report(w, rel, "not read: a second way into %s (a symbolic link)", same);
		free(same);
	}
	free(full);
	free(dir);
	free(real);
	free(here);
	return r;
}

/* An entry of the folder dfd: a plain file or folder is looked at
 * where it is; a symbolic link is resolved beneath the root. */
static void confine_entry(struct confine_walker *w, int dfd, const char *name,
			  const char *rel, unsigned char type)
{
	struct stat st = {.st_mode = S_IFREG};
	if (type == DT_REG) {	/* what the folder says is enough */
		w->visit(w->ctx, rel, &st);
		return;
	}
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return;	/* gone meanwhile */
	int link = S_ISLNK(st.st_mode);
	if (link && confine_stat(w->root, rel, &st) < 0) {
		if (errno == EXDEV || errno == ELOOP)
			confine_report(w, rel, "not read: %s", confine_strerror(errno));
		return;	/* a dangling link is no file */
	}
	if (link && S_ISDIR(st.st_mode) && confine_link_inside(w, rel))
		return;
	if (!S_ISDIR(st.st_mode)) {
		w->visit(w->ctx, rel, &st);
		return;
	}
	struct confine_dir *seen = confine_seen(w, &st);
	if (seen && seen->open)
		confine_report(w, rel, "not read: %s", confine_strerror(ELOOP));
	else if (seen)
		confine_report(w, rel, "not read: a second way into %s (a symbolic link)",
			       seen->rel);
	else if (w->visit(w->ctx, rel, &st))
		confine_walk_dir(w, rel, &st);
}

/* A folder's entry, and what the folder says it is (DT_REG, ...). */
struct confine_name {
	char *name;
	unsigned char type;
};

static int confine_namecmp(const void *a, const void *b)
{
	return strcmp(((const struct confine_name *)a)->name, ((const struct confine_name *)b)->name);
}

static void confine_walk_dir(struct confine_walker *w, const char *rel, const struct stat *st)
{
	w->dirs = xrealloc(w->dirs, (w->ndirs + 1) * sizeof *w->dirs);
	size_t me = w->ndirs++;
	w->dirs[me] = (struct confine_dir){st->st_dev, st->st_ino, xstrdup(rel), 1};
	int fd = confine_openat(w->root, rel, O_RDONLY | O_DIRECTORY);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		confine_report(w, rel, "cannot read the folder: %s", confine_strerror(errno));
		return;
	}
	size_t n = 0, cap = 16;
	struct confine_name *names = xmalloc(cap * sizeof *names);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;	/* hidden, and . and .. */
		if (n == cap)
			names = xrealloc(names, (cap *= 2) * sizeof *names);
		names[n++] = (struct confine_name){xstrdup(e->d_name), e->d_type};
	}
	if (n > 1)
		qsort(names, n, sizeof *names, confine_namecmp);
	for (size_t i = 0; i < n; i++) {
		char *sub = rel[0] ? fs_join(rel, names[i].name) : xstrdup(names[i].name);
		confine_entry(w, dirfd(d), names[i].name, sub, names[i].type);
		free(sub);
		free(names[i].name);
	}
	closedir(d);
	free(names);
	w->dirs[me].open = 0;
}

int confine_walk(const char *root, const char *rel, const char *display,
		 confine_visit visit, void *ctx)
{
	char *top = fs_join(root, rel);
	struct confine_walker w = {root, display, rel, realpath(top, NULL), visit, ctx, NULL, 0, 0};
	free(top);
	struct stat st;
	if (confine_stat(root, rel, &st) < 0) {
		if (errno == EXDEV || errno == ELOOP)
			confine_report(&w, rel, "not read: %s", confine_strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		confine_walk_dir(&w, rel, &st);
	}
	for (size_t i = 0; i < w.ndirs; i++)
		free(w.dirs[i].rel);
	free(w.dirs);
	free(w.top_real);
	return w.errors;
}
