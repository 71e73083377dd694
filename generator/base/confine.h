/* confine: every file of a project is opened beneath the project's
 * folder (or beneath the theme's), so that no symbolic link, ".." or
 * absolute path reads, copies or publishes a file from elsewhere on
 * the machine. Besides the usual errno values, the calls fail with
 * EXDEV (the path leads outside root), ELOOP (a loop of symbolic
 * links) and ESPIPE (not a regular file: a named pipe, socket or
 * device, which would block a read); confine_strerror says them. */
#ifndef TEBIKI_CONFINE_H
#define TEBIKI_CONFINE_H
#include <stddef.h>
#include <sys/stat.h>

/* A regular file under root, opened for reading; -1 and errno. */
int confine_open(const char *root, const char *rel);
/* What rel is (symbolic links followed, beneath root); -1 and errno. */
int confine_stat(const char *root, const char *rel, struct stat *st);
/* The whole file, NUL-terminated; NULL and errno. */
char *confine_read(const char *root, const char *rel, size_t *len);
/* Copies root/rel to the path to (anywhere: the output), making parents. */
int confine_copy(const char *root, const char *rel, const char *to);
/* strerror, with sentences for EXDEV, ELOOP and ESPIPE. */
const char *confine_strerror(int e);

/* Walks root/rel in sorted order, hidden names skipped. visit gets
 * the root-relative path of each entry and what it is; for a folder
 * it returns 1 to go into it. A symbolic link that leads outside
 * root, a loop, and a second way into a folder already walked are
 * reported (at display/REL, display may be NULL) and not followed.
 * Of a plain file's st only st_mode is sure to be filled (the folder
 * says what it is: no stat call for each of 10,000 pages). Returns the
 * number of errors reported. */
typedef int (*confine_visit)(void *ctx, const char *rel, const struct stat *st);
int confine_walk(const char *root, const char *rel, const char *display,
		 confine_visit visit, void *ctx);

#endif
