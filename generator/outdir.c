/* outdir: the checks compare real paths (symbolic links and ".."
 * resolved), so `-o P/./content/..` or a link to the project is seen
 * for what it is. The swap is one rename(2), or one renameat2 with
 * RENAME_EXCHANGE when there is an old output: at every instant OUTDIR
 * is either the whole old output or the whole new one. */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/watchdog.h"
#include "base/xalloc.h"

static const char outdir_marker_text[] =
	"This folder was written by tebiki. Each build replaces it whole:\n"
	"keep nothing of your own in it.\n";

int outdir_mark(const char *dir)
{
	char *marker = fs_join(dir, OUTDIR_MARKER);
	int rc = fs_mkdirs(dir) < 0 ||
		 fs_write(marker, outdir_marker_text, sizeof outdir_marker_text - 1) < 0 ? -1 : 0;
	free(marker);
	return rc;
}

/* The real path of path, which need not exist yet: the real path of
 * its longest existing ancestor, then the rest folded lexically. */
static char *outdir_real(const char *path)
{
	char *abs = NULL;
	if (path[0] == '/') {
		abs = xstrdup(path);
	} else {
		char *cwd = getcwd(NULL, 0);
		abs = xasprintf("%s/%s", cwd ? cwd : ".", path);
		free(cwd);
	}
	char *head = xstrdup(abs), *real;
	while ((real = realpath(head, NULL)) == NULL) {
		char *up = fs_dirname(head);
		free(head);
		head = up;
	}
	/* what did not exist, folded onto the real ancestor */
	struct buf b = {0};
	buf_adds(&b, real);
	const char *rest = abs + strlen(head);
	for (const char *s = rest; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			char *slash = strrchr(b.p, '/');
			b.n = slash && slash != b.p ? (size_t)(slash - b.p) : 1;
			b.p[b.n] = '\0';
		} else if (n && !(n == 1 && s[0] == '.')) {
			if (b.n > 1)
				buf_addc(&b, '/');
			buf_add(&b, s, n);
		}
		s += n + (s[n] == '/');
	}
	free(abs);
	free(head);
	free(real);
	return buf_detach(&b);
}

/* Is a the folder b or inside it? */
static int outdir_within(const char *a, const char *b)
{
	size_t n = strlen(b);
	if (strcmp(b, "/") == 0)
		return 1;
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/');
}

static int outdir_refuse(const char *path, const char *why, const char *arg)
{
	diag_error(NULL, 0, 0, "refusing to write the output to %s: %s%s", path, why, arg ? arg : "");
	return 2;
}

/* The folders of a project that hold its sources. */
static const char *const outdir_sources[] = {"content", "themes", "lua", "static"};

static int outdir_check_place(const char *path, const char *dir)
{
	char *rp = realpath(dir, NULL), *ro = outdir_real(path);
	int rc = 0;
	if (rp == NULL) {
		diag_error(NULL, 0, 0, "cannot find the project %s: %s", dir, strerror(errno));
		rc = 2;
	} else if (strcmp(ro, rp) == 0) {
		rc = outdir_refuse(path, "it is the project's own folder", NULL);
	} else if (outdir_within(rp, ro)) {
		rc = outdir_refuse(path, "it contains the project ", rp);
	}
	for (size_t i = 0; rc == 0 && i < sizeof outdir_sources / sizeof *outdir_sources; i++) {
		char *src = xasprintf("%s/%s", rp, outdir_sources[i]);
		if (outdir_within(ro, src)) {
			char *what = xasprintf("it lies inside the project's %s/ folder",
					       outdir_sources[i]);
			rc = outdir_refuse(path, what, NULL);
			free(what);
		}
		free(src);
	}
	free(rp);
	free(ro);
	return rc;
}

static int outdir_has_marker(const char *dir)
{
	char *m = fs_join(dir, OUTDIR_MARKER);
	int r = fs_isfile(m);
	free(m);
	return r;
}

/* An existing OUTDIR is replaced only if tebiki made it, or if it is
 * an empty folder. */
static int outdir_check_owner(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : outdir_refuse(path, strerror(errno), NULL);
	if (!S_ISDIR(st.st_mode))
		return outdir_refuse(path, "it exists and is not a folder", NULL);
	if (outdir_has_marker(path))
		return 0;
	size_t n;
	char **names = fs_list(path, &n);
	fs_list_free(names, n);
	if (names == NULL)
		return outdir_refuse(path, strerror(errno), NULL);
	if (n == 0)
		return 0;
	return outdir_refuse(path, "the folder exists and was not made by tebiki (it has no "
			     OUTDIR_MARKER " file); give -o a new or empty folder", NULL);
}

/* One build of a project at a time: flock on its folder, which the
 * kernel releases whatever way the process ends. */
static void outdir_lock(struct outdir *o, const char *dir)
{
	o->lock = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->lock < 0)
		return;
	if (flock(o->lock, LOCK_EX | LOCK_NB) == 0)
		return;
	fprintf(stderr, "tebiki: waiting for another build of %s to finish\n", dir);
	while (flock(o->lock, LOCK_EX) < 0 && errno == EINTR)
		;
}

static char *outdir_sibling(const char *path, const char *tag, long pid)
{
	char *dir = fs_dirname(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *p = xasprintf("%s/.%s.%s-%ld", dir, base, tag, pid);
	free(dir);
	return p;
}

/* A hidden sibling .BASE.TAG-PID left by a build that is gone: the
 * process no longer exists, and tebiki's marker is inside. */
static long outdir_stale(const char *path, const char *name, const char *tag)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t bl = strlen(base), tl = strlen(tag);
	if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 || name[1 + bl] != '.' ||
	    strncmp(name + 2 + bl, tag, tl) != 0 || name[2 + bl + tl] != '-')
		return 0;
	char *end;
	long pid = strtol(name + 3 + bl + tl, &end, 10);
	if (*end || pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
		return 0;
	return pid;
}

/* What killed builds left beside OUTDIR: an old output that a build
 * moved aside and never replaced is put back; the rest is removed. */
static void outdir_tidy(const char *path)
{
	char *dir = fs_dirname(path);
	size_t n;
	char **names = fs_list(dir, &n);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			const char *tag = pass == 0 ? "old" : "tmp";
			long pid = outdir_stale(path, names[i], tag);
			char *p = pid ? outdir_sibling(path, tag, pid) : NULL;
			if (p && !outdir_has_marker(p)) {
				/* not ours after all */
			} else if (p && pass == 0 && !fs_isdir(path) && rename(p, path) == 0) {
				fprintf(stderr, "tebiki: %s: put back the output that an "
					"interrupted build had moved aside\n", path);
			} else if (p) {
				fs_rmtree(p);
			}
			free(p);
		}
	}
	fs_list_free(names, n);
	free(dir);
}

int outdir_open(struct outdir *o, const char *dir, const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	o->path = xstrndup(path, n);
	o->staging = NULL;
	o->lock = -1;
	int rc = outdir_check_place(o->path, dir);
	if (rc)
		return rc;
	outdir_lock(o, dir);
	outdir_tidy(o->path);
	if ((rc = outdir_check_owner(o->path)) != 0)
		return rc;
	o->staging = outdir_sibling(o->path, "tmp", (long)getpid());
	fs_rmtree(o->staging);
	if (outdir_mark(o->staging) < 0) {
		diag_error(NULL, 0, 0, "cannot create %s: %s", o->staging, strerror(errno));
		fs_rmtree(o->staging);
		free(o->staging);
		o->staging = NULL;
		rc = 2;
	}
	watchdog_cleanup(o->staging);
	return rc;
}

int outdir_commit(struct outdir *o)
{
	struct stat st;
	if (lstat(o->path, &st) < 0) {
		if (rename(o->staging, o->path) == 0)
			return 0;
	} else if (renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->path, RENAME_EXCHANGE) == 0) {
		fs_rmtree(o->staging);	/* now the old output */
		return 0;
	} else if (errno == EINVAL || errno == ENOSYS) {
		/* a file system without exchange: two renames, and a
		 * way back for the next build if this one dies between */
		char *old = outdir_sibling(o->path, "old", (long)getpid());
		int r = -1;
		if (rename(o->path, old) == 0) {
			if ((r = rename(o->staging, o->path)) == 0)
				fs_rmtree(old);
			else
				rename(old, o->path);
		}
		free(old);
		if (r == 0)
			return 0;
	}
	diag_error(NULL, 0, 0, "cannot move the new output to %s: %s", o->path, strerror(errno));
	return -1;
}

void outdir_abort(struct outdir *o)
{
	if (o->staging)
		fs_rmtree(o->staging);
}

void outdir_close(struct outdir *o)
{
	watchdog_cleanup(NULL);
	if (o->lock >= 0)
		close(o->lock);
	free(o->path);
	free(o->staging);
	o->path = o->staging = NULL;
	o->lock = -1;
}
