/* fsutil: plain POSIX; sorted directory listings so every walk of the
 * content tree is in the same order. */
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

char *fs_read(const char *path, size_t *len)
{
	/* O_NONBLOCK: opening a named pipe must not wait for a writer */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int e = S_ISDIR(st.st_mode) ? EISDIR : ESPIPE;
		close(fd);
		errno = e;
		return NULL;
	}
	return fs_read_fd(fd, &st, len);
}

int fs_holds(const char *path, const char *data, size_t len)
{
	struct stat st;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return 0;
	size_t n;
	char *had = fs_read(path, &n);
	int same = had && n == len && (n == 0 || memcmp(had, data, n) == 0);
	free(had);
	return same;
}

char *fs_read_fd(int fd, const struct stat *known, size_t *len)
{
	struct stat st;
	if (known)
		st = *known;
	else if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	/* + 2: room for the read that finds the end, and the NUL, so a
	 * file that is as long as it said is read without growing */
	size_t cap = (size_t)st.st_size + 2, n = 0;
	char *p = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap)
			p = xrealloc(p, cap *= 2);
		ssize_t r = read(fd, p + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(p);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

int fs_mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int r = mkdir(p, 0777);
	free(p);
	return r < 0 && errno != EEXIST ? -1 : 0;
}

static int fs_mkparent(const char *path)
{
	char *d = fs_dirname(path);
	int r = fs_mkdirs(d);
	free(d);
	return r;
}

/* Writers hold the read side; fs_freeze takes the write side for good,
 * so that once the watchdog decides to remove the output, no thread
 * is still writing into it. */
static pthread_rwlock_t fs_writers = PTHREAD_RWLOCK_INITIALIZER;

void fs_freeze(void)
{
	pthread_rwlock_wrlock(&fs_writers);
}

static int fs_write_locked(const char *path, const char *data, size_t len);

int fs_write(const char *path, const char *data, size_t len)
{
	pthread_rwlock_rdlock(&fs_writers);
	int r = fs_write_locked(path, data, len);
	pthread_rwlock_unlock(&fs_writers);
	return r;
}

static int fs_write_locked(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0 && errno == ENOENT) {
		if (fs_mkparent(path) < 0)
			return -1;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	}
	if (fd < 0)
		return -1;
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return close(fd);
}

const char *fs_strerror(int e)
{
	switch (e) {
	case ENOSPC: return "the disk is full";
	case EDQUOT: return "the disk quota is used up";
	case EROFS: return "the file system is read-only";
	case EFBIG: return "the file is larger than the file system allows";
	case EIO: return "an input/output error (is the disk failing?)";
	default: return strerror(e);
	}
}

int fs_report(int e)
{
	static int full;
	if (e != ENOSPC && e != EDQUOT)
		return 1;
	return __atomic_exchange_n(&full, 1, __ATOMIC_RELAXED) == 0;
}

int fs_copy(const char *from, const char *to)
{
	size_t n;
	char *p = fs_read(from, &n);
	if (p == NULL)
		return -1;
	int r = fs_write(to, p, n);
	free(p);
	return r;
}

int fs_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	size_t n;
	char **names = fs_list(path, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = fs_join(path, names[i]);
		fs_rmtree(sub);
		free(sub);
	}
	fs_list_free(names, n);
	return rmdir(path);
}

int fs_isdir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_isfile(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *fs_join(const char *a, const char *b)
{
	if (a == NULL || *a == '\0' || strcmp(a, ".") == 0)
		return xstrdup(b);
	size_t la = strlen(a);
	return xasprintf("%s%s%s", a, a[la - 1] == '/' ? "" : "/", b);
}

static int fs_namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **fs_list(const char *dir, size_t *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (d == NULL)
		return NULL;
	size_t cap = 16;
	char **names = xmalloc(cap * sizeof *names);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (*n == cap)
			names = xrealloc(names, (cap *= 2) * sizeof *names);
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	fs_sort_names(names, *n);
	return names;
}

void fs_sort_names(char **names, size_t n)
{
	if (n > 1)
		qsort(names, n, sizeof *names, fs_namecmp);
}

void fs_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

char *fs_dirname(const char *path)
{
	const char *s = strrchr(path, '/');
	if (s == NULL)
		return xstrdup(".");
	if (s == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(s - path));
}

/* Relative paths only: the result never starts with "/" or "..", which
 * is what keeps links and includes inside the project. */
char *fs_normalize(const char *path)
{
	if (path[0] == '/')
		return NULL;
	struct buf out = {0};
	size_t *marks = xmalloc((strlen(path) + 1) * sizeof *marks);
	size_t depth = 0;
	const char *s = path;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 0 || (len == 1 && s[0] == '.')) {
			/* skip */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (depth == 0) {
				free(marks);
				buf_free(&out);
				return NULL;
			}
			out.n = marks[--depth];
			out.p[out.n] = '\0';
		} else {
			marks[depth++] = out.n;
			if (out.n)
				buf_addc(&out, '/');
			buf_add(&out, s, len);
		}
		s += len;
		if (*s == '/')
			s++;
	}
	free(marks);
	return buf_detach(&out);
}
