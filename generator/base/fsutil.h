/* fsutil: the file system calls tebiki needs, with errno kept for
 * the caller's diagnostic. */
#ifndef TEBIKI_FSUTIL_H
#define TEBIKI_FSUTIL_H
#include <stddef.h>

struct stat;

/* NUL-terminated; NULL + errno (ESPIPE: not a regular file). Paths of
 * a project's files go through base/confine instead. */
char *fs_read(const char *path, size_t *len);
/* Reads fd to the end and closes it; known: its fstat, or NULL. */
char *fs_read_fd(int fd, const struct stat *known, size_t *len);
int fs_write(const char *path, const char *data, size_t len);	/* makes parents */
/* Is path a regular file of exactly these bytes? A size that differs
 * answers without a read. */
int fs_holds(const char *path, const char *data, size_t len);
/* Why a write failed, as a sentence: "the disk is full" for ENOSPC. */
const char *fs_strerror(int e);
/* Whether to report a write that failed with e: a full disk fails
 * every write after it, and is said once. */
int fs_report(int e);
int fs_copy(const char *from, const char *to);	/* makes parents */
void fs_freeze(void);	/* no more writes, ever: the process is ending */
int fs_mkdirs(const char *path);
int fs_rmtree(const char *path);
int fs_isdir(const char *path);
int fs_isfile(const char *path);
char *fs_join(const char *a, const char *b);
char **fs_list(const char *dir, size_t *n);	/* sorted names, no . and .. */
void fs_list_free(char **names, size_t n);
void fs_sort_names(char **names, size_t n);
char *fs_dirname(const char *path);
char *fs_normalize(const char *path);	/* folds "." and "..", NULL if it leaves */

#endif
